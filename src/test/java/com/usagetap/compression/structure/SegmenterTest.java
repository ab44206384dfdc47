package com.usagetap.compression.structure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SegmenterTest {

  @Test
  void emptyText_hasNoSegments() {
    assertThat(Segmenter.segment("", ProtectedNames.withExtra(List.of())).segments()).isEmpty();
  }

  @Test
  void plainProse_isOneProseSegment() {
    Segmentation segmentation =
        Segmenter.segment("Just a sentence.\n\nAnd another.", ProtectedNames.withExtra(List.of()));

    assertThat(Segments.describe(segmentation.text(), segmentation.segments()))
        .containsExactly("prose[Just a sentence.\n\nAnd another.]");
    assertThat(segmentation.isAllProse()).isTrue();
  }

  @Test
  void mixedPrompt_isSplitByKindWithProseBetween() {
    String text =
        """
        Review this:
        ```py
        x = 1
        ```
        <pre>keep  this</pre>
        Say <nocompress>exactly this</nocompress> now.
        ## Output format
        Return a list.
        """;

    assertThat(Segments.segment(text))
        .containsExactly(
            "prose[Review this:\n]",
            "code[```py\nx = 1\n```]",
            "prose[\n]",
            "html[<pre>keep  this</pre>]",
            "prose[\nSay ]",
            "nocompress_tag[<nocompress>]",
            "nocompress[exactly this]",
            "nocompress_tag[</nocompress>]",
            "prose[ now.\n]",
            "protected[## Output format\nReturn a list.\n]");
  }

  @Test
  void segments_coverTheTextInOrder() {
    String text = "a ```b``` <pre>c</pre> <nocompress>d\n# API\ne";
    Segmentation segmentation = Segmenter.segment(text, ProtectedNames.withExtra(List.of()));

    int at = 0;
    for (Segment segment : segmentation.segments()) {
      assertThat(segment.start()).isEqualTo(at);
      at = segment.end();
    }
    assertThat(at).isEqualTo(text.length());
  }

  @Test
  void protectedSection_absorbsTheBlocksInsideIt() {
    String text = "Intro\n# Contract\n```\ncode\n```\n<pre>x</pre>\n# Next\nmore";

    assertThat(Segments.segment(text))
        .containsExactly(
            "prose[Intro\n]",
            "protected[# Contract\n```\ncode\n```\n<pre>x</pre>\n]",
            "prose[# Next\nmore]");
  }

  @Test
  void inlineCode_staysInItsProseSegmentAndIsListed() {
    String text = "Call `run()` twice.\n```\nblock\n```";
    Segmentation segmentation = Segmenter.segment(text, ProtectedNames.withExtra(List.of()));

    assertThat(Segments.describe(text, segmentation.segments()))
        .containsExactly("prose[Call `run()` twice.\n]", "code[```\nblock\n```]");
    assertThat(Segments.describe(text, segmentation.inlineCode()))
        .containsExactly("inline_code[`run()`]");
    assertThat(segmentation.inlineCode(segmentation.segments().get(0)))
        .containsExactly(new int[] {5, 12});
  }

  @Test
  void tagsInsideJsonStrings_areData() {
    String text =
        "Use {\"template\": \"<pre>{{ code }}</pre>\", \"note\": \"<nocompress>x</nocompress>\","
            + " \"theme\": \"dark\"} now.";

    assertThat(Segments.segment(text))
        .containsExactly(
            "prose[Use ]",
            "json[{\"template\": \"<pre>{{ code }}</pre>\", \"note\":"
                + " \"<nocompress>x</nocompress>\", \"theme\": \"dark\"}]",
            "prose[ now.]");
  }

  @Test
  void tagsAndJsonInsideCodeSpans_areCode() {
    String text =
        "Wrap text in `<nocompress>` tags, send `{\"a\": 1}` and `<pre>` then `</pre>` words.";

    Segmentation segmentation = Segmenter.segment(text, ProtectedNames.withExtra(List.of()));

    assertThat(Segments.describe(text, segmentation.segments()))
        .containsExactly("prose[" + text + "]");
    assertThat(segmentation.inlineCode()).hasSize(4);
  }

  @Test
  void headingLineInsideAVerbatimBlock_protectsNothing() {
    String text = "<nocompress>\n## Output format\n</nocompress>\nPlease kindly note this.";

    assertThat(Segments.segment(text))
        .containsExactly(
            "nocompress_tag[<nocompress>]",
            "nocompress[\n## Output format\n]",
            "nocompress_tag[</nocompress>]",
            "prose[\nPlease kindly note this.]");
  }

  @Test
  void deeplyNestedHtml_isSegmentedQuickly() {
    String text = "<svg>".repeat(50_000) + "x" + "</svg>".repeat(50_000);

    List<Segment> segments =
        Segmenter.segment(text, ProtectedNames.withExtra(List.of())).segments();

    assertThat(segments).isNotEmpty();
    assertThat(segments.getLast().end()).isEqualTo(text.length());
  }
}
