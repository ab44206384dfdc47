package com.usagetap.compression.structure;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Finds matched pairs of HTML or XML-style tags by name in one pass over a text.
 *
 * <p>A name is an ASCII letter followed by ASCII letters, digits, {@code _}, {@code -}, {@code .}
 * and {@code :}. An open tag is {@code <name} followed by whitespace, {@code >} or {@code /}, up to
 * the next {@code >}; one ending in {@code />} opens nothing. A close tag is {@code </name}
 * followed by optional whitespace and {@code >}. Names are compared in lower case. Tags inside
 * claimed segments are not seen. Open tags are kept on a stack; a close tag pops back to the
 * nearest open tag of its name (closing any left open above it, as HTML does) and yields the
 * element from that open tag to itself. A close tag with no open tag of its name is ignored, and so
 * is an open tag never closed. Inside a raw-text element ({@code script}, {@code style}, {@code
 * textarea}) nothing but its own close tag counts, so a {@code "<pre>"} in a script's string is not
 * a tag.
 *
 * <p>Elements are returned with nested ones included; the caller keeps the outermost. The pass is
 * linear in the text plus the number of tags.
 */
final class TagPairs {
  private static final List<String> RAW_TEXT = List.of("script", "style", "textarea");

  private TagPairs() {}

  /**
   * An element found.
   *
   * @param segment from the open tag's {@code <} to the close tag's {@code >}
   * @param depth how deeply wanted elements nest in it, itself included: 1 for an element with none
   *     inside
   */
  record Element(Segment segment, int depth) {}

  /** The elements whose name {@code wanted} accepts, as segments of {@code kind}. */
  static List<Segment> find(
      String text, Claims claimed, Predicate<String> wanted, SegmentKind kind) {
    return elements(text, claimed, wanted, kind).stream().map(Element::segment).toList();
  }

  /**
   * The elements whose name {@code wanted} accepts, with their nesting depth.
   *
   * @param wanted tested with the lower-case tag name
   * @return elements in order of their close tags
   */
  static List<Element> elements(
      String text, Claims claimed, Predicate<String> wanted, SegmentKind kind) {
    List<Element> elements = new ArrayList<>();
    Deque<Open> open = new ArrayDeque<>();
    Map<String, Integer> openCount = new HashMap<>();
    Scanner scanner = new Scanner(text);
    String rawText = null;
    int i = text.indexOf('<');
    while (i >= 0 && i < text.length()) {
      Segment claim = claimed.at(i);
      if (claim != null) {
        i = text.indexOf('<', claim.end());
        continue;
      }
      boolean closing = i + 1 < text.length() && text.charAt(i + 1) == '/';
      int nameStart = i + (closing ? 2 : 1);
      int nameEnd = nameEnd(text, nameStart);
      if (nameEnd == nameStart) {
        i = text.indexOf('<', i + 1);
        continue;
      }
      String name = text.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT);
      int tagEnd = closing ? closeTagEnd(text, nameEnd) : scanner.openTagEnd(nameEnd);
      if (tagEnd < 0 || (rawText != null && !(closing && name.equals(rawText)))) {
        i = text.indexOf('<', i + 1);
        continue;
      }

      if (closing) {
        rawText = null;
        if (openCount.getOrDefault(name, 0) > 0) {
          Open element = popTo(open, openCount, name);
          elements.add(new Element(new Segment(kind, element.start, tagEnd), element.depth()));
        }
      } else if (wanted.test(name) && text.charAt(tagEnd - 2) != '/') {
        open.push(new Open(name, i));
        openCount.merge(name, 1, Integer::sum);
        if (RAW_TEXT.contains(name)) {
          rawText = name;
        }
      }
      i = text.indexOf('<', tagEnd);
    }
    return elements;
  }

  /** An open tag waiting for its close tag, and the depth of what has closed inside it. */
  private static final class Open {
    final String name;
    final int start;
    int innerDepth;

    Open(String name, int start) {
      this.name = name;
      this.start = start;
    }

    int depth() {
      return innerDepth + 1;
    }
  }

  /** Pops open tags down to the nearest one named {@code name} and returns it. */
  private static Open popTo(Deque<Open> open, Map<String, Integer> openCount, String name) {
    while (true) {
      Open top = open.pop();
      openCount.merge(top.name, -1, Integer::sum);
      Open parent = open.peek();
      if (parent != null) {
        parent.innerDepth = Math.max(parent.innerDepth, top.depth());
      }
      if (top.name.equals(name)) {
        return top;
      }
    }
  }

  private static int nameEnd(String text, int from) {
    int i = from;
    if (i >= text.length() || !isAsciiLetter(text.charAt(i))) {
      return from;
    }
    while (i < text.length()) {
      char c = text.charAt(i);
      if (!(isAsciiLetter(c)
          || (c >= '0' && c <= '9')
          || c == '_'
          || c == '-'
          || c == '.'
          || c == ':')) {
        break;
      }
      i++;
    }
    return i;
  }

  /**
   * Finds the ends of open tags with the next {@code >} and {@code <} remembered, so that many
   * unterminated tags cost one pass, not one pass each.
   */
  private static final class Scanner {
    private final String text;
    private int nextGt = -2;
    private int nextLt = -2;

    Scanner(String text) {
      this.text = text;
    }

    /** The index after the {@code >} of an open tag whose name ends at {@code nameEnd}, or -1. */
    int openTagEnd(int nameEnd) {
      if (nameEnd >= text.length()) {
        return -1;
      }
      char next = text.charAt(nameEnd);
      if (next != '>' && next != '/' && !Character.isWhitespace(next)) {
        return -1;
      }
      if (nextGt != -1 && nextGt < nameEnd) {
        nextGt = text.indexOf('>', nameEnd);
      }
      if (nextLt != -1 && nextLt < nameEnd) {
        nextLt = text.indexOf('<', nameEnd);
      }
      if (nextGt < 0 || (nextLt >= 0 && nextLt < nextGt)) {
        return -1;
      }
      return nextGt + 1;
    }
  }

  private static int closeTagEnd(String text, int nameEnd) {
    int i = nameEnd;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i < text.length() && text.charAt(i) == '>' ? i + 1 : -1;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
