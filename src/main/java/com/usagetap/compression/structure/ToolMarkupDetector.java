package com.usagetap.compression.structure;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds tool-call markup pasted into a text, such as {@code <function_calls>} and {@code <invoke>}
 * elements, as {@link SegmentKind#TOOL} segments.
 *
 * <p>The rule. The element names are {@code function_calls}, {@code invoke}, {@code
 * function_results}, {@code tool_call}, {@code tool_use} and {@code tool_result}, compared ignoring
 * ASCII case; a name is the longest run of ASCII letters, digits, {@code _}, {@code -}, {@code .}
 * and {@code :} after the {@code <} or {@code </}. An opening tag is {@code <}, a name, then either
 * {@code >} or whitespace (space, tab, line feed, form feed, carriage return) followed by
 * attributes: characters other than {@code <} and {@code >}, up to the first {@code >}. One whose
 * last character before {@code >} is {@code /} closes itself and is ignored. A closing tag is
 * {@code </}, a name, optional whitespace and {@code >}. A tag counts only when none of its
 * characters is claimed. For each name apart, tags pair like brackets: a closing tag closes the
 * latest still-open opening tag of its name and is ignored when there is none. An opening tag left
 * without a closing tag is not an element: unclosed, it is more likely a mention of the tag in
 * prose. An element runs from the {@code <} of its opening tag to the {@code >} of its closing tag.
 * Reading in text order, each element is a segment unless it starts inside one already found; so
 * the outermost element wins, and elements nested in it, of any name, are part of it. A segment may
 * contain claimed segments; it never starts or ends in one, because its tags are unclaimed.
 */
final class ToolMarkupDetector implements SegmentDetector {
  private static final List<String> NAMES =
      List.of(
          "function_calls", "invoke", "function_results", "tool_call", "tool_use", "tool_result");

  @Override
  public List<Segment> detect(String text, Claims claimed) {
    List<ArrayDeque<Integer>> open = new ArrayList<>();
    NAMES.forEach(name -> open.add(new ArrayDeque<>()));
    List<Segment> elements = new ArrayList<>();
    for (int lt = text.indexOf('<'); lt >= 0; lt = text.indexOf('<', lt + 1)) {
      Tag tag = Tag.at(text, lt);
      if (tag == null || !claimed.isFree(lt, tag.end())) {
        continue;
      }
      ArrayDeque<Integer> starts = open.get(tag.name());
      if (!tag.closing()) {
        starts.push(lt);
      } else if (!starts.isEmpty()) {
        elements.add(new Segment(SegmentKind.TOOL, starts.pop(), tag.end()));
      }
    }

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

  /**
   * A tag of one of the element names.
   *
   * @param name the index of the element name in {@link #NAMES}
   * @param end the index just after the tag's {@code >}
   */
  private record Tag(int name, boolean closing, int end) {
    /** The tag whose {@code <} is at {@code lt}, or null when there is none there. */
    static Tag at(String text, int lt) {
      boolean closing = lt + 1 < text.length() && text.charAt(lt + 1) == '/';
      int nameStart = lt + (closing ? 2 : 1);
      int nameEnd = nameStart;
      while (nameEnd < text.length() && isNameChar(text.charAt(nameEnd))) {
        nameEnd++;
      }
      int name = NAMES.indexOf(text.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT));
      if (name < 0) {
        return null;
      }

      int i = nameEnd;
      if (closing) {
        while (i < text.length() && isWhitespace(text.charAt(i))) {
          i++;
        }
        return i < text.length() && text.charAt(i) == '>' ? new Tag(name, true, i + 1) : null;
      }
      if (i < text.length() && text.charAt(i) == '>') {
        return new Tag(name, false, i + 1);
      }
      if (i == text.length() || !isWhitespace(text.charAt(i))) {
        return null;
      }
      while (i < text.length() && text.charAt(i) != '>' && text.charAt(i) != '<') {
        i++;
      }
      // Unended, or a self-closing <invoke ... />: neither opens an element.
      if (i == text.length() || text.charAt(i) == '<' || text.charAt(i - 1) == '/') {
        return null;
      }
      return new Tag(name, false, i + 1);
    }

    /** The ASCII characters of XML names; any other ends a name. */
    private static boolean isNameChar(char c) {
      return (c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '_'
          || c == '-'
          || c == '.'
          || c == ':';
    }

    private static boolean isWhitespace(char c) {
      return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }
  }
}
