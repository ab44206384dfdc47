package com.usagetap.compression.structure;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * What a CommonMark parse of a text says about its code and headings, with source offsets.
 *
 * <p>The parser (commonmark-java) runs with HTML blocks and indented code blocks turned off.
 * Prompts are not Markdown documents: a line such as {@code <role>} would open an HTML block that
 * runs to the next blank line and hides the code fences inside it, and a paragraph indented by four
 * spaces is far more often nested prose than code. Fences, headings, lists, block quotes and
 * thematic breaks keep their CommonMark meaning, so a fence inside a list item or a quote is found
 * and a {@code #} inside a fence is not a heading. Fenced blocks follow CommonMark exactly: {@code
 * ```} or {@code ~~~} of three or more, any info string, closed by a fence of the same character at
 * least as long, or running to the end of the text when never closed.
 *
 * @param fences fenced code blocks, from the first character of the opening fence line's fence to
 *     the end of the closing fence (or of the text)
 * @param inlineCode code spans, backticks included
 * @param headings ATX and setext headings in text order
 */
record MarkdownStructure(List<Segment> fences, List<Segment> inlineCode, List<Heading> headings) {

  /**
   * A heading and where it is.
   *
   * @param start the offset of its first character
   * @param level 1 to 6
   * @param text its plain text (code spans included, markup removed)
   */
  record Heading(int start, int level, String text) {}

  /** Guards the parser's stack on hostile nesting such as thousands of {@code >} or list items. */
  private static final int MAX_OPEN_BLOCKS = 64;

  private static final Parser PARSER =
      Parser.builder()
          .enabledBlockTypes(
              Set.of(
                  org.commonmark.node.Heading.class,
                  FencedCodeBlock.class,
                  BlockQuote.class,
                  ListBlock.class,
                  ThematicBreak.class))
          .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
          .maxOpenBlockParsers(MAX_OPEN_BLOCKS)
          .build();

  private static final MarkdownStructure NONE =
      new MarkdownStructure(List.of(), List.of(), List.of());

  /** Parses {@code text}; never fails, since any text is a CommonMark document. */
  static MarkdownStructure parse(String text) {
    if (!mayHaveStructure(text)) {
      return NONE;
    }
    Collector collector = new Collector();
    PARSER.parse(text).accept(collector);
    return new MarkdownStructure(
        List.copyOf(collector.fences), List.copyOf(collector.inline), List.copyOf(collector.heads));
  }

  /**
   * Whether the text has a character that can open a fence, a code span or an ATX heading, or a
   * line that can underline a setext heading. Most prose has none, and then the parse, the
   * costliest step of segmenting, is skipped.
   */
  static boolean mayHaveStructure(String text) {
    if (text.indexOf('`') >= 0 || text.indexOf('~') >= 0 || text.indexOf('#') >= 0) {
      return true;
    }
    int lineStart = 0;
    while (lineStart < text.length()) {
      int newline = text.indexOf('\n', lineStart);
      int lineEnd = newline < 0 ? text.length() : newline;
      if (isUnderline(text, lineStart, lineEnd)) {
        return true;
      }
      lineStart = lineEnd + 1;
    }
    return false;
  }

  /** Up to three spaces, a run of {@code =} or of {@code -}, then only spaces, tabs or CR. */
  private static boolean isUnderline(String text, int start, int end) {
    int i = start;
    while (i < end && i - start < 3 && text.charAt(i) == ' ') {
      i++;
    }
    if (i >= end || (text.charAt(i) != '=' && text.charAt(i) != '-')) {
      return false;
    }
    char marker = text.charAt(i);
    while (i < end && text.charAt(i) == marker) {
      i++;
    }
    while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '\r')) {
      i++;
    }
    return i == end;
  }

  /** The fenced code blocks as a detector. */
  SegmentDetector fenceDetector() {
    return (text, claimed) -> fences;
  }

  private static final class Collector extends AbstractVisitor {
    final List<Segment> fences = new ArrayList<>();
    final List<Segment> inline = new ArrayList<>();
    final List<Heading> heads = new ArrayList<>();

    @Override
    public void visit(FencedCodeBlock block) {
      add(fences, SegmentKind.CODE, block);
    }

    @Override
    public void visit(Code code) {
      add(inline, SegmentKind.INLINE_CODE, code);
    }

    @Override
    public void visit(org.commonmark.node.Heading heading) {
      List<SourceSpan> spans = heading.getSourceSpans();
      if (!spans.isEmpty()) {
        StringBuilder plain = new StringBuilder();
        appendPlain(heading, plain);
        heads.add(new Heading(spans.get(0).getInputIndex(), heading.getLevel(), plain.toString()));
      }
      visitChildren(heading);
    }

    private static void add(List<Segment> into, SegmentKind kind, Node node) {
      List<SourceSpan> spans = node.getSourceSpans();
      if (spans.isEmpty()) {
        return;
      }
      SourceSpan last = spans.get(spans.size() - 1);
      int start = spans.get(0).getInputIndex();
      int end = last.getInputIndex() + last.getLength();
      if (end > start) {
        into.add(new Segment(kind, start, end));
      }
    }

    private static void appendPlain(Node node, StringBuilder out) {
      for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
        if (child instanceof Text t) {
          out.append(t.getLiteral());
        } else if (child instanceof Code c) {
          out.append(c.getLiteral());
        } else {
          appendPlain(child, out);
        }
      }
    }
  }
}
