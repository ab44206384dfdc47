package com.usagetap.compression.compress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RenderingTest {

  /** Renders {@code text} keeping only the words at {@code kept}. */
  private static String render(String text, int... kept) {
    Words words = WordSegmenter.segment(text);
    boolean[] keep = new boolean[words.size()];
    for (int i : kept) {
      keep[i] = true;
    }
    return Rendering.render(words, keep);
  }

  private static boolean isSubsequence(String candidate, String of) {
    int at = 0;
    for (int i = 0; i < of.length() && at < candidate.length(); i++) {
      if (of.charAt(i) == candidate.charAt(at)) {
        at++;
      }
    }
    return at == candidate.length();
  }

  @Test
  void render_everyWordKept_isTheInput() {
    String text = "  one\ttwo\n\n  three 四五  ";

    assertThat(render(text, 0, 1, 2, 3, 4)).isEqualTo(text);
  }

  @Test
  void render_gapsWithLineBreaks_preferTheMostBreaks() {
    // Gaps between kept "a" and "d": " \n" (1 break), "   " (0), "\n\n" (2).
    assertThat(render("a \nb   c\n\nd", 0, 3)).isEqualTo("a\n\nd");
  }

  @Test
  void render_gapsWithEqualBreaks_preferTheLongest() {
    assertThat(render("a b    c  d", 0, 3)).isEqualTo("a    d");
    assertThat(render("a\n b\n     c\n  d", 0, 3)).isEqualTo("a\n     d");
  }

  @Test
  void render_gapsOfEqualBreaksAndLength_preferTheLast() {
    assertThat(render("a\t b \tc", 0, 2)).isEqualTo("a \tc");
  }

  @Test
  void render_droppedLine_leavesItsLineBreakAndIndentation() {
    String text = "def f():\n    return 1\n    pass";

    assertThat(render(text, 0, 1, 4)).isEqualTo("def f():\n    pass");
  }

  @Test
  void render_leadingAndTrailingWhitespace_keptEvenWhenEdgeWordsDrop() {
    assertThat(render("\n  first middle last \n", 1)).isEqualTo("\n  middle \n");
  }

  @Test
  void render_noWordKept_keepsOnlyTheOuterWhitespace() {
    assertThat(render("  a b  ")).isEqualTo("    ");
  }

  @Test
  void render_cjkWithoutSpaces_staysJoined() {
    assertThat(render("我们明天去北京", 0, 1, 4, 5, 6)).isEqualTo("我们去北京");
  }

  @Test
  void render_cjkNextToLatin_usesTheSpaceWhereThereIsOne() {
    // Words: 用 Java 写 API; the gaps around the dropped 写 are "" and " ".
    assertThat(render("用Java写 API", 0, 1, 3)).isEqualTo("用Java API");
  }

  @Test
  void render_anyKeepPattern_isASubsequenceHoldingTheKeptWordsInOrder() {
    String text = " Intro:\n\n  - item one\t(two)\n  - 项目三\u00A0four 🚀 five\r\n| a | b |\n";
    Words words = WordSegmenter.segment(text);
    Random random = new Random(20_240_601L);

    for (int round = 0; round < 500; round++) {
      boolean[] keep = new boolean[words.size()];
      StringBuilder keptInOrder = new StringBuilder();
      for (int i = 0; i < keep.length; i++) {
        keep[i] = random.nextBoolean();
        if (keep[i]) {
          keptInOrder.append(words.word(i));
        }
      }
      String rendered = Rendering.render(words, keep);

      assertThat(isSubsequence(rendered, text)).as("round %d: %s", round, rendered).isTrue();
      assertThat(rendered.codePoints().filter(cp -> !WordSegmenter.isSpace(cp)).toArray())
          .isEqualTo(keptInOrder.codePoints().toArray());
    }
  }
}
