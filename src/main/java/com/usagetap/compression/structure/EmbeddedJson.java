package com.usagetap.compression.structure;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * One JSON value written inside a text, read strictly, with what the compression step needs to keep
 * it intact.
 *
 * <p>A span is JSON when it is exactly one RFC 8259 {@code JSON-text}: optional whitespace (space,
 * tab, line feed, carriage return), one value, optional whitespace, and nothing else. So there are
 * no comments, trailing commas, single quotes, unquoted keys, {@code NaN} or {@code Infinity},
 * leading zeros, raw control characters inside strings, escapes other than the eight RFC ones and
 * {@code \}{@code uXXXX}, or byte order marks. On top of the RFC, a span is not JSON when it is
 * longer than {@value #MAX_LENGTH} characters, nests arrays and objects deeper than {@value
 * #MAX_DEPTH} levels, holds a number literal longer than {@value #MAX_NUMBER_LENGTH} characters, or
 * a number whose exponent {@link java.math.BigDecimal} cannot hold (such as {@code 1e9999999999}).
 * These bounds keep the cost of one span linear in its length and its tree small.
 *
 * <p>Two faults that the RFC leaves to the reader do not stop parsing, because the caller keeps the
 * text verbatim and warns instead: a key repeated in one object ({@link #hasDuplicateKeys()}) and a
 * string holding an unpaired UTF-16 surrogate ({@link #hasLoneSurrogates()}).
 */
public final class EmbeddedJson {
  /** Deepest nesting of arrays and objects parsed; a span nesting one level more is not JSON. */
  public static final int MAX_DEPTH = 64;

  /**
   * Longest span parsed, in UTF-16 code units: the service's default request body limit, so no
   * default-sized body is refused for length, while a larger configured limit cannot make one tree
   * unboundedly large.
   */
  public static final int MAX_LENGTH = 1 << 20;

  /** Longest number literal parsed; exact big numbers cost time quadratic in their digits. */
  public static final int MAX_NUMBER_LENGTH = 1_000;

  private final JsonNode value;
  private final String minified;
  private final boolean duplicateKeys;
  private final boolean loneSurrogates;

  EmbeddedJson(JsonNode value, String minified, boolean duplicateKeys, boolean loneSurrogates) {
    this.value = value;
    this.minified = minified;
    this.duplicateKeys = duplicateKeys;
    this.loneSurrogates = loneSurrogates;
  }

  /**
   * Parses {@code span} as one JSON value, as the class comment defines it.
   *
   * @return the value, or empty when the span is not JSON
   */
  public static Optional<EmbeddedJson> parse(String span) {
    return parse(span, 0, span.length());
  }

  /**
   * Parses {@code text[start, end)} as one JSON value, as the class comment defines it.
   *
   * @return the value, or empty when the span is not JSON
   * @throws IndexOutOfBoundsException when the range is not within {@code text}
   */
  public static Optional<EmbeddedJson> parse(String text, int start, int end) {
    Objects.checkFromToIndex(start, end, text.length());
    return Optional.ofNullable(StrictJsonReader.read(text, start, end).json());
  }

  /**
   * The value as a tree. Every integer literal is a {@code BigIntegerNode} and every other number a
   * {@code DecimalNode} holding the literal's exact {@code BigDecimal}, scale included ({@code
   * 1.10} stays {@code 1.10}); the one thing numbers lose is the sign of {@code -0}, which neither
   * type has. When an object repeats a key, the last value is the one kept. The tree is this
   * object's own: a caller that changes it copies it first ({@link JsonNode#deepCopy()}).
   */
  public JsonNode value() {
    return value;
  }

  /** Whether some object, at any depth, has two members whose keys are equal once unescaped. */
  public boolean hasDuplicateKeys() {
    return duplicateKeys;
  }

  /**
   * Whether some string or key, once unescaped, holds a UTF-16 surrogate that is not half of a
   * pair: written as an escape such as {@code "\}{@code ud800"}, or present as a raw character.
   */
  public boolean hasLoneSurrogates() {
    return loneSurrogates;
  }

  /**
   * The span with its insignificant whitespace removed. It is built from the source tokens, not
   * from {@link #value()}: every number and string literal, escapes included, is copied as written,
   * and repeated keys all stay.
   */
  public String minified() {
    return minified;
  }
}
