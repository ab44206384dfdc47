package com.usagetap.compression.toon;

/**
 * The document being written: lines joined by LF with no trailing newline, each indented by its
 * depth (TOON specification §12).
 */
final class Lines {
  private final StringBuilder text = new StringBuilder();
  private final int indent;
  private final ToonDelimiter delimiter;
  private boolean empty = true;

  Lines(ToonOptions options) {
    this.indent = options.indent();
    this.delimiter = options.delimiter();
  }

  /** The document delimiter. */
  ToonDelimiter delimiter() {
    return delimiter;
  }

  /** The document delimiter's character. */
  char delimiterChar() {
    return delimiter.character();
  }

  /** Adds {@code content} as a line at {@code depth}. */
  void line(int depth, String content) {
    if (!empty) {
      text.append('\n');
    }
    text.repeat(' ', indent * depth).append(content);
    empty = false;
  }

  /** Adds {@code content} as a list item, after {@code "- "}, at {@code depth}. */
  void item(int depth, String content) {
    line(depth, "- " + content);
  }

  /** The document so far. */
  @Override
  public String toString() {
    return text.toString();
  }
}
