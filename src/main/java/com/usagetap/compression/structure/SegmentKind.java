package com.usagetap.compression.structure;

/** What a segment of a text is, which decides how it is treated. */
public enum SegmentKind {
  /** Ordinary text: the only kind whose words are compressed. */
  PROSE("prose"),
  /** A Markdown fenced code block, fences included. */
  CODE("code"),
  /**
   * A Markdown code span. Claimed early so that nothing inside backticks is read as a tag or as
   * JSON, then merged back into the prose around it, which keeps it verbatim; never reported.
   */
  INLINE_CODE("inline_code"),
  /** An HTML element whose content is code or layout ({@code <script>}, {@code <pre>}, ...). */
  HTML("html"),
  /** A {@code <nocompress>} span: its content is kept and its tags are removed. */
  NOCOMPRESS("nocompress"),
  /** A {@code <nocompress>} or {@code </nocompress>} tag, removed from the output. */
  NOCOMPRESS_TAG("nocompress_tag"),
  /** A section whose wording is a contract: a listed heading's section or a listed element. */
  PROTECTED("protected"),
  /** A JSON value written inside the text. */
  JSON("json"),
  /** An LLM tool or function exchange: call JSON, call markup or a ReAct action block. */
  TOOL("tool");

  private final String label;

  SegmentKind(String label) {
    this.label = label;
  }

  /** The name used in the API's {@code sections}. */
  public String label() {
    return label;
  }
}
