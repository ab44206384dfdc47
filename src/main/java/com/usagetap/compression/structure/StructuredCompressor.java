package com.usagetap.compression.structure;

import com.usagetap.compression.compress.Compression;
import com.usagetap.compression.compress.CompressionOptions;
import com.usagetap.compression.compress.TextCompressor;
import com.usagetap.compression.tokens.TokenCounter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Compresses a text segment by segment: prose through the word compressor, every other kind by its
 * own rule (see {@link Segmenter} for the kinds and their precedence).
 *
 * <ul>
 *   <li>Prose: the whitespace rule ({@link ProseWhitespace}) first, then word compression, with the
 *       inline code spans in it kept verbatim. Tenant drop phrases and keep tokens act here only.
 *   <li>Code, HTML blocks, tool exchanges, protected sections and {@code <nocompress>} content:
 *       verbatim.
 *   <li>{@code <nocompress>} tags: removed.
 *   <li>JSON: {@link JsonRewrite}.
 * </ul>
 *
 * <p>The output is the segments' outputs in order; separators between blocks are prose and so are
 * kept, which makes a text with nothing to compress come back byte-identical.
 */
public final class StructuredCompressor {
  private final TextCompressor compressor;

  public StructuredCompressor(TextCompressor compressor) {
    this.compressor = compressor;
  }

  /**
   * One segment's result. Token counts are left to callers that report them, since counting every
   * segment again would double the cost of a request that does not ask for sections.
   *
   * @param segment where it was in the input (UTF-16 indices)
   * @param output what it became
   */
  public record Section(Segment segment, SegmentAction action, String output) {}

  /**
   * The result for one text.
   *
   * @param text the segments' outputs joined
   * @param sections one per segment, in order
   * @param warnings distinct warnings, in the order first raised
   * @param prose the word compressor's figures summed over the prose segments
   */
  public record Result(
      String text, List<Section> sections, List<String> warnings, Compression prose) {}

  /** Compresses {@code text}. */
  public Result compress(
      String text, CompressionOptions options, TokenCounter counter, StructureOptions structure) {
    return compress(Segmenter.segment(text, structure.names()), options, counter, structure);
  }

  /** Compresses a text already segmented with {@code structure}'s names. */
  public Result compress(
      Segmentation segmentation,
      CompressionOptions options,
      TokenCounter counter,
      StructureOptions structure) {
    String text = segmentation.text();
    StringBuilder out = new StringBuilder(text.length());
    List<Section> sections = new ArrayList<>(segmentation.segments().size());
    Set<String> warnings = new LinkedHashSet<>();
    int words = 0;
    int kept = 0;
    int required = 0;
    int droppedByPhrase = 0;
    for (Segment segment : segmentation.segments()) {
      String source = text.substring(segment.start(), segment.end());
      String output;
      SegmentAction action;
      switch (segment.kind()) {
        case PROSE -> {
          Compression compression =
              prose(segmentation, segment, options, counter, structure.transform());
          words += compression.words();
          kept += compression.keptWords();
          required += compression.requiredWords();
          droppedByPhrase += compression.droppedByPhrase();
          output = compression.text();
          action = output.equals(source) ? SegmentAction.PRESERVED : SegmentAction.COMPRESSED;
        }
        case NOCOMPRESS_TAG -> {
          output = "";
          action = SegmentAction.DROPPED;
        }
        case JSON -> {
          JsonRewrite.Outcome outcome =
              JsonRewrite.rewrite(text, segment.start(), segment.end(), structure, counter);
          output = outcome.text();
          action = outcome.action();
          if (outcome.warning() != null) {
            warnings.add(outcome.warning());
          }
        }
        default -> {
          output = source;
          action = SegmentAction.PRESERVED;
        }
      }
      sections.add(new Section(segment, action, output));
      out.append(output);
    }
    return new Result(
        out.toString(),
        List.copyOf(sections),
        List.copyOf(warnings),
        new Compression(out.toString(), words, kept, required, droppedByPhrase));
  }

  private Compression prose(
      Segmentation segmentation,
      Segment segment,
      CompressionOptions options,
      TokenCounter counter,
      boolean transform) {
    String text = segmentation.text();
    boolean atEnd = segment.end() == text.length();
    List<int[]> inline = segmentation.inlineCode(segment);
    StringBuilder tidied = new StringBuilder(segment.length());
    List<int[]> verbatim = new ArrayList<>(inline.size());
    int at = 0;
    String source = text.substring(segment.start(), segment.end());
    for (int[] code : inline) {
      tidied.append(tidy(source.substring(at, code[0]), false, transform));
      int start = tidied.length();
      tidied.append(source, code[0], code[1]);
      verbatim.add(new int[] {start, tidied.length()});
      at = code[1];
    }
    tidied.append(tidy(source.substring(at), atEnd, transform));
    return compressor.compress(tidied.toString(), options, counter, verbatim);
  }

  private static String tidy(String prose, boolean atEnd, boolean transform) {
    return transform ? ProseWhitespace.normalize(prose, atEnd) : prose;
  }
}
