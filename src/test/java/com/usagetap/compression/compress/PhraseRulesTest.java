package com.usagetap.compression.compress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhraseRulesTest {

  static List<String> requiredWords(String text, List<String> strings) {
    Words words = WordSegmenter.segment(text);
    ScoredText scored = new ScoredText(words, new float[words.size()], new boolean[words.size()]);
    PhraseRules.compile(strings, List.of()).requireOccurrences(scored);
    List<String> required = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      if (scored.isRequired(i)) {
        required.add(words.word(i));
      }
    }
    return required;
  }

  static List<String> droppedWords(String text, List<String> phrases) {
    Words words = WordSegmenter.segment(text);
    boolean[] excluded = new boolean[words.size()];
    int count = PhraseRules.compile(List.of(), phrases).excludeDropPhrases(words, excluded);
    List<String> dropped = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      if (excluded[i]) {
        dropped.add(words.word(i));
      }
    }
    assertThat(count).as("returned count").isEqualTo(dropped.size());
    return dropped;
  }

  @Test
  void requireOccurrences_stringInsideAWord_marksThatWord() {
    assertThat(requiredWords("call the foo_bar helper", List.of("o_b"))).containsExactly("foo_bar");
  }

  @Test
  void requireOccurrences_stringAcrossWords_marksEveryWordItTouches() {
    assertThat(requiredWords("keep this part here", List.of("is pa")))
        .containsExactly("this", "part");
  }

  @Test
  void requireOccurrences_repeatedString_marksEveryOccurrence() {
    assertThat(requiredWords("SKU-1 and SKU-2 but not sku-3", List.of("SKU")))
        .containsExactly("SKU-1", "SKU-2");
  }

  @Test
  void requireOccurrences_absentEmptyOrWhitespaceString_marksNothing() {
    assertThat(requiredWords("alpha  beta", List.of("gamma", "", "  "))).isEmpty();
  }

  @Test
  void requireOccurrences_cjkString_marksEachOfItsCharacters() {
    assertThat(requiredWords("请把北京写下来", List.of("北京"))).containsExactly("北", "京");
  }

  @Test
  void excludeDropPhrases_phrase_matchesCaseAndPunctuationInsensitively() {
    String text = "Please note: the file is big. PLEASE NOTE, it grows; please, note!";

    assertThat(droppedWords(text, List.of("please note")))
        .containsExactly("Please", "note:", "PLEASE", "NOTE,", "please,", "note!");
  }

  @Test
  void excludeDropPhrases_phraseWithPunctuation_matchesPlainWords() {
    assertThat(droppedWords("as you know we ship", List.of("As you know,")))
        .containsExactly("as", "you", "know");
  }

  @Test
  void excludeDropPhrases_wordInsideLongerWord_isNotDropped() {
    assertThat(droppedWords("the notebook has a note; notes too", List.of("note")))
        .containsExactly("note;");
  }

  @Test
  void excludeDropPhrases_partialPhrase_isNotDropped() {
    assertThat(droppedWords("please send the note", List.of("please note"))).isEmpty();
  }

  @Test
  void excludeDropPhrases_cjkPhrase_dropsItsCharacters() {
    assertThat(droppedWords("请注意：明天开会", List.of("请注意"))).containsExactly("请", "注", "意");
  }

  @Test
  void excludeDropPhrases_overlappingPhrases_countEachWordOnce() {
    assertThat(droppedWords("kindly do note this", List.of("kindly do", "do note")))
        .containsExactly("kindly", "do", "note");
  }

  @Test
  void excludeDropPhrases_noPhrasesOrBlankPhrase_dropsNothing() {
    assertThat(droppedWords("a b c", List.of())).isEmpty();
    assertThat(droppedWords("a b c", List.of(" "))).isEmpty();
    assertThat(droppedWords("", List.of("a"))).isEmpty();
  }

  @Test
  void requireOccurrences_stringInsideAFailedLongerMatch_isStillFound() {
    assertThat(requiredWords("xabce and bc", List.of("abcd", "bc"))).containsExactly("xabce", "bc");
  }

  @Test
  void requireOccurrences_overlappingOccurrences_markEveryWordTheyReach() {
    assertThat(requiredWords("aa a aa b", List.of("a a"))).containsExactly("aa", "a", "aa");
  }

  @Test
  void excludeDropPhrases_phraseInsideAFailedLongerPhrase_isStillDropped() {
    assertThat(droppedWords("a b c x b c", List.of("a b c d", "b c")))
        .containsExactly("b", "c", "b", "c");
  }

  @Test
  void excludeDropPhrases_repeatedPhraseWords_matchAtEveryOffset() {
    assertThat(droppedWords("a a b a a a b", List.of("a a b")))
        .containsExactly("a", "a", "b", "a", "a", "b");
  }
}
