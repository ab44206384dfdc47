package com.usagetap.compression.structure;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code <nocompress>…</nocompress>} spans: what is between the tags is kept verbatim and the tags
 * themselves are removed from the output.
 *
 * <p>Tags are exactly {@code <nocompress>} and {@code </nocompress>} in any letter case, with no
 * attributes or spaces; tags inside earlier claims (a code block that shows the tag) are not tags.
 * Every tag is a {@link SegmentKind#NOCOMPRESS_TAG} segment and is dropped. Between an opening tag
 * and its matching closing tag, counting nesting, the text is {@link SegmentKind#NOCOMPRESS}
 * content; nested tags inside it are dropped as well, so the content of {@code <nocompress>a
 * <nocompress>b</nocompress> c</nocompress>} is {@code a b c}. An opening tag never closed protects
 * everything after it to the end of the text. A closing tag with no opening tag is dropped and
 * protects nothing.
 */
final class NocompressDetector implements SegmentDetector {
  private static final String OPEN = "<nocompress>";
  private static final String CLOSE = "</nocompress>";

  @Override
  public List<Segment> detect(String text, Claims claimed) {
    List<Segment> segments = new ArrayList<>();
    int depth = 0;
    int contentStart = -1;
    int i = 0;
    while ((i = nextTag(text, i)) >= 0) {
      Segment claim = claimed.at(i);
      if (claim != null) {
        i = claim.end();
        continue;
      }
      boolean opening = text.regionMatches(true, i, OPEN, 0, OPEN.length());
      int end = i + (opening ? OPEN.length() : CLOSE.length());
      if (depth > 0 && contentStart < i) {
        segments.add(new Segment(SegmentKind.NOCOMPRESS, contentStart, i));
      }
      segments.add(new Segment(SegmentKind.NOCOMPRESS_TAG, i, end));
      if (opening) {
        depth++;
      } else if (depth > 0) {
        depth--;
      }
      contentStart = end;
      i = end;
    }
    if (depth > 0 && contentStart < text.length()) {
      segments.add(new Segment(SegmentKind.NOCOMPRESS, contentStart, text.length()));
    }
    return segments;
  }

  /** The index of the next opening or closing tag at or after {@code from}, or -1. */
  private static int nextTag(String text, int from) {
    for (int i = text.indexOf('<', from); i >= 0; i = text.indexOf('<', i + 1)) {
      if (text.regionMatches(true, i, OPEN, 0, OPEN.length())
          || text.regionMatches(true, i, CLOSE, 0, CLOSE.length())) {
        return i;
      }
    }
    return -1;
  }
}
