package com.usagetap.compression.compress;

import com.usagetap.compression.tokens.TokenCounter;

/**
 * Compresses one text: tenant drop phrases out, scorer and force rules in, best-first selection to
 * the token budget, and output rebuilt from the original characters.
 *
 * <p>Token budgets use each word's own token count under the request's tokenizer, which the counter
 * remembers across requests. Counting words apart is not exactly the count of the joined text (a
 * tokenizer merges across spaces), which is why the API counts the whole result again before
 * reporting it.
 */
public final class TextCompressor {
  private final Scorer scorer;

  public TextCompressor(Scorer scorer) {
    this.scorer = scorer;
  }

  public String scorerId() {
    return scorer.id();
  }

  /** The mean keep score of a text's words, used to rank whole contexts against each other. */
  public double meanScore(String text) {
    ScoredText scored = scorer.score(text);
    int n = scored.words().size();
    if (n == 0) {
      return 0;
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += scored.score(i);
    }
    return sum / n;
  }

  public Compression compress(String text, CompressionOptions options, TokenCounter counter) {
    ScoredText scored = scorer.score(text);
    Words words = scored.words();
    int n = words.size();
    if (options.aggressiveness() == 0 || n == 0) {
      return new Compression(text, n, n, 0, 0);
    }

    options.rules().requireOccurrences(scored);
    boolean[] excluded = new boolean[n];
    int dropped = options.rules().excludeDropPhrases(words, excluded);
    int required = 0;
    for (int i = 0; i < n; i++) {
      if (excluded[i]) {
        continue;
      }
      if (scored.isRequired(i)) {
        required++;
      }
    }

    int[] costs = costs(words, counter);
    boolean[] keep = Selection.choose(scored, costs, excluded, options.aggressiveness());
    if (options.dropConsecutive()) {
      dropRepeatedForceTokens(words, keep, options);
    }
    int kept = 0;
    for (boolean k : keep) {
      kept += k ? 1 : 0;
    }
    return new Compression(Rendering.render(words, keep), n, kept, required, dropped);
  }

  private static int[] costs(Words words, TokenCounter counter) {
    int[] costs = new int[words.size()];
    for (int i = 0; i < words.size(); i++) {
      costs[i] = Math.max(1, counter.count(words.word(i)));
    }
    return costs;
  }

  /**
   * A word that is exactly a force token and repeats the kept word before it is dropped, as the
   * llmlingua {@code drop_consecutive} option does for runs of the same forced token.
   */
  private static void dropRepeatedForceTokens(
      Words words, boolean[] keep, CompressionOptions options) {
    String previous = null;
    for (int i = 0; i < words.size(); i++) {
      if (!keep[i]) {
        continue;
      }
      String word = words.word(i);
      if (word.equals(previous) && options.isForceToken(word)) {
        keep[i] = false;
      } else {
        previous = word;
      }
    }
  }
}
