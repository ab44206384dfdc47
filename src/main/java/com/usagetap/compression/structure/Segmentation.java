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
  public List<int[]> inlineCodeIn(Segment prose) {
    List<int[]> inside = new ArrayList<>();
    for (Segment code : inlineCode) {
      if (code.start() >= prose.start() && code.end() <= prose.end()) {
        inside.add(new int[] {code.start() - prose.start(), code.end() - prose.start()});
      }
    }
    return inside;
  }
}
