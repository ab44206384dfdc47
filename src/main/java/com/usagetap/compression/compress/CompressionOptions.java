package com.usagetap.compression.compress;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What one compression is asked to do. The string lists are compiled on construction, so options
 * built once for a request cost that work once however many texts they are applied to.
 */
public final class CompressionOptions {
  private final double aggressiveness;
  private final List<String> forceTokens;
  private final List<String> forceKeepTokens;
  private final List<String> forceDropPhrases;
  private final boolean forceReserveDigit;
  private final boolean dropConsecutive;
  private final PhraseRules rules;

  // A HashSet because its buckets stay fast when tokens are chosen to share a hash code.
  private final Set<String> forceTokenSet;

  /**
   * @param aggressiveness fraction of the compressible tokens to remove, in [0, 1]; 0 leaves the
   *     text unchanged
   * @param forceTokens strings kept wherever they occur (the llmlingua {@code force_tokens})
   * @param forceKeepTokens the tenant's strings kept wherever they occur
   * @param forceDropPhrases phrases removed on whole words, case-insensitively, before scoring
   * @param forceReserveDigit keep every word with a digit (the lexical scorer always does)
   * @param dropConsecutive keep only the first of a run of identical force-token words
   * @throws IllegalArgumentException when aggressiveness is outside [0, 1]
   */
  public CompressionOptions(
      double aggressiveness,
      List<String> forceTokens,
      List<String> forceKeepTokens,
      List<String> forceDropPhrases,
      boolean forceReserveDigit,
      boolean dropConsecutive) {
    if (!(aggressiveness >= 0 && aggressiveness <= 1)) {
      throw new IllegalArgumentException("aggressiveness must be in [0, 1]: " + aggressiveness);
    }
    this.aggressiveness = aggressiveness;
    this.forceTokens = List.copyOf(forceTokens);
    this.forceKeepTokens = List.copyOf(forceKeepTokens);
    this.forceDropPhrases = List.copyOf(forceDropPhrases);
    this.forceReserveDigit = forceReserveDigit;
    this.dropConsecutive = dropConsecutive;
    this.forceTokenSet = new HashSet<>(forceTokens);
    if (forceTokens.isEmpty() && forceKeepTokens.isEmpty() && forceDropPhrases.isEmpty()) {
      this.rules = PhraseRules.NONE;
    } else {
      List<String> keep = new ArrayList<>(forceTokens);
      keep.addAll(forceKeepTokens);
      this.rules = PhraseRules.compile(keep, forceDropPhrases);
    }
  }

  public static CompressionOptions of(double aggressiveness) {
    return new CompressionOptions(aggressiveness, List.of(), List.of(), List.of(), false, false);
  }

  public double aggressiveness() {
    return aggressiveness;
  }

  public List<String> forceTokens() {
    return forceTokens;
  }

  public List<String> forceKeepTokens() {
    return forceKeepTokens;
  }

  public List<String> forceDropPhrases() {
    return forceDropPhrases;
  }

  public boolean forceReserveDigit() {
    return forceReserveDigit;
  }

  public boolean dropConsecutive() {
    return dropConsecutive;
  }

  /** Whether {@code word} is exactly one of the force tokens. */
  boolean isForceToken(String word) {
    return forceTokenSet.contains(word);
  }

  PhraseRules rules() {
    return rules;
  }
}
