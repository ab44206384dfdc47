/**
 * The origin's whitespace rule for prose (`structure/ProseWhitespace.java`), written out step for
 * step so that the edge's output is the origin's byte for byte.
 *
 * The text is read as lines, each ended by `\n` (a `\r` just before it belongs to the ending; a
 * `\r` anywhere else is an ordinary character); the last line may have no ending. First, every
 * run of spaces and tabs before a line ending is removed, and at the very end when the text ends
 * where the whole input ends. Then three or more blank lines in a row become one: the first of
 * the run is kept, with its own ending. The last line, having no ending, is never blank.
 */

/**
 * Applies the rule to `text`.
 *
 * @param atEndOfText whether the text ends where the whole input ends, so that its last line's
 *   trailing spaces are trailing spaces too
 */
export function normalizeProseWhitespace(text: string, atEndOfText: boolean): string {
  let out = "";
  // The endings of a run of blank lines are held until the run ends: its length decides.
  let heldEndings = "";
  let firstEnding = "";
  let blankRun = 0;
  let lineStart = 0;
  for (;;) {
    const newline = text.indexOf("\n", lineStart);
    const ended = newline >= 0;
    const contentEnd = ended ? newline : text.length;
    let endingStart = contentEnd;
    if (ended && contentEnd > lineStart && text.charCodeAt(contentEnd - 1) === 0x0d) {
      endingStart = contentEnd - 1;
    }
    let trimmed = endingStart;
    if (ended || atEndOfText) {
      while (trimmed > lineStart && isSpace(text.charCodeAt(trimmed - 1))) {
        trimmed--;
      }
    }

    if (ended && trimmed === lineStart) {
      const ending = text.slice(endingStart, newline + 1);
      if (blankRun === 0) {
        firstEnding = ending;
      }
      heldEndings += ending;
      blankRun++;
    } else {
      out += blankRun >= 3 ? firstEnding : heldEndings;
      heldEndings = "";
      blankRun = 0;
      out += text.slice(lineStart, trimmed);
      if (ended) {
        out += text.slice(endingStart, newline + 1);
      }
    }
    if (!ended) {
      return out;
    }
    lineStart = newline + 1;
  }
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09;
}
