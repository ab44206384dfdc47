package com.usagetap.compression.structure;

import static org.assertj.core.api.Assertions.assertThat;

import com.usagetap.compression.compress.CompressionOptions;
import com.usagetap.compression.compress.LexicalScorer;
import com.usagetap.compression.compress.TextCompressor;
import com.usagetap.compression.testing.Corpus;
import com.usagetap.compression.tokens.TokenCounter;
import com.usagetap.compression.tokens.Tokenizers;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StructuredCompressorTest {
  private static final TokenCounter COUNTER = new Tokenizers().forModel("gpt-4o");
  private static final StructureOptions STRUCTURE =
      new StructureOptions(ProtectedNames.withExtra(List.of()), ToonMode.AUTO, 40, 0.15, true);
  private static final String PROSE =
      "The team met on Tuesday to review the quarterly marmalade budget and the plans for the"
          + " new warehouse in the northern district, which everyone agreed was overdue.";

  private final StructuredCompressor compressor =
      new StructuredCompressor(new TextCompressor(new LexicalScorer()));

  private StructuredCompressor.Result compress(String text, double aggressiveness) {
    return compressor.compress(text, CompressionOptions.of(aggressiveness), COUNTER, STRUCTURE);
  }

  @Test
  void textWithNothingToCompress_comesBackByteIdentical() {
    String text = "```\ncode  \n\n\n\n```\n<pre>a</pre>";

    StructuredCompressor.Result result = compress(text, 0.9);

    assertThat(result.text()).isEqualTo(text);
    assertThat(result.sections())
        .allSatisfy(s -> assertThat(s.action()).isEqualTo(SegmentAction.PRESERVED));
  }

  @Test
  void prose_isCompressedAndCodeKeptVerbatim() {
    String code = "```\nThe quick brown fox jumps over the lazy dog again and again.\n```";
    String text = PROSE + "\n" + code + "\n" + PROSE;

    StructuredCompressor.Result result = compress(text, 0.6);

    assertThat(result.text()).contains(code);
    assertThat(result.text().length()).isLessThan(text.length());
    assertThat(result.sections().get(0).action()).isEqualTo(SegmentAction.COMPRESSED);
    assertThat(result.sections().get(1).action()).isEqualTo(SegmentAction.PRESERVED);
  }

  @Test
  void nocompressTags_areRemovedAndTheirContentKept() {
    String kept = "Please kindly note that the very important thing here is exact wording.";
    String text = PROSE + " <nocompress>" + kept + "</nocompress>";

    StructuredCompressor.Result result = compress(text, 0.6);

    assertThat(result.text()).endsWith(" " + kept).doesNotContain("nocompress");
    assertThat(result.sections().stream().map(StructuredCompressor.Section::action))
        .contains(SegmentAction.DROPPED);
  }

  @Test
  void inlineCode_isKeptWholeAtHighAggressivenessAndAgainstDropPhrases() {
    String code = "`the the the of and`";
    String text = PROSE + " Then run " + code + " and check the output of it.";
    CompressionOptions options =
        new CompressionOptions(0.9, List.of(), List.of(), List.of("the the"), false, false);

    String out = compressor.compress(text, options, COUNTER, STRUCTURE).text();

    assertThat(out).contains(code);
  }

  @Test
  void proseWhitespace_isTidiedOnlyInProse() {
    String text = "Line one   \n\n\n\n\nLine two\n```\nkeep   \n\n\n\n\n```";

    String out = compress(text, 0).text();

    assertThat(out).isEqualTo("Line one\n\nLine two\n```\nkeep   \n\n\n\n\n```");
  }

  @Test
  void withoutTransforms_proseWhitespaceIsLeftAlone() {
    String text = "Line one   \n\n\n\n\nLine two";
    StructureOptions verbatimOnly =
        new StructureOptions(ProtectedNames.withExtra(List.of()), ToonMode.AUTO, 40, 0.15, false);

    String out = compressor.compress(text, CompressionOptions.of(0), COUNTER, verbatimOnly).text();

    assertThat(out).isEqualTo(text);
  }

  @Test
  void toonInACrlfText_keepsCrlfLineEndingsAndTheIndentation() {
    String text = "Data:\r\n  {\r\n    \"mode\": \"fast\",\r\n    \"level\": 2\r\n  }\r\nEnd.";
    StructureOptions always =
        new StructureOptions(ProtectedNames.withExtra(List.of()), ToonMode.ALWAYS, 0, 0, true);

    String out = compressor.compress(text, CompressionOptions.of(0), COUNTER, always).text();

    assertThat(out).isEqualTo("Data:\r\n  mode: fast\r\n  level: 2\r\nEnd.");
  }

  static Iterable<Path> corpusTexts() {
    return Corpus.files("text");
  }

  /**
   * Code, HTML, tool exchanges and protected sections in real prompts survive compression character
   * for character, and their JSON keeps its value.
   */
  @ParameterizedTest
  @MethodSource("corpusTexts")
  void corpusTexts_keepEveryVerbatimSegmentByteIdenticalAndJsonEqual(Path file) {
    Corpus.assumePresent();
    String text = Corpus.read(file);

    StructuredCompressor.Result result = compress(text, 0.7);

    int at = 0;
    for (StructuredCompressor.Section section : result.sections()) {
      String source = text.substring(section.segment().start(), section.segment().end());
      switch (section.segment().kind()) {
        case CODE, HTML, PROTECTED, TOOL -> {
          assertThat(section.output()).isEqualTo(source);
          assertThat(result.text().startsWith(source, at)).isTrue();
        }
        case JSON -> {
          if (section.action() == SegmentAction.MINIFIED) {
            assertThat(EmbeddedJson.parse(section.output()).orElseThrow().value())
                .isEqualTo(EmbeddedJson.parse(source).orElseThrow().value());
          }
        }
        default -> {}
      }
      at += section.output().length();
    }
  }
}
