package com.usagetap.compression.compress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WordSegmenterTest {

  private static List<String> words(String text) {
    Words words = WordSegmenter.segment(text);
    List<String> list = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      list.add(words.word(i));
    }
    return list;
  }

  @Test
  void segment_emptyText_hasNoWords() {
    Words words = WordSegmenter.segment("");

    assertThat(words.size()).isZero();
    assertThat(words.text()).isEmpty();
  }

  @Test
  void segment_whitespaceOnly_hasNoWords() {
    assertThat(words(" \t\n\r\u00A0\u3000 ")).isEmpty();
  }

  @Test
  void segment_asciiWhitespaceKinds_separateWords() {
    assertThat(words("a b\tc\nd\re\u000Bf\u000Cg"))
        .containsExactly("a", "b", "c", "d", "e", "f", "g");
  }

  @Test
  void segment_unicodeSpaceSeparators_separateWords() {
    // No-break, ideographic, figure, narrow no-break and thin space.
    assertThat(words("a\u00A0b\u3000c\u2007d\u202Fe\u2009f"))
        .containsExactly("a", "b", "c", "d", "e", "f");
  }

  @Test
  void segment_punctuation_staysWithItsWord() {
    assertThat(words("Hello, world! (see: notes)"))
        .containsExactly("Hello,", "world!", "(see:", "notes)");
  }

  @Test
  void segment_hanAndKana_splitPerCharacter() {
    assertThat(words("东京にいます")).containsExactly("东", "京", "に", "い", "ま", "す");
  }

  @Test
  void segment_cjkPunctuation_isAWordOfItsOwn() {
    assertThat(words("你好，世界。")).containsExactly("你", "好", "，", "世", "界", "。");
  }

  @Test
  void segment_mixedCjkAndLatin_splitsAtEveryCjkCharacter() {
    assertThat(words("用Java写API接口 now")).containsExactly("用", "Java", "写", "API", "接", "口", "now");
  }

  @Test
  void segment_hangul_splitsOnSpacesOnly() {
    assertThat(words("안녕하세요 세계")).containsExactly("안녕하세요", "세계");
  }

  @Test
  void segment_emojiSurrogatePair_staysInsideItsWord() {
    assertThat(words("ship it 🚀 now a🚀b")).containsExactly("ship", "it", "🚀", "now", "a🚀b");
  }

  @Test
  void segment_supplementaryHan_isOneWordPerCodePoint() {
    Words words = WordSegmenter.segment("\uD840\uDC00\uD840\uDC01x");

    assertThat(words.size()).isEqualTo(3);
    assertThat(words.start(1)).isEqualTo(2);
    assertThat(words.end(1)).isEqualTo(4);
    assertThat(words.word(2)).isEqualTo("x");
  }

  @Test
  void segment_spans_coverTheWordsAndOnlyWhitespaceBetween() {
    String text = "  lead\u00A0one 二三\n\tfour  ";
    Words words = WordSegmenter.segment(text);

    assertThat(words.text()).isSameAs(text);
    int previousEnd = 0;
    for (int i = 0; i < words.size(); i++) {
      assertThat(words.word(i)).isEqualTo(text.substring(words.start(i), words.end(i)));
      assertThat(words.start(i)).isGreaterThanOrEqualTo(previousEnd);
      assertThat(text.substring(previousEnd, words.start(i)).codePoints())
          .allMatch(WordSegmenter::isSpace);
      previousEnd = words.end(i);
    }
    assertThat(text.substring(previousEnd).codePoints()).allMatch(WordSegmenter::isSpace);
  }

  @Test
  void segment_moreWordsThanInitialCapacity_keepsEveryWord() {
    String latin = "w ".repeat(1_000) + "last";
    String han = "字".repeat(1_000) + "end";

    assertThat(WordSegmenter.segment(latin).size()).isEqualTo(1_001);
    assertThat(WordSegmenter.segment(han).size()).isEqualTo(1_001);
    assertThat(WordSegmenter.segment(han).word(1_000)).isEqualTo("end");
  }
}
