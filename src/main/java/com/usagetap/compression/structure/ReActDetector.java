package com.usagetap.compression.structure;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the action blocks of ReAct-style agent transcripts (the thought, action, observation loop
 * of Yao et al., "ReAct: Synergizing Reasoning and Acting in Language Models", 2022, written one
 * field per line as agent frameworks print it) as {@link SegmentKind#TOOL} segments: the tool calls
 * and their results, while the model's {@code Thought:} lines stay prose.
 *
 * <p>The rule. Lines end at a line feed; a carriage return just before it belongs to the line
 * break, not the line. A line's <em>text</em> is what follows its leading spaces and tabs; a line
 * is blank when its text is empty. A non-blank line is claimed when the first character of its text
 * lies in a claimed segment. A block starts at a line that is not claimed and whose text begins
 * with {@code Action:}, {@code Action Input:} or {@code Observation:} (case sensitive). It goes on
 * through the following lines and stops before the first that is blank, is claimed, or whose text
 * begins with {@code Thought:}, {@code Final Answer:} or {@code Question:}; or at the end of the
 * text. So an {@code Action:}, {@code Action Input:}, {@code Observation:} sequence is one block,
 * and so is an observation that runs over several lines. The segment starts at the first character
 * of the first line's text and ends at the end of the block's last line, without its line break, so
 * the separators around a block stay in the prose. A claimed segment that starts inside a block and
 * ends within it is part of it; when one runs past the block's end, the block ends where that
 * claimed segment starts.
 */
final class ReActDetector implements SegmentDetector {
  private static final List<String> STARTS = List.of("Action:", "Action Input:", "Observation:");
  private static final List<String> STOPS = List.of("Thought:", "Final Answer:", "Question:");

  @Override
  public List<Segment> detect(String text, Claims claimed) {
    List<Segment> found = new ArrayList<>();
    int blockStart = -1;
    int blockEnd = -1;
    for (int lineStart = 0; lineStart < text.length(); ) {
      int lineBreak = text.indexOf('\n', lineStart);
      int next = lineBreak < 0 ? text.length() : lineBreak + 1;
      int lineEnd = lineBreak < 0 ? text.length() : lineBreak;
      if (lineBreak > lineStart && text.charAt(lineBreak - 1) == '\r') {
        lineEnd--;
      }
      int textStart = lineStart;
      while (textStart < lineEnd
          && (text.charAt(textStart) == ' ' || text.charAt(textStart) == '\t')) {
        textStart++;
      }

      boolean usable = textStart < lineEnd && claimed.at(textStart) == null;
      if (blockStart >= 0 && (!usable || beginsWithAny(text, textStart, STOPS))) {
        found.add(block(claimed, blockStart, blockEnd));
        blockStart = -1;
      }
      if (blockStart < 0 && usable && beginsWithAny(text, textStart, STARTS)) {
        blockStart = textStart;
      }
      if (blockStart >= 0) {
        blockEnd = lineEnd;
      }
      lineStart = next;
    }
    if (blockStart >= 0) {
      found.add(block(claimed, blockStart, blockEnd));
    }
    return found;
  }

  /** The block's segment, ending where a claimed segment running past its end starts. */
  private static Segment block(Claims claimed, int start, int end) {
    Segment last = claimed.at(end - 1);
    if (last != null && last.end() > end) {
      end = last.start();
    }
    return new Segment(SegmentKind.TOOL, start, end);
  }

  private static boolean beginsWithAny(String text, int at, List<String> keywords) {
    for (String keyword : keywords) {
      if (text.startsWith(keyword, at)) {
        return true;
      }
    }
    return false;
  }
}
