package com.usagetap.compression.structure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BracketMatcherTest {

  private static BracketMatcher matcher(String text) {
    return new BracketMatcher(text, new Claims(), new WorkBudget(Long.MAX_VALUE));
  }

  @Test
  void closerOf_nestedBrackets_pairsEachWithItsOwn() {
    String text = "x {\"a\": [1, {\"b\": (2)}]} y";
    BracketMatcher matcher = matcher(text);

    assertThat(matcher.closerOf(2)).isEqualTo(23);
    assertThat(matcher.closerOf(8)).isEqualTo(22);
    assertThat(matcher.closerOf(12)).isEqualTo(21);
  }

  @Test
  void closerOf_bracketsAndEscapedQuotesInsideStrings_arePlain() {
    String text = "[\"]}\\\"[\", \"\\\\\"]";

    assertThat(matcher(text).closerOf(0)).isEqualTo(text.length() - 1);
  }

  @Test
  void closerOf_mismatchedCloser_leavesEveryOpenBracketWithoutOne() {
    BracketMatcher matcher = matcher("{ [ } ] }");

    assertThat(matcher.closerOf(0)).isEqualTo(BracketMatcher.NONE);
    assertThat(matcher.closerOf(2)).isEqualTo(BracketMatcher.NONE);
  }

  @Test
  void closerOf_lineBreakInsideString_endsTheSpanUnclosed() {
    assertThat(matcher("[\"a\n\"]").closerOf(0)).isEqualTo(BracketMatcher.NONE);
    assertThat(matcher("[\"a\",\r\n\"b\"]").closerOf(0)).isEqualTo(10);
  }

  @Test
  void closerOf_unclosedBracket_hasNoneWhileInnerOnesDo() {
    BracketMatcher matcher = matcher("[ see [1, 2] and");

    assertThat(matcher.closerOf(0)).isEqualTo(BracketMatcher.NONE);
    assertThat(matcher.closerOf(6)).isEqualTo(11);
  }

  @Test
  void closerOf_bracketSeenInsideAStrayString_isPairedOnItsOwnPass() {
    // From the first bracket, the quote opens a string that swallows the object's opening brace.
    String text = "[ \"oops {\"a\": 1} later";
    BracketMatcher matcher = matcher(text);

    assertThat(matcher.closerOf(0)).isEqualTo(BracketMatcher.NONE);
    assertThat(matcher.closerOf(8)).isEqualTo(15);
  }

  @Test
  void closerOf_nestingDeeperThanTheLimit_failsOnlyTheBracketsBeyondIt() {
    int depth = EmbeddedJson.MAX_DEPTH + 1;
    BracketMatcher matcher = matcher("[".repeat(depth) + "]".repeat(depth));

    assertThat(matcher.closerOf(0)).isEqualTo(BracketMatcher.NONE);
    assertThat(matcher.closerOf(1)).isEqualTo(2 * depth - 2);
    assertThat(matcher.closerOf(depth - 1)).isEqualTo(depth);
  }

  @Test
  void closerOf_claimedSegmentInside_hasNone() {
    String text = "{\"a\": \"x\"} {\"b\": \"<b>y</b>\"}";
    Claims claims = new Claims();
    claims.claim(new Segment(SegmentKind.HTML, 18, 26));
    BracketMatcher matcher = new BracketMatcher(text, claims, new WorkBudget(Long.MAX_VALUE));

    assertThat(matcher.closerOf(0)).isEqualTo(9);
    assertThat(matcher.closerOf(11)).isEqualTo(BracketMatcher.NONE);
  }

  @Test
  void closerOf_budgetSpent_hasNone() {
    BracketMatcher matcher = new BracketMatcher("[1, 2, 3]", new Claims(), new WorkBudget(4));

    assertThat(matcher.closerOf(0)).isEqualTo(BracketMatcher.NONE);
  }
}
