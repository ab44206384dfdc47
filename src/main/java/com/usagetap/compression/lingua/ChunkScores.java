package com.usagetap.compression.lingua;

import java.util.ArrayList;
import java.util.List;

/**
 * The words of one chunk with the probabilities the reference gives them, merged from the model's
 * tokens.
 *
 * <p>Merging, as the reference does it: special tokens (the unknown token included) are skipped; a
 * token that {@link TokenizerFamily#beginsWord begins a word} starts one, named by the token with
 * its added tokens replaced back, any other token appends its pure form to the last word. A word's
 * probability is the mean of its tokens' keep probabilities, summed in double from zero in token
 * order, where the first token counts 1.0 when its pure form is a force token or an added token,
 * and any token counts 1.0 under {@code force_reserve_digit} when it holds a decimal digit. The
 * reference also keeps a second, "unforced" probability per word for the context-level filter; by a
 * slip in its loop every token of a word contributes the first token's raw probability to it, and
 * that is reproduced.
 *
 * @param words the merged words, metaspace words still with their leading {@code ▁}
 * @param probabilities each word's probability
 * @param unforced each word's unforced probability
 * @param firstPositions each word's first model position (for tracing it back to the text)
 * @param lastPositions each word's last model position
 */
@SuppressWarnings("ArrayRecordComponent") // internal carrier of per-token arrays; never compared
record ChunkScores(
    List<String> words,
    double[] probabilities,
    double[] unforced,
    int[] firstPositions,
    int[] lastPositions) {

  static ChunkScores merge(
      ModelTokenizer tokenizer,
      int[] ids,
      boolean[] attended,
      float[] keep,
      ForceTokens force,
      boolean reserveDigit) {
    TokenizerFamily family = tokenizer.family();
    List<String> words = new ArrayList<>();
    List<double[]> sums = new ArrayList<>();
    List<int[]> positions = new ArrayList<>();
    double unforcedFirst = 0;
    for (int position = 0; position < ids.length; position++) {
      if (!attended[position]) {
        continue;
      }
      String token = tokenizer.tokenOf(ids[position]);
      if (tokenizer.isSpecial(token)) {
        continue;
      }
      double probability = keep[position];
      boolean begins =
          words.isEmpty() || family.beginsWord(token, force.tokens(), force.addedTokens());
      if (begins) {
        String pure = family.pure(token);
        unforcedFirst = probability;
        if (force.isForceToken(pure) || force.addedTokens().contains(pure)) {
          probability = 1.0;
        }
        String word = force.restore(token);
        words.add(word);
        double counted = reserveDigit && hasDigit(word) ? 1.0 : probability;
        // sum, count, unforced sum
        sums.add(new double[] {counted, 1, unforcedFirst});
        positions.add(new int[] {position, position});
      } else {
        int last = words.size() - 1;
        words.set(last, words.get(last) + family.pure(token));
        double[] sum = sums.get(last);
        sum[0] += reserveDigit && hasDigit(token) ? 1.0 : probability;
        sum[1] += 1;
        sum[2] += unforcedFirst;
        positions.get(last)[1] = position;
      }
    }
    int n = words.size();
    double[] probabilities = new double[n];
    double[] unforced = new double[n];
    int[] first = new int[n];
    int[] lastPositions = new int[n];
    for (int i = 0; i < n; i++) {
      double[] sum = sums.get(i);
      probabilities[i] = sum[0] / sum[1];
      unforced[i] = sum[2] / sum[1];
      first[i] = positions.get(i)[0];
      lastPositions[i] = positions.get(i)[1];
    }
    return new ChunkScores(words, probabilities, unforced, first, lastPositions);
  }

  /** Python's {@code re.search(r"\d", s)}: any Unicode decimal digit. */
  static boolean hasDigit(String s) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
        return true;
      }
      i += Character.charCount(cp);
    }
    return false;
  }

  int size() {
    return words.size();
  }
}
