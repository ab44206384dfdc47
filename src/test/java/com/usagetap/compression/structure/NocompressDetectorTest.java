package com.usagetap.compression.structure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NocompressDetectorTest {

  private static List<String> detect(String text) {
    return Segments.describe(text, new NocompressDetector().detect(text, new Claims()));
  }

  @Test
  void span_givesTagsToDropAndContentToKeep() {
    assertThat(detect("a <nocompress>keep this</nocompress> b"))
        .containsExactly(
            "nocompress_tag[<nocompress>]",
            "nocompress[keep this]",
            "nocompress_tag[</nocompress>]");
  }

  @Test
  void nestedTags_areDroppedAndTheirContentKept() {
    assertThat(detect("<nocompress>a <NoCompress>b</NOCOMPRESS> c</nocompress>d"))
        .containsExactly(
            "nocompress_tag[<nocompress>]",
            "nocompress[a ]",
            "nocompress_tag[<NoCompress>]",
            "nocompress[b]",
            "nocompress_tag[</NOCOMPRESS>]",
            "nocompress[ c]",
            "nocompress_tag[</nocompress>]");
  }

  @Test
  void unclosedTag_protectsToTheEnd() {
    assertThat(detect("x <nocompress>rest of it"))
        .containsExactly("nocompress_tag[<nocompress>]", "nocompress[rest of it]");
  }

  @Test
  void strayCloseTag_isDroppedAndProtectsNothing() {
    assertThat(detect("x </nocompress> y")).containsExactly("nocompress_tag[</nocompress>]");
  }

  @Test
  void tagsWithAttributesOrSpaces_areNotTags() {
    assertThat(detect("<nocompress id=1>x</nocompress >")).isEmpty();
  }

  @Test
  void tagsShownInACodeBlock_areCode() {
    assertThat(Segments.segment("Use it like this:\n```\n<nocompress>x</nocompress>\n```\n"))
        .containsExactly(
            "prose[Use it like this:\n]",
            "code[```\n<nocompress>x</nocompress>\n```]",
            "prose[\n]");
  }
}
