package com.usagetap.compression.structure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds tool-call markup pasted into a text, such as {@code <function_calls>} and {@code <invoke>}
 * elements, as {@link SegmentKind#TOOL} segments.
 *
 * <p>The element names are {@code function_calls}, {@code invoke}, {@code function_results}, {@code
 * tool_call}, {@code tool_use} and {@code tool_result}, in any ASCII case. Tags and their pairing
 * are {@link TagPairs}'s: a closing tag closes the nearest open tag of its name, an opening tag
 * never closed is not an element (unclosed, it is more likely a mention of the tag in prose), a
 * self-closing tag opens nothing, and tags inside claimed segments are not seen. An element runs
 * from the {@code <} of its opening tag to the {@code >} of its closing tag. Reading in text order,
 * each element is a segment unless it starts inside one already found; so the outermost element
 * wins, and elements nested in it, of any name, are part of it. A segment may contain claimed
 * segments; it never starts or ends in one, because its tags are unclaimed.
 */
final class ToolMarkupDetector implements SegmentDetector {
  private static final List<String> NAMES =
      List.of(
          "function_calls", "invoke", "function_results", "tool_call", "tool_use", "tool_result");

  @Override
  public List<Segment> detect(String text, Claims claimed) {
    List<Segment> elements =
        new ArrayList<>(TagPairs.find(text, claimed, NAMES::contains, SegmentKind.TOOL));

    // Elements were completed in order of their closing tags; the outermost must come first.
    elements.sort(Comparator.comparingInt(Segment::start));
    List<Segment> found = new ArrayList<>();
    int taken = 0;
    for (Segment element : elements) {
      if (element.start() >= taken) {
        found.add(element);
        taken = element.end();
      }
    }
    return found;
  }
}
