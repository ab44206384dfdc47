package com.usagetap.compression.structure;

/**
 * A run of a text, {@code [start, end)} in UTF-16 indices of the text it was found in. The range is
 * never empty; constructing a reversed or empty one throws {@link IllegalArgumentException}.
 */
public record Segment(SegmentKind kind, int start, int end) {
  public Segment {
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("bad segment range [" + start + ", " + end + ")");
    }
  }

  public int length() {
    return end - start;
  }

  public boolean contains(int index) {
    return index >= start && index < end;
  }
}
