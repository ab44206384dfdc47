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
 *   <li>Markdown fenced code blocks, then inline code spans ({@link MarkdownStructure}): nothing
 *       inside a fence or between backticks is read as anything else, so a fence that shows a
 *       {@code <nocompress>} tag and a code span that shows JSON stay code.
 *   <li>JSON values, or tool-call JSON ({@link JsonSpanDetector}), only where nothing was claimed.
 *       Before any markup rule, so that a tag written inside a JSON string is data, not a tag.
 *   <li>HTML code and layout blocks ({@link HtmlBlockDetector}).
 *   <li>{@code <nocompress>} tags and content ({@link NocompressDetector}).
 *   <li>Tool and function exchanges written as markup ({@link ToolMarkupDetector}) and ReAct action
 *       blocks ({@link ReActDetector}).
 *   <li>Protected sections: listed XML-style elements and the sections of listed headings ({@link
 *       ProtectedSectionDetector}); a section absorbs the blocks above that lie inside it.
 *   <li>Everything else is prose. Code spans not absorbed by a block are merged back into the prose
 *       around them and kept verbatim by the compressor.
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
            (t, claimed) -> markdown.inlineCode(),
            new JsonSpanDetector(),
            new HtmlBlockDetector(),
            new NocompressDetector(),
            new ToolMarkupDetector(),
            new ReActDetector(),
            new ProtectedSectionDetector(names, markdown.headings()));

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

    // Gaps are prose; a code span joins the prose run it sits in.
    List<Segment> segments = new ArrayList<>();
    List<Segment> inline = new ArrayList<>();
    int at = 0;
    int proseStart = -1;
    for (Segment claimed : claims.segments()) {
      if (claimed.start() > at && proseStart < 0) {
        proseStart = at;
      }
      if (claimed.kind() == SegmentKind.INLINE_CODE) {
        inline.add(claimed);
        if (proseStart < 0) {
          proseStart = claimed.start();
        }
      } else {
        if (proseStart >= 0) {
          segments.add(new Segment(SegmentKind.PROSE, proseStart, claimed.start()));
          proseStart = -1;
        }
        segments.add(claimed);
      }
      at = claimed.end();
    }
    if (proseStart < 0 && at < text.length()) {
      proseStart = at;
    }
    if (proseStart >= 0) {
      segments.add(new Segment(SegmentKind.PROSE, proseStart, text.length()));
    }
    return new Segmentation(text, List.copyOf(segments), List.copyOf(inline));
  }
}
