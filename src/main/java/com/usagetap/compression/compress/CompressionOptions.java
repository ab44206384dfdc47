package com.usagetap.compression.compress;

import java.util.List;

/**
 * What one compression is asked to do.
 *
 * @param aggressiveness fraction of the compressible tokens to remove, in [0, 1]; 0 leaves the text
 *     unchanged
 * @param forceTokens strings kept wherever they occur (the llmlingua {@code force_tokens})
 * @param forceKeepTokens the tenant's strings kept wherever they occur
 * @param forceDropPhrases phrases removed on whole words, case-insensitively, before scoring
 * @param forceReserveDigit keep every word with a digit (the lexical scorer always does)
 * @param dropConsecutive keep only the first of a run of identical force-token words
 */
public record CompressionOptions(
    double aggressiveness,
    List<String> forceTokens,
    List<String> forceKeepTokens,
    List<String> forceDropPhrases,
    boolean forceReserveDigit,
    boolean dropConsecutive) {

  public CompressionOptions {
    if (!(aggressiveness >= 0 && aggressiveness <= 1)) {
      throw new IllegalArgumentException("aggressiveness must be in [0, 1]: " + aggressiveness);
    }
    forceTokens = List.copyOf(forceTokens);
    forceKeepTokens = List.copyOf(forceKeepTokens);
    forceDropPhrases = List.copyOf(forceDropPhrases);
  }

  public static CompressionOptions of(double aggressiveness) {
    return new CompressionOptions(aggressiveness, List.of(), List.of(), List.of(), false, false);
  }
}
