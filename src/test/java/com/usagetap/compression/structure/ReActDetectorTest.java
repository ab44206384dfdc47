package com.usagetap.compression.structure;

import static com.usagetap.compression.structure.SegmentKind.TOOL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReActDetectorTest {

  private static List<Segment> detect(String text) {
    return new ReActDetector().detect(text, new Claims());
  }

  /** The TOOL segment covering the first occurrence of {@code part} in {@code text}. */
  private static Segment segment(String text, String part) {
    int start = text.indexOf(part);
    assertThat(start).as("part of the text").isNotNegative();
    return new Segment(TOOL, start, start + part.length());
  }

  private static Segment claim(SegmentKind kind, String text, String part) {
    Segment tool = segment(text, part);
    return new Segment(kind, tool.start(), tool.end());
  }

  @Test
  void detect_actionInputObservationBetweenThoughts_isOneBlockWithoutTheThoughts() {
    String block = "Action: search\nAction Input: weather in Paris\nObservation: 18 °C and sunny";
    String text =
        "Question: What is the weather?\nThought: I should look it up.\n"
            + block
            + "\nThought: I know it now.\nFinal Answer: Sunny, 18 °C.";

    assertThat(detect(text)).containsExactly(segment(text, block));
  }

  @Test
  void detect_blockWithoutThoughtLines_endsAtTheBlankLine() {
    String text = "Action: lookup\nObservation: found 3 rows\n\nSo there are three.";

    assertThat(detect(text)).containsExactly(new Segment(TOOL, 0, 40));
  }

  @Test
  void detect_blockAtTheEndOfTheText_runsToTheEnd() {
    String text = "Thought: check\nAction: ls\nObservation: a.txt\nb.txt";

    assertThat(detect(text)).containsExactly(new Segment(TOOL, 15, text.length()));
  }

  @Test
  void detect_multiLineObservation_continuesUntilAStopLine() {
    String block = "Observation: line one\n  line two\n{\"k\": [1, 2]}";
    String text = block + "\nFinal Answer: two lines";

    assertThat(detect(text)).containsExactly(segment(text, block));
  }

  @Test
  void detect_crlfLineBreaks_areLeftOutOfTheSegment() {
    String text = "Action: run\r\nObservation: ok\r\n\r\nDone.\r\n";

    assertThat(detect(text)).containsExactly(new Segment(TOOL, 0, 28));
  }

  @Test
  void detect_finalLineBreak_staysInTheProse() {
    String text = "Action: run\n";

    assertThat(detect(text)).containsExactly(new Segment(TOOL, 0, 11));
  }

  @Test
  void detect_indentedKeyword_segmentStartsAtTheKeyword() {
    String text = "Steps:\n   Action: open\n\tObservation: opened";

    assertThat(detect(text)).containsExactly(new Segment(TOOL, 10, text.length()));
  }

  @Test
  void detect_blocksSeparatedByAThought_areTwoSegments() {
    String text =
        "Action: a\nObservation: 1\nThought: again\nAction: b\nObservation: 2\nQuestion: next?";

    assertThat(detect(text))
        .containsExactly(
            segment(text, "Action: a\nObservation: 1"), segment(text, "Action: b\nObservation: 2"));
  }

  @Test
  void detect_whitespaceOnlyLine_endsTheBlock() {
    String text = "Action: a\n   \nObservation: b";

    assertThat(detect(text)).containsExactly(new Segment(TOOL, 0, 9), new Segment(TOOL, 14, 28));
  }

  @Test
  void detect_keywordsNotAtTheStartOfALineOrMisspelt_areProse() {
    String text =
        """
        The Action: word mid-line.
        Actions: many
        action: lower
        Observation without colon\
        """;

    assertThat(detect(text)).isEmpty();
  }

  @Test
  void detect_keywordLineInsideAClaim_isNotConsidered() {
    String text = "```\nAction: x\n```\nAction: y";
    Claims claims = new Claims();
    claims.claim(new Segment(SegmentKind.CODE, 0, 17));

    assertThat(new ReActDetector().detect(text, claims)).containsExactly(new Segment(TOOL, 18, 27));
  }

  @Test
  void detect_claimedLineAfterTheBlock_endsIt() {
    String text = "Action: x\n```\ncode\n```";
    Claims claims = new Claims();
    claims.claim(new Segment(SegmentKind.CODE, 10, text.length()));

    assertThat(new ReActDetector().detect(text, claims)).containsExactly(new Segment(TOOL, 0, 9));
  }

  @Test
  void detect_claimWithinALine_isPartOfTheBlock() {
    String text = "Action Input: <nocompress>q</nocompress> here\nObservation: ok";
    Claims claims = new Claims();
    claims.claim(claim(SegmentKind.NOCOMPRESS, text, "<nocompress>q</nocompress>"));

    assertThat(new ReActDetector().detect(text, claims))
        .containsExactly(new Segment(TOOL, 0, text.length()));
  }

  @Test
  void detect_claimRunningPastTheBlock_endsTheBlockWhereTheClaimStarts() {
    String text = "Observation: <pre>a\nb</pre> tail";
    Claims claims = new Claims();
    claims.claim(claim(SegmentKind.HTML, text, "<pre>a\nb</pre>"));

    assertThat(new ReActDetector().detect(text, claims)).containsExactly(new Segment(TOOL, 0, 13));
  }
}
