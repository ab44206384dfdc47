package com.usagetap.compression.structure;

/**
 * The whitespace rule for prose, exact enough to be reproduced byte for byte by another runtime.
 *
 * <p>The text is read as lines, each ended by {@code \n} (a {@code \r} just before it belongs to
 * the line ending, and a {@code \r} anywhere else is an ordinary character); the last line may have
 * no ending. Two steps, in this order:
 *
 * <ol>
 *   <li>Trailing spaces: every run of U+0020 SPACE and U+0009 TAB just before a line ending is
 *       removed, and so is such a run at the very end when {@code atEndOfText} says that the end of
 *       this text is the end of the whole input. No other character counts as a space.
 *   <li>Blank lines: a line with nothing before its ending is blank. Three or more blank lines in a
 *       row become one blank line: the first of the run is kept, with its own ending, and the
 *       others are removed. The last line, having no ending, is never blank.
 * </ol>
 *
 * <p>Applying the rule twice gives the same text as applying it once.
 */
public final class ProseWhitespace {
  private ProseWhitespace() {}

  /**
   * Applies the rule to {@code text}.
   *
   * @param atEndOfText whether the text ends where the whole input ends, so that its last line's
   *     trailing spaces are trailing spaces too
   */
  public static String normalize(String text, boolean atEndOfText) {
    StringBuilder out = new StringBuilder(text.length());
    // A blank line is only its ending; the endings of a run are held until the run ends, since
    // its length decides whether they stay.
    StringBuilder heldEndings = new StringBuilder();
    String firstEnding = "";
    int blankRun = 0;
    int lineStart = 0;
    while (true) {
      int newline = text.indexOf('\n', lineStart);
      boolean ended = newline >= 0;
      int contentEnd = ended ? newline : text.length();
      int endingStart = contentEnd;
      if (ended && contentEnd > lineStart && text.charAt(contentEnd - 1) == '\r') {
        endingStart = contentEnd - 1;
      }
      int trimmed = endingStart;
      if (ended || atEndOfText) {
        while (trimmed > lineStart && isSpace(text.charAt(trimmed - 1))) {
          trimmed--;
        }
      }

      if (ended && trimmed == lineStart) {
        String ending = text.substring(endingStart, newline + 1);
        if (blankRun == 0) {
          firstEnding = ending;
        }
        heldEndings.append(ending);
        blankRun++;
      } else {
        out.append(blankRun >= 3 ? firstEnding : heldEndings);
        heldEndings.setLength(0);
        blankRun = 0;
        out.append(text, lineStart, trimmed);
        if (ended) {
          out.append(text, endingStart, newline + 1);
        }
      }
      if (!ended) {
        return out.toString();
      }
      lineStart = newline + 1;
    }
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }
}
