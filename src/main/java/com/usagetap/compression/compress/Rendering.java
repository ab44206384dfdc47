package com.usagetap.compression.compress;

/**
 * Builds the output from the kept words, using only characters of the input.
 *
 * <p>Between two kept words the output has one of the original whitespace gaps that separated them:
 * the one with the most line breaks, then the longest, then the last. So a dropped line still
 * leaves its line break, indentation survives, and words written without spaces (CJK) stay joined.
 * Whitespace before the first word and after the last is kept as it was. The result is a
 * subsequence of the input.
 */
final class Rendering {
  private Rendering() {}

  static String render(Words words, boolean[] keep) {
    String text = words.text();
    int n = words.size();
    StringBuilder out = new StringBuilder(text.length());
    int firstStart = n == 0 ? text.length() : words.start(0);
    out.append(text, 0, firstStart);

    int previous = -1;
    int bestStart = 0;
    int bestEnd = 0;
    int bestBreaks = -1;
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        int gapStart = words.end(i - 1);
        int gapEnd = words.start(i);
        int breaks = countBreaks(text, gapStart, gapEnd);
        if (breaks > bestBreaks
            || (breaks == bestBreaks && gapEnd - gapStart >= bestEnd - bestStart)) {
          bestBreaks = breaks;
          bestStart = gapStart;
          bestEnd = gapEnd;
        }
      }
      if (!keep[i]) {
        continue;
      }
      if (previous >= 0) {
        out.append(text, bestStart, bestEnd);
      }
      out.append(text, words.start(i), words.end(i));
      previous = i;
      bestBreaks = -1;
      bestStart = 0;
      bestEnd = 0;
    }

    int lastEnd = n == 0 ? text.length() : words.end(n - 1);
    if (n > 0) {
      out.append(text, lastEnd, text.length());
    }
    return out.toString();
  }

  private static int countBreaks(String text, int from, int to) {
    int breaks = 0;
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == '\n') {
        breaks++;
      }
    }
    return breaks;
  }
}
