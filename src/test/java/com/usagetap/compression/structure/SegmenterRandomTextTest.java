package com.usagetap.compression.structure;

import static org.assertj.core.api.Assertions.assertThat;

import com.usagetap.compression.compress.CompressionOptions;
import com.usagetap.compression.compress.LexicalScorer;
import com.usagetap.compression.compress.TextCompressor;
import com.usagetap.compression.tokens.TokenCounter;
import com.usagetap.compression.tokens.Tokenizers;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random texts built from the pieces every detector reacts to, in any order and nesting:
 * segmenting and compressing them must never fail, the segments must cover the text in order, and
 * every verbatim segment must come back exactly.
 */
class SegmenterRandomTextTest {
  private static final List<String> PIECES =
      List.of(
          "```",
          "```js\n",
          "~~~",
          "`",
          "``",
          "<pre>",
          "</pre>",
          "<svg>",
          "</svg>",
          "<script>",
          "</script>",
          "<nocompress>",
          "</nocompress>",
          "<schema>",
          "</schema>",
          "<invoke>",
          "</invoke>",
          "{",
          "}",
          "[",
          "]",
          "\"",
          "\\",
          ":",
          ",",
          "1",
          "2.50",
          "-0",
          "1e400",
          "\"a\"",
          "\"k\": ",
          "# ",
          "## Output format",
          "## Notes",
          "\n",
          "\n\n",
          "\n\n\n\n",
          "\r\n",
          "   ",
          "\t",
          "Action: ",
          "Observation: ",
          "Thought: ",
          "word",
          "the",
          "report",
          "😀",
          "会议",
          "e\u0301",
          "{{x}}",
          "[1]",
          "{\"name\": \"f\", \"arguments\": \"{}\"}",
          "{\"a\": 1, \"a\": 2}",
          "[{\"id\": 1}, {\"id\": 2}]");
  private static final TokenCounter COUNTER = new Tokenizers().forModel("gpt-4o");

  @Test
  void randomStructuredTexts_segmentAndCompressWithoutLosingVerbatimParts() {
    Random random = new Random(20261203);
    StructuredCompressor compressor =
        new StructuredCompressor(new TextCompressor(new LexicalScorer()));
    ProtectedNames names = ProtectedNames.withExtra(List.of("notes"));
    for (int n = 0; n < 3_000; n++) {
      StringBuilder text = new StringBuilder();
      int pieces = 1 + random.nextInt(60);
      for (int p = 0; p < pieces; p++) {
        text.append(PIECES.get(random.nextInt(PIECES.size())));
        if (random.nextInt(4) == 0) {
          text.append(' ');
        }
      }
      String input = text.toString();
      ToonMode toon =
          List.of(ToonMode.AUTO, ToonMode.NEVER, ToonMode.ALWAYS).get(random.nextInt(3));
      StructureOptions options = new StructureOptions(names, toon, 0, 0.1, random.nextBoolean());

      Segmentation segmentation = Segmenter.segment(input, names);
      StructuredCompressor.Result result =
          compressor.compress(
              segmentation, CompressionOptions.of(random.nextDouble() * 0.9), COUNTER, options);

      int at = 0;
      int out = 0;
      for (StructuredCompressor.Section section : result.sections()) {
        Segment segment = section.segment();
        assertThat(segment.start()).as("case %d: %s", n, input).isEqualTo(at);
        String source = input.substring(segment.start(), segment.end());
        if (segment.kind() != SegmentKind.PROSE
            && segment.kind() != SegmentKind.JSON
            && segment.kind() != SegmentKind.NOCOMPRESS_TAG) {
          assertThat(section.output()).as("case %d: %s", n, input).isEqualTo(source);
        }
        assertThat(result.text().startsWith(section.output(), out)).isTrue();
        out += section.output().length();
        at = segment.end();
      }
      assertThat(at).as("case %d: %s", n, input).isEqualTo(input.length());
      assertThat(out).isEqualTo(result.text().length());
    }
  }
}
