package com.usagetap.compression.lingua;

import com.usagetap.compression.compress.Percentile;
import com.usagetap.compression.tokens.TokenCounter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One chunk's verdict, reached as the reference reaches it (rule 4 of {@link LinguaCompressor}):
 * the drop-consecutive pass, the threshold over word probabilities repeated by their cl100k token
 * counts, and the strict keep rule.
 *
 * @param labels whether each word is kept
 * @param probabilities the probability each word was compared with
 * @param threshold the chunk's threshold; NaN for a chunk without words
 * @param keptWords the kept words, from which the chunk's output is decoded
 */
@SuppressWarnings("ArrayRecordComponent") // internal carrier of per-word arrays; never compared
record ChunkDecision(
    boolean[] labels, double[] probabilities, double threshold, List<String> keptWords) {

  static ChunkDecision decide(
      ChunkScores chunk,
      ForceTokens force,
      boolean dropConsecutive,
      double reduce,
      TokenCounter cl100k) {
    List<String> words = chunk.words();
    double[] probabilities = chunk.probabilities().clone();
    int n = words.size();
    if (n == 0) {
      return new ChunkDecision(new boolean[0], probabilities, Double.NaN, List.of());
    }
    if (dropConsecutive) {
      double threshold = Percentile.linear(probabilities, (int) (100 * reduce));
      boolean between = false;
      String previous = null;
      for (int i = 0; i < n; i++) {
        String word = words.get(i);
        if (force.isForceToken(word)) {
          if (between) {
            between = false;
          } else if (word.equals(previous)) {
            probabilities[i] = 0.0;
          }
          previous = word;
        } else {
          between |= probabilities[i] > threshold;
        }
      }
    }
    int repeated = 0;
    int[] counts = new int[n];
    for (int i = 0; i < n; i++) {
      counts[i] = cl100k.count(words.get(i));
      repeated += counts[i];
    }
    double[] weighted = new double[repeated];
    int at = 0;
    for (int i = 0; i < n; i++) {
      Arrays.fill(weighted, at, at + counts[i], probabilities[i]);
      at += counts[i];
    }
    double threshold =
        repeated == 0 ? Double.NaN : Percentile.linear(weighted, (int) (100 * reduce + 1));
    boolean[] labels = new boolean[n];
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double p = probabilities[i];
      if (p > threshold || (threshold == 1.0 && p == threshold)) {
        String word = words.get(i);
        if (dropConsecutive
            && force.isForceToken(word)
            && !kept.isEmpty()
            && kept.getLast().equals(word)) {
          continue;
        }
        kept.add(word);
        labels[i] = true;
      }
    }
    return new ChunkDecision(labels, probabilities, threshold, kept);
  }
}
