package com.usagetap.compression.structure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;

/**
 * HTML elements whose content is code, markup or preformatted text: {@code <script>}, {@code
 * <style>}, {@code <template>}, {@code <svg>}, {@code <pre>}, {@code <code>} and {@code
 * <textarea>}, from the open tag to its close tag, with nested tags and attributes.
 *
 * <p>Candidates come from {@link TagPairs}; each outermost candidate is then parsed on its own with
 * jsoup, and kept only when jsoup reads it as exactly one element of that name that ends where the
 * candidate ends. So a candidate that HTML would close earlier (a {@code <pre>} cut short by a
 * misnested tag) or that is not an element at all is left to prose, and its inner candidates are
 * tried instead. An element without a close tag is not a block: in a prompt it is usually a tag
 * named in a sentence. An element in which more than {@value #MAX_DEPTH} of these elements nest is
 * not parsed and not a block (its inner ones are tried): no page nests them so, and an HTML
 * parser's cost grows with the square of the depth.
 */
final class HtmlBlockDetector implements SegmentDetector {
  static final Set<String> NAMES =
      Set.of("script", "style", "template", "svg", "pre", "code", "textarea");

  static final int MAX_DEPTH = 16;

  @Override
  public List<Segment> detect(String text, Claims claimed) {
    List<Segment> candidates = new ArrayList<>();
    for (TagPairs.Element element :
        TagPairs.elements(text, claimed, NAMES::contains, SegmentKind.HTML)) {
      if (element.depth() <= MAX_DEPTH) {
        candidates.add(element.segment());
      }
    }
    candidates.sort(
        Comparator.comparingInt(Segment::start)
            .thenComparing(Segment::end, Comparator.reverseOrder()));
    List<Segment> blocks = new ArrayList<>();
    int coveredTo = 0;
    for (Segment candidate : candidates) {
      if (candidate.start() < coveredTo) {
        continue;
      }
      if (isElement(text.substring(candidate.start(), candidate.end()))) {
        blocks.add(candidate);
        coveredTo = candidate.end();
      }
    }
    return blocks;
  }

  /**
   * Whether jsoup parses {@code html} as one element of the name it opens with, ending at its end.
   */
  static boolean isElement(String html) {
    int nameEnd = 1;
    while (nameEnd < html.length() && Character.isLetterOrDigit(html.charAt(nameEnd))) {
      nameEnd++;
    }
    String name = html.substring(1, nameEnd).toLowerCase(Locale.ROOT);

    Parser parser = Parser.htmlParser().setTrackPosition(true);
    Document document = parser.parseInput("<body>" + html, "");
    Element body = document.body();
    List<Node> nodes = new ArrayList<>();
    for (Node node : body.childNodes()) {
      if (!(node instanceof TextNode t && t.isBlank())) {
        nodes.add(node);
      }
    }
    if (nodes.size() != 1 || !(nodes.get(0) instanceof Element element)) {
      return false;
    }
    if (!element.normalName().equals(name)) {
      return false;
    }
    int offset = "<body>".length();
    return element.sourceRange().startPos() == offset
        && element.endSourceRange().isTracked()
        && element.endSourceRange().endPos() == offset + html.length();
  }
}
