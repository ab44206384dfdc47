package com.usagetap.compression.structure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlBlockDetectorTest {

  private static List<String> blocks(String text) {
    return Segments.describe(text, new HtmlBlockDetector().detect(text, new Claims()));
  }

  @Test
  void script_withMarkupInItsStrings_endsAtItsOwnCloseTag() {
    String text = "Page: <script type=\"module\">const s = \"<pre>\";</script> done";

    assertThat(blocks(text))
        .containsExactly("html[<script type=\"module\">const s = \"<pre>\";</script>]");
  }

  @Test
  void nestedElements_giveTheOutermostOnly() {
    String text = "<PRE class=\"x\"><code>a &lt; b</code>\n</PRE>";

    assertThat(blocks(text))
        .containsExactly("html[<PRE class=\"x\"><code>a &lt; b</code>\n</PRE>]");
  }

  @Test
  void svgAndTemplate_withNestedTagsAndAttributes_areBlocks() {
    String text =
        "<svg viewBox=\"0 0 10 10\"><g><path d=\"M0 0\"/></g></svg>\n"
            + "<template id=\"row\"><tr><td>${name}</td></tr></template>";

    assertThat(blocks(text))
        .containsExactly(
            "html[<svg viewBox=\"0 0 10 10\"><g><path d=\"M0 0\"/></g></svg>]",
            "html[<template id=\"row\"><tr><td>${name}</td></tr></template>]");
  }

  @Test
  void aTagNamedInASentence_isNotABlock() {
    assertThat(blocks("Wrap the answer in a <pre> element, not a <div>.")).isEmpty();
    assertThat(blocks("Use </code> to close it.")).isEmpty();
  }

  @Test
  void otherElements_areNotBlocks() {
    assertThat(blocks("<div><p>Hello</p></div>")).isEmpty();
  }

  @Test
  void tagsInsideAnEarlierClaim_areNotSeen() {
    String text = "```\n<pre>x</pre>\n```";
    Claims claims = new Claims();
    claims.claim(new Segment(SegmentKind.CODE, 0, text.length()));

    assertThat(new HtmlBlockDetector().detect(text, claims)).isEmpty();
  }

  @Test
  void isElement_refusesWhatHtmlWouldCloseEarlier() {
    assertThat(HtmlBlockDetector.isElement("<pre>a</pre>")).isTrue();
    assertThat(HtmlBlockDetector.isElement("<code>a</code><code>b</code>")).isFalse();
  }

  @Test
  void manyUnclosedTags_areScannedInOnePass() {
    String text = "<pre ".repeat(200_000) + "<pre>x</pre>";

    assertThat(blocks(text)).containsExactly("html[<pre>x</pre>]");
  }
}
