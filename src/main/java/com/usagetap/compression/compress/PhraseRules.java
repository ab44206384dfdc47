package com.usagetap.compression.compress;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The string rules of one compression, compiled once and applied to each text it covers.
 *
 * <p>Keep strings (force tokens and the tenant's keep tokens) are found case-sensitively anywhere
 * in the text, and every word they touch is kept. Drop phrases are split into words the same way as
 * the text and removed where the same sequence of words occurs, compared lower-case and without the
 * punctuation around each word: {@code "please note"} removes {@code "Please note:"} but not the
 * {@code note} in {@code notebook}.
 *
 * <p>Cost: both rules are one {@link PatternAutomaton} pass over the text (keep strings over its
 * characters, drop phrases over its words), and the spans found are marked with a difference array,
 * one increment and one decrement per end position, then resolved to words in one more pass. A
 * request's work is therefore linear in its text plus its rules, however repetitive either is; a
 * list given once is compiled once even when it is applied to many texts.
 */
final class PhraseRules {
  static final PhraseRules NONE = compile(List.of(), List.of());

  private final PatternAutomaton keepStrings;
  private final Map<String, Integer> phraseWordIds;
  private final PatternAutomaton dropPhrases;

  private PhraseRules(
      PatternAutomaton keepStrings,
      Map<String, Integer> phraseWordIds,
      PatternAutomaton dropPhrases) {
    this.keepStrings = keepStrings;
    this.phraseWordIds = phraseWordIds;
    this.dropPhrases = dropPhrases;
  }

  /**
   * Compiles the rules, in time about linear in their total length.
   *
   * @param keepStrings strings whose occurrences are kept; empty ones match nothing
   * @param dropPhrases phrases whose occurrences are dropped; ones without a word match nothing
   */
  static PhraseRules compile(List<String> keepStrings, List<String> dropPhrases) {
    List<int[]> needles = new ArrayList<>(keepStrings.size());
    for (String keep : keepStrings) {
      needles.add(keep.chars().toArray());
    }

    // Phrase words become small ids, so a phrase is a sequence of ids and a text word outside
    // every phrase is no symbol at all. A HashMap rather than Map.copyOf: its buckets turn into
    // trees when words are chosen to share a hash code, where an immutable map would probe them
    // one by one for every word of the text.
    Map<String, Integer> ids = new HashMap<>();
    List<int[]> phrases = new ArrayList<>(dropPhrases.size());
    for (String phrase : dropPhrases) {
      Words words = WordSegmenter.segment(phrase);
      int[] sequence = new int[words.size()];
      for (int j = 0; j < sequence.length; j++) {
        sequence[j] = ids.computeIfAbsent(key(words.word(j)), k -> ids.size());
      }
      phrases.add(sequence);
    }
    return new PhraseRules(PatternAutomaton.of(needles), ids, PatternAutomaton.of(phrases));
  }

  /** Marks as required every word overlapped by an occurrence of a keep string. */
  void requireOccurrences(ScoredText scored) {
    Words words = scored.words();
    String text = words.text();
    if (keepStrings.isEmpty() || words.size() == 0) {
      return;
    }

    int[] cover = new int[text.length() + 1];
    int state = PatternAutomaton.START;
    for (int i = 0; i < text.length(); i++) {
      state = keepStrings.next(state, text.charAt(i));
      markEndingAt(cover, i + 1, keepStrings.longestMatch(state));
    }

    // Characters between words may be covered too; only those inside a word count.
    int depth = 0;
    int c = 0;
    for (int w = 0; w < words.size(); w++) {
      for (; c < words.start(w); c++) {
        depth += cover[c];
      }
      boolean covered = false;
      for (; c < words.end(w); c++) {
        depth += cover[c];
        covered |= depth > 0;
      }
      if (covered) {
        scored.require(w);
      }
    }
  }

  /**
   * Flags the words of every drop-phrase occurrence as excluded.
   *
   * @return the count of words newly flagged in {@code excluded}
   */
  int excludeDropPhrases(Words words, boolean[] excluded) {
    int n = words.size();
    if (dropPhrases.isEmpty() || n == 0) {
      return 0;
    }

    int[] cover = new int[n + 1];
    int state = PatternAutomaton.START;
    for (int i = 0; i < n; i++) {
      Integer id = phraseWordIds.get(key(words.word(i)));
      // A word in no phrase ends every partial match, so the search starts over after it.
      state = id == null ? PatternAutomaton.START : dropPhrases.next(state, id);
      markEndingAt(cover, i + 1, dropPhrases.longestMatch(state));
    }

    int dropped = 0;
    int depth = 0;
    for (int i = 0; i < n; i++) {
      depth += cover[i];
      if (depth > 0 && !excluded[i]) {
        excluded[i] = true;
        dropped++;
      }
    }
    return dropped;
  }

  /** Adds the span {@code [end - length, end)} to a difference array; a length of 0 adds none. */
  private static void markEndingAt(int[] cover, int end, int length) {
    if (length > 0) {
      cover[end - length]++;
      cover[end]--;
    }
  }

  /** A word as drop phrases compare it: lower-case, without the punctuation around it. */
  private static String key(String word) {
    int from = 0;
    int to = word.length();
    while (from < to && !Character.isLetterOrDigit(word.codePointAt(from))) {
      from += Character.charCount(word.codePointAt(from));
    }
    while (to > from && !Character.isLetterOrDigit(word.codePointBefore(to))) {
      to -= Character.charCount(word.codePointBefore(to));
    }
    return from == to ? word : word.substring(from, to).toLowerCase(Locale.ROOT);
  }
}
