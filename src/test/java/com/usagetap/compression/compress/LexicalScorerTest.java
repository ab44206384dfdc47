package com.usagetap.compression.compress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LexicalScorerTest {
  private final LexicalScorer scorer = new LexicalScorer();

  private static int indexOf(ScoredText scored, String word) {
    Words words = scored.words();
    for (int i = 0; i < words.size(); i++) {
      if (words.word(i).equals(word)) {
        return i;
      }
    }
    throw new AssertionError("no word " + word + " in " + words.text());
  }

  private boolean isRequired(String text, String word) {
    ScoredText scored = scorer.score(text);
    return scored.isRequired(indexOf(scored, word));
  }

  @Test
  void id_always_isNamedAndVersioned() {
    assertThat(scorer.id()).isEqualTo("lexical@1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "42",
        "v2",
        "3.14",
        "$5",
        "snake_case",
        "camelCase",
        "config.yaml",
        "a.b",
        "/usr/local/bin",
        "C:\\temp",
        "https://example.com/x",
        "{{user_name}}",
        "{name}",
        "<b>",
        "NASA",
        "ops@example.com",
        "#tag",
        "50%"
      })
  void score_numbersIdentifiersAndMarkup_areRequired(String word) {
    assertThat(isRequired("please check " + word + " again today", word)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not", "Not", "no", "never", "nothing", "don't", "Don't", "don’t", "isn't", "cannot"
      })
  void score_negations_areRequired(String word) {
    assertThat(isRequired("you " + word + " change the file", word)).isTrue();
  }

  @Test
  void score_chineseNegation_isRequiredWithTheCharacterItGovernsButNotItsSubject() {
    ScoredText scored = scorer.score("我不喜欢咖啡");

    assertThat(scored.isRequired(1)).isTrue();
    assertThat(scored.isRequired(2)).isTrue();
    assertThat(scored.isRequired(0)).isFalse();
    assertThat(scored.isRequired(4)).isFalse();
  }

  @Test
  void score_plainProse_hasNoRequiredWords() {
    ScoredText scored = scorer.score("The quick brown fox jumps over a lazy dog.");

    for (int i = 0; i < scored.words().size(); i++) {
      assertThat(scored.isRequired(i)).as(scored.words().word(i)).isFalse();
    }
  }

  @Test
  void score_markerOpeningALine_isRequired() {
    ScoredText scored = scorer.score("intro\n- first\n  • second\n— third");

    assertThat(scored.isRequired(indexOf(scored, "-"))).isTrue();
    assertThat(scored.isRequired(indexOf(scored, "•"))).isTrue();
    assertThat(scored.isRequired(indexOf(scored, "—"))).isTrue();
  }

  @Test
  void score_dashInsideALine_isOrdinaryPunctuation() {
    ScoredText scored = scorer.score("cost - benefit");
    int dash = indexOf(scored, "-");

    assertThat(scored.isRequired(dash)).isFalse();
    assertThat(scored.score(dash)).isEqualTo(0.45f);
  }

  @Test
  void score_functionWords_scoreBelowEveryContentWord() {
    ScoredText scored = scorer.score("the report of the committee was in a drawer for months");
    String[] function = {"the", "of", "was", "in", "a", "for"};
    String[] content = {"report", "committee", "drawer", "months"};

    for (String f : function) {
      for (String c : content) {
        assertThat(scored.score(indexOf(scored, f)))
            .as("%s below %s", f, c)
            .isLessThan(scored.score(indexOf(scored, c)));
      }
    }
  }

  @Test
  void score_cjkFunctionCharacter_scoresBelowContentCharacter() {
    ScoredText scored = scorer.score("猫的玩具");

    assertThat(scored.score(1)).isLessThan(scored.score(0));
    assertThat(scored.score(1)).isLessThan(scored.score(3));
  }

  @Test
  void score_repeatedWord_scoresBelowAWordSeenOnce() {
    ScoredText scored = scorer.score("apple pear apple plum apple");

    assertThat(scored.score(0)).isLessThan(scored.score(1));
    assertThat(scored.score(0)).isEqualTo(scored.score(2));
  }

  @Test
  void score_capitalisedInsideSentence_scoresAboveSameWordAtSentenceStart() {
    ScoredText scored = scorer.score("Berlin is big. We like Berlin");

    assertThat(scored.score(5)).isGreaterThan(scored.score(0));
  }

  @Test
  void score_scores_liveInUnitInterval() {
    ScoredText scored =
        scorer.score("A fairly extraordinarily long sentence, with Names and 12 numbers!");

    for (int i = 0; i < scored.words().size(); i++) {
      assertThat(scored.score(i)).isBetween(0f, 1f);
    }
  }

  @Test
  void score_sameText_givesSameScoresEveryTime() {
    String text = "Deploy the api_server to eu-west-1 but not on Fridays.\n- rollback plan\n不要";
    ScoredText first = scorer.score(text);
    ScoredText second = new LexicalScorer().score(text);

    assertThat(second.words().size()).isEqualTo(first.words().size());
    for (int i = 0; i < first.words().size(); i++) {
      assertThat(second.score(i)).isEqualTo(first.score(i));
      assertThat(second.isRequired(i)).isEqualTo(first.isRequired(i));
    }
  }

  @Test
  void score_wordAfterANegation_isRequiredWithIt() {
    ScoredText scored =
        new LexicalScorer()
            .score(
                "You must not delete the production database. Never send it. Do not ever share.");
    Words words = scored.words();

    for (int i = 0; i < words.size(); i++) {
      if (words.word(i).equals("delete")
          || words.word(i).equals("send")
          || words.word(i).equals("share.")) {
        assertThat(scored.isRequired(i)).as(words.word(i)).isTrue();
      }
      if (words.word(i).equals("production")) {
        assertThat(scored.isRequired(i)).as("only the governed word").isFalse();
      }
    }
  }
}
