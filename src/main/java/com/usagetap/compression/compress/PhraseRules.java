package com.usagetap.compression.compress;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tenant's string rules, applied to words.
 *
 * <p>Keep strings and force tokens are found case-sensitively anywhere in the text, and every word
 * they touch is kept. Drop phrases are split into words the same way as the text and removed where
 * the same sequence of words occurs, compared lower-case and without the punctuation around each
 * word: {@code "please note"} removes {@code "Please note:"} but not the {@code note} in {@code
 * notebook}.
 */
final class PhraseRules {
  private PhraseRules() {}

  /** Marks every word overlapped by an occurrence of one of {@code strings}. */
  static void requireOccurrences(ScoredText scored, List<String> strings) {
    Words words = scored.words();
    String text = words.text();
    for (String needle : strings) {
      if (needle.isEmpty()) {
        continue;
      }
      int at = text.indexOf(needle);
      while (at >= 0) {
        int end = at + needle.length();
        for (int i = words.firstEndingAfter(at); i < words.size() && words.start(i) < end; i++) {
          scored.require(i);
        }
        at = text.indexOf(needle, at + 1);
      }
    }
  }

  /**
   * Flags the words of every drop-phrase occurrence as excluded.
   *
   * @return the count of words removed; their flags are set in {@code excluded}
   */
  static int excludeDropPhrases(Words words, List<String> phrases, boolean[] excluded) {
    if (phrases.isEmpty() || words.size() == 0) {
      return 0;
    }
    String[] keys = new String[words.size()];
    for (int i = 0; i < words.size(); i++) {
      keys[i] = key(words.word(i));
    }
    Map<String, List<String[]>> byFirstWord = new HashMap<>();
    for (String phrase : phrases) {
      Words phraseWords = WordSegmenter.segment(phrase);
      String[] needle = new String[phraseWords.size()];
      for (int j = 0; j < needle.length; j++) {
        needle[j] = key(phraseWords.word(j));
      }
      if (needle.length > 0) {
        byFirstWord.computeIfAbsent(needle[0], k -> new ArrayList<>()).add(needle);
      }
    }
    int dropped = 0;
    for (int i = 0; i < keys.length; i++) {
      List<String[]> candidates = byFirstWord.get(keys[i]);
      if (candidates == null) {
        continue;
      }
      for (String[] needle : candidates) {
        if (i + needle.length <= keys.length && matchesAt(keys, i, needle)) {
          for (int j = 0; j < needle.length; j++) {
            if (!excluded[i + j]) {
              excluded[i + j] = true;
              dropped++;
            }
          }
        }
      }
    }
    return dropped;
  }

  private static boolean matchesAt(String[] keys, int at, String[] needle) {
    for (int j = 0; j < needle.length; j++) {
      if (!keys[at + j].equals(needle[j])) {
        return false;
      }
    }
    return true;
  }

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
