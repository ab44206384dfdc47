package com.usagetap.compression.compress;

import static org.assertj.core.api.Assertions.assertThat;

import com.usagetap.compression.tokens.TokenCounter;
import com.usagetap.compression.tokens.Tokenizers;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextCompressorTest {
  private static final TokenCounter COUNTER = new Tokenizers().forModel("gpt-4o");
  private static final String TEXT =
      "The team met on Tuesday to review the quarterly marmalade budget and the plans for the"
          + " new warehouse in the northern district, which everyone agreed was overdue.";

  private final TextCompressor compressor = new TextCompressor(new LexicalScorer());

  private static CompressionOptions options(
      double aggressiveness, List<String> forceTokens, List<String> keep, List<String> drop) {
    return new CompressionOptions(aggressiveness, forceTokens, keep, drop, false, false);
  }

  private static int occurrences(String text, String needle) {
    int count = 0;
    for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
      count++;
    }
    return count;
  }

  @Test
  void scorerId_always_isTheScorersId() {
    assertThat(compressor.scorerId()).isEqualTo(LexicalScorer.ID);
  }

  @Test
  void compress_zeroAggressiveness_returnsTheInputUnchanged() {
    String text = "  Please note:\n\tthe   report\u00A0is late.  ";

    Compression result =
        compressor.compress(
            text, options(0, List.of(), List.of(), List.of("please note")), COUNTER);

    assertThat(result.text()).isEqualTo(text);
    assertThat(result.keptWords()).isEqualTo(result.words()).isEqualTo(6);
    assertThat(result.droppedByPhrase()).isZero();
  }

  @Test
  void compress_emptyText_isEmpty() {
    Compression result = compressor.compress("", CompressionOptions.of(0.9), COUNTER);

    assertThat(result.text()).isEmpty();
    assertThat(result.words()).isZero();
  }

  @Test
  void compress_higherAggressiveness_neverKeepsMoreWords() {
    int previous = Integer.MAX_VALUE;
    for (int tenths = 0; tenths <= 9; tenths++) {
      Compression result = compressor.compress(TEXT, CompressionOptions.of(tenths / 10.0), COUNTER);

      assertThat(result.keptWords()).as("at %d/10", tenths).isLessThanOrEqualTo(previous);
      previous = result.keptWords();
    }
    assertThat(previous).isLessThan(WordSegmenter.segment(TEXT).size() / 2);
  }

  @Test
  void compress_halfAggressiveness_keepsOriginalCharactersAndCountsMatch() {
    Compression result = compressor.compress(TEXT, CompressionOptions.of(0.5), COUNTER);

    assertThat(result.text()).isNotEqualTo(TEXT);
    assertThat(WordSegmenter.segment(result.text()).size()).isEqualTo(result.keptWords());
    for (String word : result.text().split(" ", -1)) {
      assertThat(TEXT).contains(word);
    }
    assertThat(COUNTER.count(result.text())).isLessThan(COUNTER.count(TEXT));
  }

  /** Words of {@link #TEXT}, in order, that a compression left out. */
  private static List<String> droppedWords(String compressed) {
    List<String> dropped = new java.util.ArrayList<>();
    for (String word : TEXT.split(" ", -1)) {
      if (word.chars().allMatch(Character::isLetter) && !compressed.contains(word)) {
        dropped.add(word);
      }
    }
    return dropped;
  }

  @Test
  void compress_forceKeepTokens_surviveTheHighestAggressiveness() {
    Compression plain = compressor.compress(TEXT, CompressionOptions.of(0.9), COUNTER);
    List<String> chosen = droppedWords(plain.text()).subList(0, 2);
    Compression kept =
        compressor.compress(TEXT, options(0.9, List.of(), chosen, List.of()), COUNTER);

    assertThat(kept.text()).contains(chosen.get(0)).contains(chosen.get(1));
    assertThat(kept.requiredWords()).isEqualTo(plain.requiredWords() + 2);
  }

  @Test
  void compress_forceTokens_surviveTheHighestAggressiveness() {
    Compression plain = compressor.compress(TEXT, CompressionOptions.of(0.9), COUNTER);
    List<String> dropped = droppedWords(plain.text());
    String phrase = null;
    for (int i = 0; i + 1 < dropped.size() && phrase == null; i++) {
      String pair = dropped.get(i) + " " + dropped.get(i + 1);
      phrase = TEXT.contains(pair) ? pair : null;
    }
    assertThat(phrase).as("two neighbouring words that 0.9 drops").isNotNull();
    Compression kept =
        compressor.compress(TEXT, options(0.9, List.of(phrase), List.of(), List.of()), COUNTER);

    assertThat(kept.text()).contains(phrase);
  }

  @Test
  void compress_dropPhrases_areRemovedAndCounted() {
    String text = "Please note that the nightly backup moved. Please note: notebook sync too.";

    Compression result =
        compressor.compress(
            text, options(0.1, List.of(), List.of(), List.of("please note")), COUNTER);

    assertThat(result.droppedByPhrase()).isEqualTo(4);
    assertThat(result.text()).doesNotContainIgnoringCase("please").contains("notebook");
    assertThat(result.text()).doesNotContain("note ").doesNotContain("note:");
  }

  @Test
  void compress_dropPhraseOverAForcedWord_dropsIt() {
    Compression result =
        compressor.compress(
            "keep the secret word here",
            options(0.1, List.of("secret"), List.of(), List.of("secret word")),
            COUNTER);

    assertThat(result.text()).doesNotContain("secret");
  }

  @Test
  void compress_dropConsecutive_keepsOnlyTheFirstOfARunOfForceTokens() {
    String text = "alpha [SEP] [SEP] [SEP] beta 42 [SEP] gamma";
    CompressionOptions plain =
        new CompressionOptions(0.5, List.of("[SEP]"), List.of(), List.of(), false, false);
    CompressionOptions dropping =
        new CompressionOptions(0.5, List.of("[SEP]"), List.of(), List.of(), false, true);

    String all = compressor.compress(text, plain, COUNTER).text();
    String first = compressor.compress(text, dropping, COUNTER).text();

    assertThat(occurrences(all, "[SEP]")).isEqualTo(4);
    assertThat(occurrences(first, "[SEP]")).isEqualTo(2);
    assertThat(first).doesNotContain("[SEP] [SEP]").contains("42");
  }

  @Test
  void meanScore_ofText_isTheMeanOfItsWordScores() {
    String text = "the quarterly budget";
    ScoredText scored = new LexicalScorer().score(text);
    double expected = ((double) scored.score(0) + scored.score(1) + scored.score(2)) / 3;

    assertThat(compressor.meanScore(text)).isEqualTo(expected);
    assertThat(compressor.meanScore(" \n ")).isZero();
  }

  @Test
  void compress_droppedCharactersBetweenNumbers_neverJoinThemIntoANewNumber() {
    String text = "会议于2007年10月21日举行，共有38人参加，持续24小时。価格は1,500円で、数量は20個です。";

    String result = compressor.compress(text, CompressionOptions.of(0.9), COUNTER).text();

    assertThat(result).doesNotContainPattern("\\d[\\d,]*\\d{5,}");
    for (String number : new String[] {"2007", "10", "21", "38", "24", "1,500", "20"}) {
      assertThat(result).contains(number);
    }
    assertThat(result).doesNotContain("200710").doesNotContain("1,50020");
  }

  @Test
  void compress_latinWordsAroundDroppedCjk_stayApart() {
    String text = "GitHub上的trending项目USE列表";

    String result = compressor.compress(text, CompressionOptions.of(0.9), COUNTER).text();

    assertThat(result).doesNotContain("GitHubtrending").doesNotContain("trendingUSE");
  }
}
