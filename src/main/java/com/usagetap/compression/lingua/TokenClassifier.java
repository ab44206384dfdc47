package com.usagetap.compression.lingua;

import java.util.List;

/**
 * A token classifier: for each token of each sequence, the probability of label 1, "keep".
 *
 * <p>Implementations must be safe to call from many threads at once.
 */
public interface TokenClassifier extends AutoCloseable {
  /**
   * Scores a batch of token-id sequences, each already framed by the start and end tokens.
   *
   * @param sequences token ids; sequences may differ in length
   * @param attended per sequence, which positions the model may attend to (the reference masks
   *     positions whose token string is the padding token)
   * @return per sequence, the keep probability of every position
   */
  float[][] keepProbabilities(List<int[]> sequences, List<boolean[]> attended);

  @Override
  default void close() {}
}
