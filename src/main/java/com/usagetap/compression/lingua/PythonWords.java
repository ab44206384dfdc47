package com.usagetap.compression.lingua;

import java.util.ArrayList;
import java.util.List;

/**
 * The reference's word split for text it does not score: {@code
 * re.findall(r'\b\w+\b|[<>=/!@#$%^&*()?":{}|\\`~;_+-]', s)}.
 *
 * <p>With Python's Unicode {@code \w} (letters, numbers of every kind, underscore; not combining
 * marks) the pattern finds every maximal run of word characters and, outside them, each character
 * of the listed symbols.
 */
final class PythonWords {
  private static final String SYMBOLS = "<>=/!@#$%^&*()?\":{}|\\`~;_+-";

  private PythonWords() {}

  static List<String> split(String text) {
    List<String> words = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      if (isWord(cp)) {
        int start = i;
        while (i < text.length() && isWord(text.codePointAt(i))) {
          i += Character.charCount(text.codePointAt(i));
        }
        words.add(text.substring(start, i));
        continue;
      }
      if (SYMBOLS.indexOf(cp) >= 0) {
        words.add(Character.toString(cp));
      }
      i += Character.charCount(cp);
    }
    return words;
  }

  /** Python's {@code str.isalnum() or c == '_'} for one code point. */
  static boolean isWord(int cp) {
    if (cp == '_' || Character.isLetter(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }
}
