package com.usagetap.compression.structure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProtectedSectionDetectorTest {

  private static List<String> sections(String text, List<String> extra) {
    ProtectedSectionDetector detector =
        new ProtectedSectionDetector(
            ProtectedNames.withExtra(extra), MarkdownStructure.parse(text).headings());
    return Segments.describe(text, detector.detect(text, new Claims()));
  }

  @Test
  void listedHeading_protectsUntilTheNextHeadingOfItsLevelOrHigher() {
    String text =
        "# Task\nDo it.\n## Output Format\nJSON only.\n### Fields\nid, name\n## Notes\nfree";

    assertThat(sections(text, List.of()))
        .containsExactly("protected[## Output Format\nJSON only.\n### Fields\nid, name\n]");
  }

  @Test
  void listedHeading_lastInTheText_protectsToTheEnd() {
    assertThat(sections("Intro\n\n# Constraints\n- max 3 items", List.of()))
        .containsExactly("protected[# Constraints\n- max 3 items]");
  }

  @Test
  void headingMatch_isOnWholeWordsInAnyCaseAndPunctuation() {
    assertThat(sections("## RESPONSE-FORMAT (strict):\nx", List.of())).hasSize(1);
    assertThat(sections("## Outputs\nx", List.of())).isEmpty();
    assertThat(sections("## Apiary notes\nx", List.of())).isEmpty();
  }

  @Test
  void tenantHeadings_protectToo() {
    assertThat(sections("## Brand voice\nWarm.\n## Other\nx", List.of("Brand Voice")))
        .containsExactly("protected[## Brand voice\nWarm.\n]");
  }

  @Test
  void listedElements_areProtectedWithTheirTags() {
    String text = "Intro <output_format>\n{\"a\": 1}\n</output_format> and <ui>Button</UI>.";

    assertThat(sections(text, List.of()))
        .containsExactly(
            "protected[<output_format>\n{\"a\": 1}\n</output_format>]",
            "protected[<ui>Button</UI>]");
  }

  @Test
  void unclosedElement_protectsNothing() {
    assertThat(sections("Follow the <schema> given below.", List.of())).isEmpty();
  }

  @Test
  void headingInsideACodeFence_isNotAHeading() {
    assertThat(sections("```\n# API\ncode\n```\ntext", List.of())).isEmpty();
  }
}
