package com.usagetap.compression.compress;

import java.util.Arrays;

/**
 * Splits text into words for scoring.
 *
 * <p>A word is a maximal run of non-whitespace characters, except in scripts written without
 * spaces: each Han ideograph, kana and CJK punctuation mark is a word of its own, so that Chinese
 * and Japanese prompts can be compressed character by character, as a subword tokenizer would see
 * them. Whitespace is {@link Character#isWhitespace} plus the Unicode space separators (no-break
 * space, ideographic space and the like).
 */
public final class WordSegmenter {
  private WordSegmenter() {}

  public static Words segment(String text) {
    int capacity = Math.max(16, text.length() / 5);
    int[] starts = new int[capacity];
    int[] ends = new int[capacity];
    int size = 0;
    int wordStart = -1;
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (isSpace(cp)) {
        if (wordStart >= 0) {
          if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
          }
          starts[size] = wordStart;
          ends[size++] = i;
          wordStart = -1;
        }
      } else if (isUnspacedScript(cp)) {
        if (size + 2 > starts.length) {
          starts = Arrays.copyOf(starts, size * 2 + 2);
          ends = Arrays.copyOf(ends, size * 2 + 2);
        }
        if (wordStart >= 0) {
          starts[size] = wordStart;
          ends[size++] = i;
          wordStart = -1;
        }
        starts[size] = i;
        ends[size++] = next;
      } else if (wordStart < 0) {
        wordStart = i;
      }
      i = next;
    }
    if (wordStart >= 0) {
      if (size == starts.length) {
        starts = Arrays.copyOf(starts, size + 1);
        ends = Arrays.copyOf(ends, size + 1);
      }
      starts[size] = wordStart;
      ends[size++] = text.length();
    }
    return new Words(text, starts, ends, size);
  }

  public static boolean isSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
  }

  /** Full-width punctuation; the full-width letters and digits between them form words. */
  private static boolean isFullWidthPunctuation(int cp) {
    return (cp >= 0xFF01 && cp <= 0xFF0F)
        || (cp >= 0xFF1A && cp <= 0xFF20)
        || (cp >= 0xFF3B && cp <= 0xFF40)
        || (cp >= 0xFF5B && cp <= 0xFF65);
  }

  /** Han, Hiragana, Katakana and the CJK punctuation and full-width forms. */
  static boolean isUnspacedScript(int cp) {
    if (cp < 0x2E80) {
      return false;
    }
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script == Character.UnicodeScript.HAN
        || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA
        || (cp >= 0x3000 && cp <= 0x303F)
        || isFullWidthPunctuation(cp);
  }
}
