package com.usagetap.compression.structure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits a text into segments by kind. This is the one place where the order of precedence is
 * written down.
 *
 * <p>Detectors run in this order, and the first claim on a character wins (see {@link Claims}: a
 * later candidate is clipped around earlier claims and absorbs those it contains entirely):
 *
 * <ol>
 *   <li>Markdown fenced code blocks ({@link MarkdownStructure}): nothing inside a fence is read as
 *       anything else, so a fence that shows a {@code <nocompress>} tag or a JSON sample stays
 *       code.
 *   <li>HTML code and layout blocks ({@link HtmlBlockDetector}).
 *   <li>{@code <nocompress>} tags and content ({@link NocompressDetector}).
 *   <li>Tool and function exchanges written as markup ({@link ToolMarkupDetector}) and ReAct action
 *       blocks ({@link ReActDetector}).
 *   <li>Protected sections: listed XML-style elements and the sections of listed headings ({@link
 *       ProtectedSectionDetector}); a section absorbs the blocks above that lie inside it.
 *   <li>JSON values inside prose, or tool-call JSON ({@link JsonSpanDetector}), only where nothing
 *       was claimed.
 *   <li>Everything else is prose. Inline code spans inside prose stay part of their prose segment
 *       and are kept verbatim by the compressor.
 * </ol>
 *
 * <p>Within one detector, candidates are claimed by start, the longest first, so the outermost of
 * nested candidates wins.
 */
public final class Segmenter {
  private Segmenter() {}

  /**
   * Segments {@code text}.
   *
   * @param names the section names protected for this request
   */
  public static Segmentation segment(String text, ProtectedNames names) {
    if (text.isEmpty()) {
      return new Segmentation(text, List.of(), List.of());
    }
    MarkdownStructure markdown = MarkdownStructure.parse(text);
    List<SegmentDetector> detectors =
        List.of(
            markdown.fenceDetector(),
            new HtmlBlockDetector(),
            new NocompressDetector(),
            new ToolMarkupDetector(),
            new ReActDetector(),
            new ProtectedSectionDetector(names, markdown.headings()),
            new JsonSpanDetector());

    Claims claims = new Claims();
    for (SegmentDetector detector : detectors) {
      List<Segment> candidates = new ArrayList<>(detector.detect(text, claims));
      candidates.sort(
          Comparator.comparingInt(Segment::start)
              .thenComparing(Segment::end, Comparator.reverseOrder()));
      for (Segment candidate : candidates) {
        claims.claim(candidate);
      }
    }

    List<Segment> segments = new ArrayList<>();
    int at = 0;
    for (Segment claimed : claims.segments()) {
      if (claimed.start() > at) {
        segments.add(new Segment(SegmentKind.PROSE, at, claimed.start()));
      }
      segments.add(claimed);
      at = claimed.end();
    }
    if (at < text.length()) {
      segments.add(new Segment(SegmentKind.PROSE, at, text.length()));
    }

    List<Segment> inline = new ArrayList<>();
    for (Segment code : markdown.inlineCode()) {
      if (claims.isFree(code.start(), code.end())) {
        inline.add(code);
      }
    }
    return new Segmentation(text, List.copyOf(segments), List.copyOf(inline));
  }
}
