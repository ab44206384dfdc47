package com.usagetap.compression.compress;

/**
 * Gives every word of a text a keep score, the way LLMLingua-2's token classifier gives each word a
 * probability of being kept.
 *
 * <p>Implementations are deterministic: the same text always gives the same words and scores. They
 * must be safe to call from many threads at once.
 */
public interface Scorer {
  /** Name and version as reported in the {@code compressor} field, e.g. {@code lexical@1}. */
  String id();

  /**
   * Splits {@code text} into words and scores them.
   *
   * @return words, a score in [0, 1] per word (higher is more worth keeping), and the words the
   *     scorer itself requires to be kept whatever the rate
   */
  ScoredText score(String text);
}
