package com.usagetap.compression.structure;

import static com.usagetap.compression.structure.SegmentKind.TOOL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ToolMarkupDetectorTest {

  private static List<Segment> detect(String text) {
    return new ToolMarkupDetector().detect(text, new Claims());
  }

  /** The TOOL segment covering the first occurrence of {@code part} in {@code text}. */
  private static Segment segment(String text, String part) {
    int start = text.indexOf(part);
    assertThat(start).as("part of the text").isNotNegative();
    return new Segment(TOOL, start, start + part.length());
  }

  @Test
  void detect_functionCallsHoldingInvokes_isOneSegmentFromOpenToClose() {
    String markup =
        "<function_calls>\n<invoke name=\"search\">\n<parameter name=\"q\">rust</parameter>\n"
            + "</invoke>\n<invoke name=\"fetch\"></invoke>\n</function_calls>";
    String text = "I will look it up.\n" + markup + "\nDone.";

    assertThat(detect(text)).containsExactly(new Segment(TOOL, 19, 19 + markup.length()));
  }

  @Test
  void detect_eachElementName_isFound() {
    String text =
        "a <invoke>x</invoke> b <function_results>r</function_results> c <tool_call>{}</tool_call>"
            + " d <tool_use>u</tool_use> e <tool_result>ok</tool_result>";

    assertThat(detect(text))
        .containsExactly(
            segment(text, "<invoke>x</invoke>"),
            segment(text, "<function_results>r</function_results>"),
            segment(text, "<tool_call>{}</tool_call>"),
            segment(text, "<tool_use>u</tool_use>"),
            segment(text, "<tool_result>ok</tool_result>"));
  }

  @Test
  void detect_namesInAnyCaseWithAttributes_areFound() {
    String text = "x <TOOL_CALL id='1'\n  kind=\"a\">go</Tool_Call > y";

    assertThat(detect(text))
        .containsExactly(segment(text, "<TOOL_CALL id='1'\n  kind=\"a\">go</Tool_Call >"));
  }

  @Test
  void detect_sameElementNestedInItself_closesAtTheMatchingTag() {
    String text = "<invoke>a <invoke>b</invoke> c</invoke> tail</invoke>";

    assertThat(detect(text)).containsExactly(new Segment(TOOL, 0, 39));
  }

  @Test
  void detect_unclosedTagInProse_isNotASegment() {
    assertThat(detect("Wrap the call in a <tool_call> tag and send it.")).isEmpty();
  }

  @Test
  void detect_unclosedOuterTag_leavesTheClosedInnerOneAsASegment() {
    String text = "Use <invoke> like <invoke>this</invoke> please";

    assertThat(detect(text)).containsExactly(segment(text, "<invoke>this</invoke>"));
  }

  @Test
  void detect_closingTagWithoutOpening_isIgnored() {
    String text = "</tool_use> stray, then <tool_use>x</tool_use>";

    assertThat(detect(text)).containsExactly(segment(text, "<tool_use>x</tool_use>"));
  }

  @Test
  void detect_selfClosingAndOtherNames_areNotElements() {
    assertThat(
            detect(
                "<invoke/> <invoke name=\"a\" /> </invoke> <tool_calls>x</tool_calls>"
                    + " <tool_use_id>1</tool_use_id> <invoker>y</invoker> < invoke>z</invoke>"))
        .isEmpty();
  }

  @Test
  void detect_openingTagBrokenByAnotherTag_isNotATag() {
    assertThat(detect("<invoke name=\"a\" <b>x</b> </invoke>")).isEmpty();
  }

  @Test
  void detect_crossingElements_outermostFirstWins() {
    String text = "<tool_call> <invoke> </tool_call> </invoke>";

    assertThat(detect(text)).containsExactly(new Segment(TOOL, 0, 33));
  }

  @Test
  void detect_tagsInsideAClaimedSegment_areIgnored() {
    String text = "```\n<tool_call>\n```\nthen </tool_call> and <tool_result>r</tool_result>";
    Claims claims = new Claims();
    claims.claim(new Segment(SegmentKind.CODE, 0, 19));

    assertThat(new ToolMarkupDetector().detect(text, claims))
        .containsExactly(segment(text, "<tool_result>r</tool_result>"));
  }

  @Test
  void detect_claimedSegmentInsideAnElement_isContained() {
    String text = "<tool_result>\n```\n</tool_result>\n```\n</tool_result>";
    Claims claims = new Claims();
    claims.claim(segment(text, "```\n</tool_result>\n```"));

    assertThat(new ToolMarkupDetector().detect(text, claims))
        .containsExactly(new Segment(TOOL, 0, text.length()));
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void detect_manyUnclosedTags_finishQuickly() {
    String text = "<invoke ".repeat(100_000) + "<invoke>".repeat(100_000) + "<invoke>x</invoke>";

    assertThat(detect(text)).containsExactly(segment(text, "<invoke>x</invoke>"));
  }
}
