package com.usagetap.compression.compress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The compiled rules against the plain reading of their contract, written here as directly as
 * possible: look for every string at every position, compare every phrase word by word at every
 * word. Small random texts over a tiny alphabet make matches, overlaps, partial matches, case and
 * punctuation differences, CJK words and split surrogate pairs common.
 */
class PhraseRulesReferenceTest {
  private static final String[] PIECES = {
    "a", "b", "A", "ab", "ba", "a,", "(b)", "B!", "京", "\uD83D\uDE00", " ", " ", "  ", "\n"
  };
  private static final String[] PHRASE_WORDS = {"a", "b", "A.", "ab", "b,", "京", "\uD83D\uDE00"};
  private static final int CASES = 3_000;

  @Test
  void requireOccurrences_randomInputs_matchTheReference() {
    Random random = new Random(20_240_611L);
    for (int c = 0; c < CASES; c++) {
      String text = randomText(random);
      List<String> strings = new ArrayList<>();
      for (int s = random.nextInt(5); s > 0; s--) {
        strings.add(random.nextBoolean() ? substring(random, text) : randomText(random));
      }

      assertThat(PhraseRulesTest.requiredWords(text, strings))
          .as("text %s, strings %s", visible(text), strings.stream().map(q -> visible(q)).toList())
          .isEqualTo(referenceRequired(text, strings));
    }
  }

  @Test
  void excludeDropPhrases_randomInputs_matchTheReference() {
    Random random = new Random(20_240_612L);
    for (int c = 0; c < CASES; c++) {
      String text = randomText(random);
      List<String> phrases = new ArrayList<>();
      for (int p = random.nextInt(5); p > 0; p--) {
        StringBuilder phrase = new StringBuilder();
        for (int w = 1 + random.nextInt(4); w > 0; w--) {
          phrase.append(PHRASE_WORDS[random.nextInt(PHRASE_WORDS.length)]).append(' ');
        }
        phrases.add(phrase.toString().strip());
      }

      assertThat(PhraseRulesTest.droppedWords(text, phrases))
          .as("text %s, phrases %s", visible(text), phrases)
          .isEqualTo(referenceDropped(text, phrases));
    }
  }

  /** Every word that shares a character with some occurrence of some string. */
  private static List<String> referenceRequired(String text, List<String> strings) {
    Words words = WordSegmenter.segment(text);
    boolean[] required = new boolean[words.size()];
    for (String needle : strings) {
      for (int at = 0; !needle.isEmpty() && at + needle.length() <= text.length(); at++) {
        if (!text.startsWith(needle, at)) {
          continue;
        }
        for (int i = 0; i < words.size(); i++) {
          if (words.start(i) < at + needle.length() && words.end(i) > at) {
            required[i] = true;
          }
        }
      }
    }
    return flagged(words, required);
  }

  /** Every word inside a run of words whose keys equal some phrase's keys. */
  private static List<String> referenceDropped(String text, List<String> phrases) {
    Words words = WordSegmenter.segment(text);
    boolean[] dropped = new boolean[words.size()];
    for (String phrase : phrases) {
      Words phraseWords = WordSegmenter.segment(phrase);
      int length = phraseWords.size();
      for (int at = 0; length > 0 && at + length <= words.size(); at++) {
        boolean equal = true;
        for (int j = 0; j < length; j++) {
          equal &= key(words.word(at + j)).equals(key(phraseWords.word(j)));
        }
        for (int j = 0; equal && j < length; j++) {
          dropped[at + j] = true;
        }
      }
    }
    return flagged(words, dropped);
  }

  /** The contract's comparison: lower-case, without the non-letters and non-digits around it. */
  private static String key(String word) {
    String stripped =
        word.replaceAll("^[^\\p{L}\\p{Nd}]+", "").replaceAll("[^\\p{L}\\p{Nd}]+$", "");
    return stripped.isEmpty() ? word : stripped.toLowerCase(Locale.ROOT);
  }

  private static List<String> flagged(Words words, boolean[] flags) {
    List<String> result = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      if (flags[i]) {
        result.add(words.word(i));
      }
    }
    return result;
  }

  private static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    for (int p = random.nextInt(12); p > 0; p--) {
      text.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return text.toString();
  }

  /** A substring cut at any char index, so half of a surrogate pair can be a needle too. */
  private static String substring(Random random, String text) {
    if (text.isEmpty()) {
      return "";
    }
    int from = random.nextInt(text.length());
    int to = from + 1 + random.nextInt(Math.min(6, text.length() - from));
    return text.substring(from, to);
  }

  /** An input as a failure message shows it, with newlines and surrogates escaped. */
  private static String visible(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '\n' || Character.isSurrogate(ch)) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
      } else {
        out.append(ch);
      }
    }
    return out.append('"').toString();
  }
}
