package com.usagetap.compression.toon;

import java.util.Objects;

/**
 * How {@link ToonEncoder} lays out a document: the spaces per indentation level and the document
 * delimiter (TOON specification §13). These are the only encoder options of specification 4.0; key
 * folding was removed from the format in that version.
 *
 * @param indent spaces per indentation level, at least 1
 * @param delimiter the document delimiter, used for every array and for quoting decisions
 */
public record ToonOptions(int indent, ToonDelimiter delimiter) {
  /** Two spaces and commas, the specification's defaults. */
  public static final ToonOptions DEFAULTS = new ToonOptions(2, ToonDelimiter.COMMA);

  /** Validates the options; an indent below 1 is rejected rather than clamped. */
  public ToonOptions {
    Objects.requireNonNull(delimiter, "delimiter");
    if (indent < 1) {
      throw new IllegalArgumentException("TOON indent must be at least 1 space, got " + indent);
    }
  }

  /** These options with another indent. */
  public ToonOptions withIndent(int spaces) {
    return new ToonOptions(spaces, delimiter);
  }

  /** These options with another delimiter. */
  public ToonOptions withDelimiter(ToonDelimiter other) {
    return new ToonOptions(indent, other);
  }
}
