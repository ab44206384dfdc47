package com.usagetap.compression.compress;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * Chooses the words to keep: every required word, then the best-scoring compressible words until
 * {@code 1 - aggressiveness} of the compressible tokens are kept.
 *
 * <p>This is LLMLingua-2's rule with a token budget in place of its percentile threshold: the
 * reference keeps the words whose probability lies above the percentile of the token-weighted
 * probabilities, which is the same as filling the budget best-first. Ties in score go to the
 * earlier word, so the result is deterministic.
 */
final class Selection {
  private Selection() {}

  /**
   * Decides which words to keep.
   *
   * @param costs tokens of each word
   * @param excluded words removed before selection (drop phrases); never kept
   * @return the keep flag of every word
   */
  static boolean[] choose(
      ScoredText scored, int[] costs, boolean[] excluded, double aggressiveness) {
    int n = scored.words().size();
    boolean[] keep = new boolean[n];
    long compressibleTokens = 0;
    int compressible = 0;
    for (int i = 0; i < n; i++) {
      if (excluded[i]) {
        continue;
      }
      if (scored.isRequired(i)) {
        keep[i] = true;
      } else {
        compressible++;
        compressibleTokens += costs[i];
      }
    }

    // Sort keys: score bits high, inverted index low, so ascending order ends with the best
    // word and, among equal scores, the earliest one.
    long[] order = new long[compressible];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (!excluded[i] && !scored.isRequired(i)) {
        long scoreBits = Float.floatToIntBits(Math.max(0f, scored.score(i)));
        order[k++] = (scoreBits << 32) | (Integer.MAX_VALUE - i);
      }
    }
    Arrays.sort(order);

    // The share kept is worked out on the decimal value of aggressiveness: in binary, 1 - 0.7 is
    // 0.30000000000000004, and 10 tokens at 0.7 would keep 4 instead of 3.
    long budget =
        BigDecimal.ONE
            .subtract(BigDecimal.valueOf(aggressiveness))
            .multiply(BigDecimal.valueOf(compressibleTokens))
            .setScale(0, RoundingMode.CEILING)
            .longValue();
    long kept = 0;
    for (int j = order.length - 1; j >= 0 && kept < budget; j--) {
      int word = Integer.MAX_VALUE - (int) (order[j] & 0xFFFF_FFFFL);
      keep[word] = true;
      kept += costs[word];
    }
    return keep;
  }
}
