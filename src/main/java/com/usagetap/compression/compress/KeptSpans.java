package com.usagetap.compression.compress;

import java.util.ArrayList;
import java.util.List;

/**
 * Spans of a text with a keep verdict each, sorted, merged where they overlap, and completed with
 * the uncovered non-whitespace runs, which are kept.
 */
@SuppressWarnings("ArrayRecordComponent") // internal carrier of per-word arrays; never compared
public record KeptSpans(int[] starts, int[] ends, boolean[] keep) {
  public static KeptSpans of(String text, List<int[]> spans) {
    spans.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
    List<int[]> merged = new ArrayList<>();
    for (int[] span : spans) {
      int[] last = merged.isEmpty() ? null : merged.getLast();
      if (last != null && span[0] < last[1]) {
        last[1] = Math.max(last[1], span[1]);
        last[2] |= span[2];
      } else {
        merged.add(span.clone());
      }
    }
    List<int[]> all = new ArrayList<>();
    int covered = 0;
    for (int[] span : merged) {
      addUncovered(text, covered, span[0], all);
      all.add(span);
      covered = span[1];
    }
    addUncovered(text, covered, text.length(), all);
    int n = all.size();
    int[] starts = new int[n];
    int[] ends = new int[n];
    boolean[] keep = new boolean[n];
    for (int i = 0; i < n; i++) {
      starts[i] = all.get(i)[0];
      ends[i] = all.get(i)[1];
      keep[i] = all.get(i)[2] != 0;
    }
    return new KeptSpans(starts, ends, keep);
  }

  private static void addUncovered(String text, int from, int to, List<int[]> out) {
    int i = from;
    while (i < to) {
      while (i < to && isBlank(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < to && !isBlank(text.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(new int[] {start, i, 1});
      }
    }
  }

  /**
   * Whether a character only separates words: whitespace, the no-break and other Unicode spaces,
   * and the zero-width space and word joiner, which the model's tokenizers drop. Kept on its own it
   * would be an invisible output.
   */
  public static boolean isBlank(char c) {
    return Character.isWhitespace(c)
        || Character.isSpaceChar(c)
        || c == '\u200B'
        || c == '\u2060'
        || c == '\uFEFF';
  }
}
