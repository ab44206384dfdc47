package com.usagetap.compression.structure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Random;
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

  @Test
  void closerOf_randomTextsQueriedInAnyOrder_agreesWithReadingFromEachBracketAlone() {
    Random random = new Random(20_240_601);
    String alphabet = "[[[{{{]]}}\"\"\"\\\\ a:,\n";
    for (int round = 0; round < 2_000; round++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(round % 10 == 0 ? 400 : 60);
      for (int i = 0; i < length; i++) {
        // Runs of opening brackets now and then, to reach the depth bound.
        if (random.nextInt(50) == 0) {
          text.append("[".repeat(70));
        } else {
          text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      Claims claims = new Claims();
      if (text.length() > 2 && random.nextBoolean()) {
        int start = random.nextInt(text.length() - 1);
        claims.claim(new Segment(SegmentKind.CODE, start, start + 1 + random.nextInt(5)));
      }

      List<Integer> openers = new ArrayList<>();
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if ((c == '[' || c == '{') && claims.at(i) == null) {
          openers.add(i);
        }
      }
      Collections.shuffle(openers, random);
      BracketMatcher matcher =
          new BracketMatcher(text.toString(), claims, new WorkBudget(Long.MAX_VALUE));
      for (int opener : openers) {
        assertThat(matcher.closerOf(opener))
            .as("closer of %d in %s", opener, text)
            .isEqualTo(closerReadAlone(text.toString(), claims, opener));
      }
    }
  }

  /** The class comment's rule, followed literally from one bracket. */
  private static int closerReadAlone(String text, Claims claims, int opener) {
    int claim = claims.nextStart(opener);
    int limit = claim < 0 ? text.length() : claim;
    Deque<Character> open = new ArrayDeque<>();
    open.push(text.charAt(opener));
    boolean inString = false;
    boolean escaped = false;
    for (int i = opener + 1; i < limit; i++) {
      if (i - opener + 1 > EmbeddedJson.MAX_LENGTH) {
        return BracketMatcher.NONE;
      }
      char c = text.charAt(i);
      if (inString) {
        if (c < 0x20) {
          return BracketMatcher.NONE;
        }
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '[' || c == '{') {
        open.push(c);
        if (open.size() > EmbeddedJson.MAX_DEPTH) {
          return BracketMatcher.NONE;
        }
      } else if (c == ']' || c == '}') {
        if (open.pop() != (c == ']' ? '[' : '{')) {
          return BracketMatcher.NONE;
        }
        if (open.isEmpty()) {
          return i;
        }
      }
    }
    return BracketMatcher.NONE;
  }
}
