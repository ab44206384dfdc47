package com.usagetap.compression.config;

/**
 * When {@code compression_settings.toon: auto} rewrites a JSON segment as TOON.
 *
 * @param minJsonTokens the smallest JSON converted, in tokens of its minified form ({@code
 *     TOON_MIN_JSON_TOKENS})
 * @param minSavingsRatio the share of the minified JSON's tokens that TOON must save, in [0, 1)
 *     ({@code TOON_MIN_SAVINGS_RATIO})
 */
public record ToonSettings(int minJsonTokens, double minSavingsRatio) {
  // Chosen on the shared corpus (bench/results/toon.md): uniform records save 21-37% as TOON,
  // irregular or nested JSON 6-11% or loses, and no JSON under 100 tokens saves more than 10%.
  public static final int DEFAULT_MIN_JSON_TOKENS = 50;
  public static final double DEFAULT_MIN_SAVINGS_RATIO = 0.15;

  public static ToonSettings defaults() {
    return new ToonSettings(DEFAULT_MIN_JSON_TOKENS, DEFAULT_MIN_SAVINGS_RATIO);
  }
}
