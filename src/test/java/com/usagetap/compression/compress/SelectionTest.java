package com.usagetap.compression.compress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SelectionTest {

  private static ScoredText scored(int words, float[] scores, boolean[] required) {
    return new ScoredText(WordSegmenter.segment("w ".repeat(words)), scores, required);
  }

  private static List<Integer> kept(boolean[] keep) {
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < keep.length; i++) {
      if (keep[i]) {
        indexes.add(i);
      }
    }
    return indexes;
  }

  @Test
  void choose_halfAggressiveness_keepsBestWordsUntilHalfTheTokens() {
    float[] scores = {0.9f, 0.1f, 0.5f, 0.7f, 0.3f};
    int[] costs = {1, 2, 1, 3, 1};
    // 8 tokens, budget 4: 0.9 (1 token, total 1 < 4), then 0.7 (3 tokens, total 4) and stop.
    boolean[] keep =
        Selection.choose(scored(5, scores, new boolean[5]), costs, new boolean[5], 0.5);

    assertThat(kept(keep)).containsExactly(0, 3);
  }

  @Test
  void choose_equalScores_preferTheEarlierWords() {
    float[] scores = {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f};
    int[] costs = {1, 1, 1, 1, 1, 1};

    boolean[] keep =
        Selection.choose(scored(6, scores, new boolean[6]), costs, new boolean[6], 0.5);

    assertThat(kept(keep)).containsExactly(0, 1, 2);
  }

  @Test
  void choose_requiredWords_keptAtFullAggressivenessAndOutsideTheBudget() {
    float[] scores = {0.5f, 0.0f, 0.5f, 0.4f};
    boolean[] required = {false, true, false, false};
    int[] costs = {1, 5, 1, 1};

    boolean[] all = Selection.choose(scored(4, scores, required), costs, new boolean[4], 1.0);
    // Compressible tokens are 3, budget 1.5: the required word's 5 tokens do not count.
    boolean[] half = Selection.choose(scored(4, scores, required), costs, new boolean[4], 0.5);

    assertThat(kept(all)).containsExactly(1);
    assertThat(kept(half)).containsExactly(0, 1, 2);
  }

  @Test
  void choose_excludedWords_neverKeptEvenWhenRequiredOrBest() {
    float[] scores = {1.0f, 0.2f, 0.9f, 0.1f};
    boolean[] required = {false, false, true, false};
    boolean[] excluded = {true, false, true, false};
    int[] costs = {1, 1, 1, 1};

    boolean[] keep = Selection.choose(scored(4, scores, required), costs, excluded, 0.0);

    assertThat(kept(keep)).containsExactly(1, 3);
  }

  @Test
  void choose_aggressivenessWithInexactBinaryComplement_keepsTheDecimalShare() {
    for (int words : new int[] {10, 20, 100}) {
      float[] scores = new float[words];
      int[] costs = new int[words];
      Arrays.fill(scores, 0.5f);
      Arrays.fill(costs, 1);

      // 1 - 0.7 is 0.30000000000000004 in binary; 30% of the tokens is still 3, 6 and 30.
      boolean[] keep =
          Selection.choose(
              scored(words, scores, new boolean[words]), costs, new boolean[words], 0.7);

      assertThat(kept(keep)).as("%d words", words).hasSize(words * 3 / 10);
    }
  }

  @Test
  void choose_randomScoresAndCosts_keepMinimalBestFirstShareOfTokens() {
    Random random = new Random(7L);
    for (int round = 0; round < 200; round++) {
      int n = 1 + random.nextInt(40);
      float[] scores = new float[n];
      boolean[] required = new boolean[n];
      int[] costs = new int[n];
      for (int i = 0; i < n; i++) {
        scores[i] = random.nextInt(5) / 4f;
        required[i] = random.nextInt(6) == 0;
        costs[i] = 1 + random.nextInt(4);
      }
      int tenths = random.nextInt(10);
      double aggressiveness = tenths / 10.0;

      boolean[] keep =
          Selection.choose(scored(n, scores, required), costs, new boolean[n], aggressiveness);

      long total = 0;
      long keptTokens = 0;
      int weakestKept = -1;
      for (int i = 0; i < n; i++) {
        if (required[i]) {
          assertThat(keep[i]).as("required word %d", i).isTrue();
          continue;
        }
        total += costs[i];
        if (keep[i]) {
          keptTokens += costs[i];
          // The weakest kept word: lowest score, and the later one among equal scores.
          if (weakestKept < 0 || scores[i] <= scores[weakestKept]) {
            weakestKept = i;
          }
        }
      }
      double budget = total * (10 - tenths) / 10.0;
      assertThat((double) keptTokens).as("round %d", round).isGreaterThanOrEqualTo(budget);
      if (weakestKept >= 0) {
        assertThat((double) keptTokens - costs[weakestKept]).isLessThan(budget);
        for (int i = 0; i < n; i++) {
          if (!required[i] && !keep[i]) {
            assertThat(scores[i]).isLessThanOrEqualTo(scores[weakestKept]);
            if (scores[i] == scores[weakestKept]) {
              assertThat(i).isGreaterThan(weakestKept);
            }
          }
        }
      }
    }
  }
}
