package com.usagetap.compression.structure;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds JSON objects and arrays written raw inside prose: kind {@link SegmentKind#TOOL} when the
 * value is a tool exchange ({@link ToolCallShapes}), {@link SegmentKind#JSON} otherwise.
 *
 * <p>The rule: read the text from the start, skipping claimed segments. At each opening brace or
 * square bracket, find its closer by the rule of {@link BracketMatcher} (so the span holds no
 * claimed segment). When it has one and the span from the bracket to the closer, both included, is
 * JSON by {@link EmbeddedJson} and is <em>accepted</em>, the span is a segment and reading resumes
 * after it; otherwise reading resumes at the next character. A value is accepted when it is an
 * object with at least one member, or an array with at least one element that is an object, an
 * array or a string, or with at least two elements. Prose brackets such as the citations {@code
 * [1]} and {@code [note]}, an empty {@code []} or {@code {}}, a {@code {{template}}} placeholder
 * and a Markdown link {@code [text](url)} are so left alone, while {@code ["a"]}, {@code [1, 2]}
 * and {@code {"a": 1}} are found. Because reading resumes after a segment, the outermost span wins:
 * an object holding arrays is one segment.
 *
 * <p>Work is bounded: every character the bracket matcher reads and every character the JSON reader
 * reads costs one unit, and once a text has cost {@value #WORK_PER_CHAR} units per character plus
 * {@value #BASE_WORK}, the detector stops looking and returns what it found so far. Ordinary text
 * costs at most about two units per character, one for the bracket pass and one for reading the
 * spans that close; the bound is reached only by text built to make passes rerun (brackets inside
 * unclosed strings, after a backslash, on one long line) or nested spans that each fail to parse
 * near their end.
 */
final class JsonSpanDetector implements SegmentDetector {
  /** Units of work allowed per character of a text. */
  static final int WORK_PER_CHAR = 8;

  /** Units of work allowed on top, so that short texts are always read to the end. */
  static final int BASE_WORK = 1 << 16;

  @Override
  public List<Segment> detect(String text, Claims claimed) {
    WorkBudget budget = new WorkBudget((long) WORK_PER_CHAR * text.length() + BASE_WORK);
    BracketMatcher brackets = new BracketMatcher(text, claimed, budget);
    List<Segment> found = new ArrayList<>();
    int nextClaim = claimed.nextStart(0);
    for (int p = 0; p < text.length(); p++) {
      if (p == nextClaim) {
        p = claimed.at(p).end() - 1;
        nextClaim = claimed.nextStart(p + 1);
        continue;
      }
      char c = text.charAt(p);
      if (c != '{' && c != '[') {
        continue;
      }

      int closer = brackets.closerOf(p);
      if (closer == BracketMatcher.NONE) {
        if (budget.isSpent()) {
          break;
        }
        continue;
      }
      // The reader may read the whole span; it is charged what it did read.
      int length = closer + 1 - p;
      if (!budget.take(length)) {
        break;
      }
      StrictJsonReader.Outcome outcome = StrictJsonReader.read(text, p, closer + 1);
      budget.refund(length - outcome.examined());
      if (outcome.json() == null || !isAccepted(outcome.json().value())) {
        continue;
      }

      JsonNode value = outcome.json().value();
      SegmentKind kind = ToolCallShapes.isToolExchange(value) ? SegmentKind.TOOL : SegmentKind.JSON;
      found.add(new Segment(kind, p, closer + 1));
      p = closer;
    }
    return found;
  }

  /** Whether a JSON value found in prose is taken for JSON rather than for prose brackets. */
  static boolean isAccepted(JsonNode value) {
    if (value.isObject()) {
      return !value.isEmpty();
    }
    if (!value.isArray()) {
      return false;
    }
    if (value.size() >= 2) {
      return true;
    }
    return value.size() == 1 && (value.get(0).isContainerNode() || value.get(0).isTextual());
  }
}
