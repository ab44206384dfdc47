package com.usagetap.compression.config;

/**
 * When {@code /compress} and {@code /v1/messages/compress} answer a request unchanged without
 * running the compressor, because compressing its user text could save too little (the low-savings
 * skip). The edge reads the same four settings under the same names, so both decide alike.
 *
 * @param enabled whether the rule applies at all ({@code SKIP_ENABLED})
 * @param minTextChars the fewest Unicode code points of user text worth compressing ({@code
 *     MIN_COMPRESS_TEXT_CHARS})
 * @param minEstimatedTokens the fewest tokens of user text worth compressing ({@code
 *     MIN_COMPRESS_ESTIMATED_TOKENS})
 * @param minExpectedSavingsTokens the fewest tokens that compression must be expected to save
 *     ({@code MIN_EXPECTED_SAVINGS_TOKENS})
 */
public record SkipSettings(
    boolean enabled, int minTextChars, int minEstimatedTokens, int minExpectedSavingsTokens) {
  public static final int DEFAULT_MIN_TEXT_CHARS = 240;
  public static final int DEFAULT_MIN_ESTIMATED_TOKENS = 80;
  public static final int DEFAULT_MIN_EXPECTED_SAVINGS_TOKENS = 25;

  /** The largest value each threshold may take. */
  public static final int MAX_THRESHOLD = 100_000_000;

  /** The rule switched off, with the default thresholds. */
  public static SkipSettings defaults() {
    return new SkipSettings(
        false,
        DEFAULT_MIN_TEXT_CHARS,
        DEFAULT_MIN_ESTIMATED_TOKENS,
        DEFAULT_MIN_EXPECTED_SAVINGS_TOKENS);
  }
}
