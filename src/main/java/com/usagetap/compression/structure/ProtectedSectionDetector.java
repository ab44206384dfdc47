package com.usagetap.compression.structure;

import java.util.ArrayList;
import java.util.List;

/**
 * Sections whose wording is a contract, kept verbatim.
 *
 * <p>Two forms. A Markdown heading (ATX or setext, as CommonMark reads it) whose text matches a
 * {@link ProtectedNames} name protects everything from the start of its line to the start of the
 * next heading of the same or a higher level (a smaller or equal number of {@code #}), or to the
 * end of the text. A heading that starts inside an earlier claim (a {@code <pre>} block or a {@code
 * <nocompress>} span that shows a heading line) is not a heading, for either purpose. An XML-style
 * element whose tag name is a name ({@code <contract>}, {@code <ui>}, {@code <output_format>},
 * {@code <schema>}) is protected from its open tag to its matching close tag, tags included; an
 * element never closed protects nothing.
 */
final class ProtectedSectionDetector implements SegmentDetector {
  private final ProtectedNames names;
  private final List<MarkdownStructure.Heading> headings;

  ProtectedSectionDetector(ProtectedNames names, List<MarkdownStructure.Heading> headings) {
    this.names = names;
    this.headings = headings;
  }

  @Override
  public List<Segment> detect(String text, Claims claimed) {
    List<Segment> sections =
        new ArrayList<>(TagPairs.find(text, claimed, names::matchesTag, SegmentKind.PROTECTED));
    List<MarkdownStructure.Heading> headings = new ArrayList<>();
    for (MarkdownStructure.Heading heading : this.headings) {
      if (claimed.at(heading.start()) == null) {
        headings.add(heading);
      }
    }
    for (int h = 0; h < headings.size(); h++) {
      MarkdownStructure.Heading heading = headings.get(h);
      if (!names.matchesHeading(heading.text())) {
        continue;
      }
      int end = text.length();
      for (int next = h + 1; next < headings.size(); next++) {
        if (headings.get(next).level() <= heading.level()) {
          end = headings.get(next).start();
          break;
        }
      }
      if (end > heading.start()) {
        sections.add(new Segment(SegmentKind.PROTECTED, heading.start(), end));
      }
    }
    return sections;
  }
}
