package com.usagetap.compression.lingua;

import java.util.Arrays;
import java.util.Map;

/**
 * A text with the force tokens replaced by their added tokens, remembering for every character of
 * the result which characters of the original it stands for.
 *
 * <p>Replacements are made one force token after another over the whole text, as Python's {@code
 * str.replace} does (an empty force token is inserted before every character and at the end), so a
 * later force token can match inside an earlier replacement; the origin of each character is
 * carried through every pass.
 */
final class Replacement {
  private final String text;
  private final int[] starts;
  private final int[] ends;

  private Replacement(String text, int[] starts, int[] ends) {
    this.text = text;
    this.starts = starts;
    this.ends = ends;
  }

  static Replacement of(String original, Map<String, String> mapping) {
    int n = original.length();
    int[] starts = new int[n];
    int[] ends = new int[n];
    for (int i = 0; i < n; i++) {
      starts[i] = i;
      ends[i] = i + 1;
    }
    Replacement current = new Replacement(original, starts, ends);
    for (Map.Entry<String, String> entry : mapping.entrySet()) {
      current = current.replace(entry.getKey(), entry.getValue());
    }
    return current;
  }

  private Replacement replace(String from, String to) {
    if (!from.isEmpty() && !text.contains(from)) {
      return this;
    }
    Builder out = new Builder(text.length() + to.length() * 4 + 16);
    int at = 0;
    while (true) {
      int found = from.isEmpty() ? (at <= text.length() ? at : -1) : text.indexOf(from, at);
      int stop = found < 0 ? text.length() : found;
      for (int i = at; i < stop; i++) {
        out.append(text.charAt(i), starts[i], ends[i]);
      }
      if (found < 0) {
        break;
      }
      int originStart;
      int originEnd;
      if (from.isEmpty()) {
        originStart = found < text.length() ? starts[found] : endOfText();
        originEnd = originStart;
      } else {
        originStart = starts[found];
        originEnd = ends[found + from.length() - 1];
      }
      for (int k = 0; k < to.length(); k++) {
        out.append(to.charAt(k), originStart, originEnd);
      }
      if (from.isEmpty()) {
        if (found < text.length()) {
          out.append(text.charAt(found), starts[found], ends[found]);
        }
        at = found + 1;
      } else {
        at = found + from.length();
      }
    }
    return out.build();
  }

  /** Characters with their origins, appended one at a time. */
  private static final class Builder {
    private final StringBuilder text;
    private int[] starts;
    private int[] ends;
    private int size;

    Builder(int capacity) {
      text = new StringBuilder(capacity);
      starts = new int[capacity];
      ends = new int[capacity];
    }

    void append(char c, int originStart, int originEnd) {
      if (size == starts.length) {
        starts = Arrays.copyOf(starts, size * 2);
        ends = Arrays.copyOf(ends, size * 2);
      }
      text.append(c);
      starts[size] = originStart;
      ends[size] = originEnd;
      size++;
    }

    Replacement build() {
      return new Replacement(
          text.toString(), Arrays.copyOf(starts, size), Arrays.copyOf(ends, size));
    }
  }

  private int endOfText() {
    return text.isEmpty() ? 0 : ends[text.length() - 1];
  }

  String text() {
    return text;
  }

  /** The start in the original of the character at {@code index} of the replaced text. */
  int originStart(int index) {
    return starts[index];
  }

  /** The end in the original of the character at {@code index} of the replaced text. */
  int originEnd(int index) {
    return ends[index];
  }
}
