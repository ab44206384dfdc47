package com.usagetap.compression.compress;

import com.usagetap.compression.tokens.TokenCounter;
import java.util.List;

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
  private final KeepDecider decider;

  public TextCompressor(Scorer scorer) {
    this(scorer, null);
  }

  /**
   * @param scorer scores words for the budgeted selection when there is no decider
   * @param decider when not null, decides which words to keep instead (the model-backed path)
   */
  public TextCompressor(Scorer scorer, KeepDecider decider) {
    this.scorer = scorer;
    this.decider = decider;
  }

  public String scorerId() {
    return decider != null ? decider.id() : scorer.id();
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
    return compress(text, options, counter, List.of());
  }

  /**
   * Compresses {@code text} keeping the characters of every {@code verbatim} range exactly: each
   * word that overlaps one is kept, whatever its score, the budget and the drop phrases.
   *
   * @param verbatim {@code [start, end)} ranges of {@code text}, such as inline code spans
   */
  public Compression compress(
      String text, CompressionOptions options, TokenCounter counter, List<int[]> verbatim) {
    if (decider != null) {
      return compressDecided(text, options, verbatim);
    }
    ScoredText scored = scorer.score(text);
    Words words = scored.words();
    int n = words.size();
    if (options.aggressiveness() == 0 || n == 0) {
      return new Compression(text, n, n, 0, 0);
    }

    options.rules().requireOccurrences(scored);
    boolean[] excluded = new boolean[n];
    int dropped = options.rules().excludeDropPhrases(words, excluded);
    boolean[] fixed = verbatimWords(words, verbatim);
    dropped -= requireVerbatim(scored, excluded, fixed);
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
      dropRepeatedForceTokens(words, keep, fixed, options);
    }
    keepSeparators(words, keep, excluded);
    int kept = 0;
    for (boolean k : keep) {
      kept += k ? 1 : 0;
    }
    return new Compression(Rendering.render(words, keep), n, kept, required, dropped);
  }

  /**
   * The model-backed path: the decider's verdicts, then the same rules as the scored path: force
   * and keep tokens kept, drop phrases removed (they win over a keep), and separators kept where
   * dropping would join two words.
   */
  private Compression compressDecided(
      String text, CompressionOptions options, List<int[]> verbatim) {
    if (options.aggressiveness() == 0) {
      Words words = WordSegmenter.segment(text);
      return new Compression(text, words.size(), words.size(), 0, 0);
    }
    KeptSpans spans = decider.decide(text, options);
    int n = spans.keep().length;
    Words words = new Words(text, spans.starts(), spans.ends(), n);
    float[] scores = new float[n];
    for (int i = 0; i < n; i++) {
      scores[i] = spans.keep()[i] ? 1 : 0;
    }
    ScoredText scored = new ScoredText(words, scores, new boolean[n]);
    options.rules().requireOccurrences(scored);
    boolean[] excluded = new boolean[n];
    int dropped = options.rules().excludeDropPhrases(words, excluded);
    dropped -= requireVerbatim(scored, excluded, verbatimWords(words, verbatim));
    boolean[] keep = new boolean[n];
    int required = 0;
    int kept = 0;
    for (int i = 0; i < n; i++) {
      if (excluded[i]) {
        continue;
      }
      if (scored.isRequired(i)) {
        required++;
      }
      keep[i] = spans.keep()[i] || scored.isRequired(i);
    }
    keepSeparators(words, keep, excluded);
    for (boolean k : keep) {
      kept += k ? 1 : 0;
    }
    if (kept == 0 && dropped == 0 && n > 0) {
      // The per-chunk threshold drops every word of a text too short to have a spread (a lone
      // word is never above its own percentile); removing everything is not compression.
      return new Compression(text, n, n, required, 0);
    }
    return new Compression(Rendering.render(words, keep), n, kept, required, dropped);
  }

  /** Which words overlap a verbatim range. */
  private static boolean[] verbatimWords(Words words, List<int[]> verbatim) {
    boolean[] fixed = new boolean[words.size()];
    int w = 0;
    for (int[] range : verbatim) {
      while (w > 0 && words.end(w - 1) > range[0]) {
        w--;
      }
      while (w < words.size() && words.end(w) <= range[0]) {
        w++;
      }
      for (; w < words.size() && words.start(w) < range[1]; w++) {
        fixed[w] = true;
      }
    }
    return fixed;
  }

  /**
   * Makes the verbatim words required and takes them out of the drop phrases' reach.
   *
   * @return how many of them a drop phrase had excluded
   */
  private static int requireVerbatim(ScoredText scored, boolean[] excluded, boolean[] fixed) {
    int restored = 0;
    for (int w = 0; w < fixed.length; w++) {
      if (fixed[w]) {
        scored.require(w);
        if (excluded[w]) {
          excluded[w] = false;
          restored++;
        }
      }
    }
    return restored;
  }

  private static int[] costs(Words words, TokenCounter counter) {
    int[] costs = new int[words.size()];
    for (int i = 0; i < words.size(); i++) {
      costs[i] = Math.max(1, counter.count(words.word(i)));
    }
    return costs;
  }

  /**
   * Keeps one dropped word between two kept words that would otherwise touch and read as one.
   *
   * <p>In text written without spaces, dropping the characters between two numbers or two Latin
   * words would join them: "2007年10月" must not become "200710". When no whitespace separates two
   * kept words and both sides of the join are letters or digits of a spaced script, the last
   * droppable word between them is kept as the separator.
   */
  private static void keepSeparators(Words words, boolean[] keep, boolean[] excluded) {
    int previous = -1;
    for (int i = 0; i < words.size(); i++) {
      if (!keep[i]) {
        continue;
      }
      if (previous >= 0
          && i > previous + 1
          && words.end(previous) == adjacentStart(words, previous, i)) {
        String text = words.text();
        int before = text.codePointBefore(words.end(previous));
        int after = text.codePointAt(words.start(i));
        if (joins(before) && joins(after)) {
          for (int j = i - 1; j > previous; j--) {
            if (!excluded[j]) {
              keep[j] = true;
              break;
            }
          }
        }
      }
      previous = i;
    }
  }

  /**
   * The start of word {@code to} when every word from {@code from} to it touches the next, so that
   * dropping those between leaves no whitespace; -1 otherwise.
   */
  private static int adjacentStart(Words words, int from, int to) {
    for (int k = from; k < to; k++) {
      if (words.end(k) != words.start(k + 1)) {
        return -1;
      }
    }
    return words.end(from);
  }

  private static boolean joins(int codePoint) {
    return Character.isLetterOrDigit(codePoint) && !WordSegmenter.isUnspacedScript(codePoint);
  }

  /**
   * A word that is exactly a force token and repeats the kept word before it is dropped, as the
   * llmlingua {@code drop_consecutive} option does for runs of the same forced token.
   */
  private static void dropRepeatedForceTokens(
      Words words, boolean[] keep, boolean[] fixed, CompressionOptions options) {
    String previous = null;
    for (int i = 0; i < words.size(); i++) {
      if (!keep[i]) {
        continue;
      }
      String word = words.word(i);
      if (word.equals(previous) && options.isForceToken(word) && !fixed[i]) {
        keep[i] = false;
      } else {
        previous = word;
      }
    }
  }
}
