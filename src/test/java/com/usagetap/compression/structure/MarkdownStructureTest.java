package com.usagetap.compression.structure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownStructureTest {

  private static List<String> fences(String text) {
    return Segments.describe(text, MarkdownStructure.parse(text).fences());
  }

  @Test
  void fences_backticksAndTildesWithInfoStrings_areCodeFromFenceToFence() {
    String text = "Run:\n```bash title=\"x\"\nls -la\n```\nthen\n~~~\n# not a heading\n~~~\n";

    assertThat(fences(text))
        .containsExactly(
            "code[```bash title=\"x\"\nls -la\n```]", "code[~~~\n# not a heading\n~~~]");
    assertThat(MarkdownStructure.parse(text).headings()).isEmpty();
  }

  @Test
  void fence_neverClosed_runsToTheEndOfTheText() {
    String text = "Intro\n```python\nprint(1)\n\nmore code";

    assertThat(fences(text)).containsExactly("code[```python\nprint(1)\n\nmore code]");
  }

  @Test
  void fence_closedOnlyByALongEnoughFenceOfTheSameCharacter() {
    String text = "````\n```\n~~~~\n````\nafter";

    assertThat(fences(text)).containsExactly("code[````\n```\n~~~~\n````]");
  }

  @Test
  void fence_insideAListItemOrQuote_isFound() {
    String text = "1. Step:\n   ```js\n   let a = 1;\n   ```\n> ```\n> quoted\n> ```\n";

    assertThat(fences(text))
        .containsExactly("code[```js\n   let a = 1;\n   ```]", "code[```\n> quoted\n> ```]");
  }

  @Test
  void fence_afterAnXmlStyleTagLine_isStillAFence() {
    String text = "<role>\nYou review code.\n```\nx = 1\n```\n</role>";

    assertThat(fences(text)).containsExactly("code[```\nx = 1\n```]");
  }

  @Test
  void indentedLines_areNotCode() {
    assertThat(fences("Notes:\n\n    indented prose line\n")).isEmpty();
  }

  @Test
  void inlineCode_isFoundWithItsBackticks() {
    String text = "Call `run()` or ``a ` b`` now.";

    assertThat(Segments.describe(text, MarkdownStructure.parse(text).inlineCode()))
        .containsExactly("inline_code[`run()`]", "inline_code[``a ` b``]");
  }

  @Test
  void headings_atxAndSetext_giveLevelStartAndPlainText() {
    String text = "Intro\n\n## Output *Format* `v2`\nbody\n\nRules\n=====\n";

    assertThat(MarkdownStructure.parse(text).headings())
        .containsExactly(
            new MarkdownStructure.Heading(7, 2, "Output Format v2"),
            new MarkdownStructure.Heading(37, 1, "Rules"));
  }

  @Test
  void mayHaveStructure_isFalseOnlyWithoutAnyMarker() {
    assertThat(MarkdownStructure.mayHaveStructure("Plain words - with a dash.\nAnd = signs."))
        .isFalse();
    assertThat(MarkdownStructure.mayHaveStructure("a `b`")).isTrue();
    assertThat(MarkdownStructure.mayHaveStructure("Title\n   ---  \nbody")).isTrue();
    assertThat(MarkdownStructure.mayHaveStructure("Title\r\n====\r\nbody")).isTrue();
    assertThat(MarkdownStructure.parse("Title\n====\nbody").headings()).hasSize(1);
  }
}
