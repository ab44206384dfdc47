package com.usagetap.compression.structure;

import static com.usagetap.compression.structure.SegmentKind.JSON;
import static com.usagetap.compression.structure.SegmentKind.TOOL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class JsonSpanDetectorTest {
  private static final int ONE_MB = 1 << 20;

  private static List<Segment> detect(String text) {
    return new JsonSpanDetector().detect(text, new Claims());
  }

  /** The segment of {@code kind} covering the first occurrence of {@code part} in {@code text}. */
  private static Segment segment(SegmentKind kind, String text, String part) {
    int start = text.indexOf(part);
    assertThat(start).as("part of the text").isNotNegative();
    return new Segment(kind, start, start + part.length());
  }

  @Test
  void detect_objectInTheMiddleOfASentence_isOneJsonSegment() {
    String text = "Send {\"id\": 7, \"tags\": [\"a\", \"b\"]} to the API.";

    assertThat(detect(text)).containsExactly(new Segment(JSON, 5, 34));
  }

  @Test
  void detect_valuesAtTheStartAndEndOfTheText_areFound() {
    String text = "[1, 2] are the ids; the record is {\"ok\":true}";

    assertThat(detect(text))
        .containsExactly(new Segment(JSON, 0, 6), new Segment(JSON, 34, text.length()));
  }

  @Test
  void detect_prettyPrintedJsonWithCrlfLineBreaks_isOneSegment() {
    String json =
        "{\r\n  \"user\": {\r\n    \"name\": \"Ada\",\r\n    \"roles\": [\r\n      \"admin\""
            + "\r\n    ]\r\n  }\r\n}";
    String text = "The payload:\r\n" + json + "\r\nEnd.";

    assertThat(detect(text)).containsExactly(segment(JSON, text, json));
  }

  @Test
  void detect_stringsHoldingBracketsAndEscapedQuotes_doNotEndTheSpan() {
    String json =
        "{\"pattern\": \"[a-z]+}\", \"quote\": \"say \\\"}]\\\" now\", \"path\": \"C:\\\\\"}";
    String text = "Config: " + json + " done.";

    assertThat(detect(text)).containsExactly(segment(JSON, text, json));
  }

  @Test
  void detect_citationsAndEmptyBrackets_areLeftAsProse() {
    assertThat(detect("As shown [1], see [] or {} and the [note], or [true] [null].")).isEmpty();
  }

  @Test
  void detect_smallArraysOfStringsContainersOrTwoScalars_areJson() {
    String text = "Pick [\"a\"] or [1, 2] or [[3]] or [{\"k\": 1}].";

    assertThat(detect(text))
        .containsExactly(
            segment(JSON, text, "[\"a\"]"),
            segment(JSON, text, "[1, 2]"),
            segment(JSON, text, "[[3]]"),
            segment(JSON, text, "[{\"k\": 1}]"));
  }

  @Test
  void detect_templatePlaceholders_areLeftAsProse() {
    assertThat(detect("Hello {{name}}, your {order_id} ships {{ date | fmt }}.")).isEmpty();
  }

  @Test
  void detect_jsonInsideBracesThatAreNotJson_isFoundInside() {
    String text = "Template {{\"a\": 1}} and {note: {\"b\": [2]}}";

    assertThat(detect(text))
        .containsExactly(segment(JSON, text, "{\"a\": 1}"), segment(JSON, text, "{\"b\": [2]}"));
  }

  @Test
  void detect_markdownLinks_areLeftAsProse() {
    assertThat(detect("Read [the docs](https://example.com/a?b=[c]) and [1](#ref-1).")).isEmpty();
  }

  @Test
  void detect_unbalancedBracketsInProse_doNotHideLaterJson() {
    String text = "Note (see [the doc) that {\"a\": 1} works; a stray ] or { too.";

    assertThat(detect(text)).containsExactly(segment(JSON, text, "{\"a\": 1}"));
  }

  @Test
  void detect_strayQuoteAfterABracket_doesNotHideLaterJson() {
    String text = "Use [ \"quoted text {\"a\": 1} later\nand [\"b\", \"c\"] next";

    assertThat(detect(text))
        .containsExactly(segment(JSON, text, "{\"a\": 1}"), segment(JSON, text, "[\"b\", \"c\"]"));
  }

  @Test
  void detect_objectHoldingArraysAndObjects_isOneOutermostSegment() {
    String json = "{\"a\": [1, 2], \"b\": {\"c\": [3, [4]]}, \"d\": [{\"e\": 5}]}";
    String text = "x " + json + " y";

    assertThat(detect(text)).containsExactly(segment(JSON, text, json));
  }

  @Test
  void detect_adjacentValues_areSeparateSegments() {
    String text = "{\"a\":1}{\"b\":2}[3,4]";

    assertThat(detect(text))
        .containsExactly(
            new Segment(JSON, 0, 7), new Segment(JSON, 7, 14), new Segment(JSON, 14, 19));
  }

  @Test
  void detect_numbersBeyondDoublePrecision_spanMinifiesExactly() {
    String json = "{ \"id\": 9007199254740993, \"big\": 1e400, \"x\": 0.10000000000000000001 }";
    String text = "Row: " + json + ".";

    List<Segment> found = detect(text);

    assertThat(found).containsExactly(segment(JSON, text, json));
    EmbeddedJson parsed =
        EmbeddedJson.parse(text, found.get(0).start(), found.get(0).end()).orElseThrow();
    assertThat(parsed.minified())
        .isEqualTo("{\"id\":9007199254740993,\"big\":1e400,\"x\":0.10000000000000000001}");
  }

  @Test
  void detect_duplicateKeysAndLoneSurrogates_areStillJson() {
    String text = "a {\"k\": 1, \"k\": 2} b [\"\\ud800\", 1]";

    assertThat(detect(text))
        .containsExactly(
            segment(JSON, text, "{\"k\": 1, \"k\": 2}"), segment(JSON, text, "[\"\\ud800\", 1]"));
  }

  @Test
  void detect_nonAsciiText_offsetsAreUtf16Indices() {
    // The emoji before the object is two UTF-16 code units.
    String text = "Réponse \uD83D\uDE00 : {\"clé\": \"été\"} fin";

    assertThat(detect(text)).containsExactly(new Segment(JSON, 13, 27));
  }

  @Test
  void detect_invalidJsonInBalancedBrackets_isLeftAsProse() {
    assertThat(detect("Bad: {\"a\": 1,} and {'b': 2} and [1, 2,] and [NaN, 1].")).isEmpty();
  }

  @Test
  void detect_toolCall_isTool() {
    String json = "{\"name\": \"get_weather\", \"arguments\": \"{\\\"city\\\":\\\"Paris\\\"}\"}";
    String text = "The model called " + json + " and waited.";

    assertThat(detect(text)).containsExactly(segment(TOOL, text, json));
  }

  @Test
  void detect_arraysHoldingAToolBlock_areToolAndOthersJson() {
    String tools =
        "[{\"type\": \"tool_use\", \"id\": \"t1\", \"name\": \"search\", \"input\": {\"q\":"
            + " \"x\"}}, {\"type\": \"tool_result\", \"tool_use_id\": \"t1\", \"content\":"
            + " \"found\"}]";
    String mixed =
        "[{\"type\": \"text\", \"text\": \"hi\"}, {\"type\": \"tool_result\","
            + " \"tool_use_id\": \"t1\"}]";
    String plain =
        "[{\"type\": \"text\", \"text\": \"hi\"}, {\"type\": \"text\", \"text\": \"yo\"}]";
    String text = tools + "\n" + mixed + "\n" + plain;

    assertThat(detect(text))
        .containsExactly(
            segment(TOOL, text, tools), segment(TOOL, text, mixed), segment(JSON, text, plain));
  }

  @Test
  void detect_claimedSegmentInsideTheSpan_leavesItUnclaimed() {
    String text = "{\"html\": \"<b>x</b>\"} then {\"a\": 1}";
    Claims claims = new Claims();
    claims.claim(segment(SegmentKind.HTML, text, "<b>x</b>"));

    assertThat(new JsonSpanDetector().detect(text, claims))
        .containsExactly(segment(JSON, text, "{\"a\": 1}"));
  }

  @Test
  void detect_jsonInsideAClaimedSegment_isNotLookedAt() {
    String text = "```\n{\"a\": 1}\n```\n[1, 2]";
    Claims claims = new Claims();
    claims.claim(new Segment(SegmentKind.CODE, 0, 16));

    assertThat(new JsonSpanDetector().detect(text, claims))
        .containsExactly(new Segment(JSON, 17, 23));
  }

  @Test
  void detect_nestingDeeperThanTheLimit_leavesTheOutermostBracketInProse() {
    int depth = EmbeddedJson.MAX_DEPTH + 1;
    String text = "[".repeat(depth) + "1" + "]".repeat(depth);

    assertThat(detect(text)).containsExactly(new Segment(JSON, 1, text.length() - 1));
  }

  @Test
  void detect_spanLongerThanTheLimit_isNotJson() {
    String text = "[" + "1,".repeat(EmbeddedJson.MAX_LENGTH / 2) + "1]";

    assertThat(detect(text)).isEmpty();
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void detect_megabyteOfOpeningBrackets_findsNothingInLinearTime() {
    assertThat(detect("[".repeat(ONE_MB))).isEmpty();
    assertThat(detect("{".repeat(ONE_MB / 2) + "[".repeat(ONE_MB / 2))).isEmpty();
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void detect_megabyteOfUnclosedMembers_findsNothing() {
    assertThat(detect("{\"a\":".repeat(ONE_MB / 5))).isEmpty();
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void detect_megabyteOfStrayQuotesBetweenBrackets_stillFindsTheJsonAfter() {
    String text = "[\" ".repeat(ONE_MB / 3) + "{\"a\": [1, 2]}";

    assertThat(detect(text)).containsExactly(segment(JSON, text, "{\"a\": [1, 2]}"));
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void detect_inputThatRerunsEveryPass_stopsLookingOnceTheWorkBoundIsSpent() {
    // After a backslash outside a string, every quote opens a string that never ends, so each
    // bracket needs a pass of its own to the end of the line: quadratic work without the bound.
    String hostile = "[\\\"".repeat(ONE_MB / 3);
    String text = "{\"a\": 1} " + hostile + " {\"b\": 2}";

    assertThat(detect(text)).containsExactly(new Segment(JSON, 0, 8));
  }
}
