package com.usagetap.compression.toon;

/**
 * The delimiter that separates inline array values, tabular row cells and header fields (TOON
 * specification §11). Comma is the default and is not written into headers; tab and pipe are.
 */
public enum ToonDelimiter {
  COMMA(','),
  TAB('\t'),
  PIPE('|');

  private final char character;

  ToonDelimiter(char character) {
    this.character = character;
  }

  /** The delimiter character itself. */
  public char character() {
    return character;
  }

  /**
   * The delimiter written as {@code symbol}: {@code ","}, a tab, or {@code "|"}.
   *
   * @throws IllegalArgumentException for any other string
   */
  public static ToonDelimiter of(String symbol) {
    for (ToonDelimiter delimiter : values()) {
      if (symbol.length() == 1 && symbol.charAt(0) == delimiter.character) {
        return delimiter;
      }
    }
    throw new IllegalArgumentException(
        "unknown TOON delimiter \"" + symbol + "\": use a comma, a tab or a pipe");
  }
}
