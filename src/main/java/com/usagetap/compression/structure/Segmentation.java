package com.usagetap.compression.structure;

import java.util.ArrayList;
import java.util.List;

/**
 * A text split into segments that cover it end to end, in order, with no gaps.
 *
 * @param text the text segmented
 * @param segments the segments; consecutive, the first starting at 0 and the last ending at the
 *     text's length (none for an empty text)
 * @param inlineCode code spans lying inside prose segments, kept verbatim by the compressor
 */
public record Segmentation(String text, List<Segment> segments, List<Segment> inlineCode) {

  /** Whether every segment is prose, so that the text has no structure to respect. */
  public boolean isAllProse() {
    return inlineCode.isEmpty() && segments.stream().allMatch(s -> s.kind() == SegmentKind.PROSE);
  }

  /** The code spans inside {@code prose}, as offsets relative to its start. */
  public List<int[]> inlineCode(Segment prose) {
    // The spans are in text order: find the first at or after the segment by binary search, so
    // a text of many segments and many spans costs a logarithm per segment, not a full pass.
    int low = 0;
    int high = inlineCode.size();
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (inlineCode.get(middle).start() < prose.start()) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    List<int[]> inside = new ArrayList<>();
    for (int i = low; i < inlineCode.size() && inlineCode.get(i).end() <= prose.end(); i++) {
      Segment code = inlineCode.get(i);
      inside.add(new int[] {code.start() - prose.start(), code.end() - prose.start()});
    }
    return inside;
  }
}
