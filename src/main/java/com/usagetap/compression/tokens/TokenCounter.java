package com.usagetap.compression.tokens;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.knuddels.jtokkit.api.Encoding;

/**
 * Counts tokens with one tokenizer.
 *
 * <p>Text is always counted as ordinary text: a special-token look-alike such as {@code
 * <|endoftext|>} inside a prompt is what a provider bills as ordinary characters, not one control
 * token.
 *
 * <p>Design. A text is counted as the sum of its segments, cut just before every space (U+0020)
 * that follows a character that is not whitespace, and short segments are counted once and
 * remembered. This is exact, not an estimate: the pre-tokenizing patterns of o200k_base and
 * cl100k_base (tiktoken's, which jtokkit implements) only ever put a space at the start of a piece
 * or inside a piece made of whitespace alone, so every such cut is a piece boundary, and byte-pair
 * merging never crosses a piece. Natural text repeats its segments (" the", " model,") so most of a
 * long prompt is counted by looking up words already seen; tests compare the result with whole-text
 * counts on real prompts and on random text.
 */
public final class TokenCounter {
  /** Segments longer than this are counted directly: they rarely repeat. */
  static final int MAX_CACHED_SEGMENT = 48;

  private final String tokenizer;
  private final boolean exact;
  private final Encoding encoding;
  private final Cache<String, Integer> segments;

  TokenCounter(
      String tokenizer, boolean exact, Encoding encoding, Cache<String, Integer> segments) {
    this.tokenizer = tokenizer;
    this.exact = exact;
    this.encoding = encoding;
    this.segments = segments;
  }

  /** A cache of segment counts for one encoding, shared by its counters. */
  static Cache<String, Integer> segmentCache(long maximumSize) {
    return Caffeine.newBuilder().maximumSize(maximumSize).build();
  }

  /** The encoding's name as reported in responses, such as {@code o200k_base}. */
  public String tokenizer() {
    return tokenizer;
  }

  /** Whether this tokenizer is the one the requested model really uses. */
  public boolean exact() {
    return exact;
  }

  public Encoding encoding() {
    return encoding;
  }

  public int count(String text) {
    return countUpTo(text, Integer.MAX_VALUE);
  }

  /**
   * Counts like {@link #count} but may stop once the count reaches {@code limit}: the result is the
   * exact count when that is below {@code limit}, and otherwise a number from {@code limit} to the
   * exact count (the exact count of a prefix ending at a segment cut).
   */
  public int countUpTo(String text, int limit) {
    int total = 0;
    int start = 0;
    for (int i = 1; i < text.length() && total < limit; i++) {
      if (text.charAt(i) == ' ' && !isPatternWhitespace(text.charAt(i - 1))) {
        total += countSegment(text.substring(start, i));
        start = i;
      }
    }
    if (text.isEmpty() || total >= limit) {
      return total;
    }
    return total + countSegment(text.substring(start));
  }

  private int countSegment(String segment) {
    if (segment.length() > MAX_CACHED_SEGMENT) {
      return encoding.countTokensOrdinary(segment);
    }
    return segments.get(segment, encoding::countTokensOrdinary);
  }

  /**
   * Whitespace as the tokenizers' {@code \s} sees it (Unicode White_Space); a cut after any of
   * these could split a run of whitespace that forms one piece.
   */
  static boolean isPatternWhitespace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
  }
}
