package com.usagetap.compression.structure;

/** What was done to a segment, as the API's {@code sections} report it. */
public enum SegmentAction {
  /** Words were dropped (prose), or its whitespace was tidied. */
  COMPRESSED("compressed"),
  /** Kept exactly as it was. */
  PRESERVED("preserved"),
  /** JSON rewritten as TOON. */
  CONVERTED("converted"),
  /** JSON with its insignificant whitespace removed. */
  MINIFIED("minified"),
  /** Removed from the output (a {@code <nocompress>} tag). */
  DROPPED("dropped");

  private final String label;

  SegmentAction(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
