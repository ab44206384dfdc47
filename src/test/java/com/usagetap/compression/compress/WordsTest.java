package com.usagetap.compression.compress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordsTest {
  // Spans: "ab" [0, 2), "cd" [4, 6), "e" [7, 8).
  private final Words words = WordSegmenter.segment("ab  cd e");

  @Test
  void wordAt_offsetInsideAWord_isThatWord() {
    assertThat(words.wordAt(0)).isZero();
    assertThat(words.wordAt(1)).isZero();
    assertThat(words.wordAt(4)).isEqualTo(1);
    assertThat(words.wordAt(5)).isEqualTo(1);
    assertThat(words.wordAt(7)).isEqualTo(2);
  }

  @Test
  void wordAt_offsetInWhitespaceOrOutside_isMinusOne() {
    assertThat(words.wordAt(2)).isEqualTo(-1);
    assertThat(words.wordAt(3)).isEqualTo(-1);
    assertThat(words.wordAt(6)).isEqualTo(-1);
    assertThat(words.wordAt(8)).isEqualTo(-1);
    assertThat(words.wordAt(-1)).isEqualTo(-1);
  }

  @Test
  void firstEndingAfter_offsets_isFirstWordWhoseEndIsBeyond() {
    assertThat(words.firstEndingAfter(0)).isZero();
    assertThat(words.firstEndingAfter(1)).isZero();
    assertThat(words.firstEndingAfter(2)).isEqualTo(1);
    assertThat(words.firstEndingAfter(3)).isEqualTo(1);
    assertThat(words.firstEndingAfter(5)).isEqualTo(1);
    assertThat(words.firstEndingAfter(6)).isEqualTo(2);
    assertThat(words.firstEndingAfter(7)).isEqualTo(2);
  }

  @Test
  void firstEndingAfter_offsetAtOrAfterLastEnd_isSize() {
    assertThat(words.firstEndingAfter(8)).isEqualTo(3);
    assertThat(words.firstEndingAfter(100)).isEqualTo(3);
  }

  @Test
  void lookups_emptyText_findNothing() {
    Words none = WordSegmenter.segment("");

    assertThat(none.wordAt(0)).isEqualTo(-1);
    assertThat(none.firstEndingAfter(0)).isZero();
  }

  @Test
  void lookups_everyOffset_agreeWithALinearScan() {
    String text = " one  二三 four\n\tfive\u00A0six ";
    Words spans = WordSegmenter.segment(text);

    for (int offset = -1; offset <= text.length() + 1; offset++) {
      int containing = -1;
      int endingAfter = spans.size();
      for (int i = spans.size() - 1; i >= 0; i--) {
        if (spans.start(i) <= offset && offset < spans.end(i)) {
          containing = i;
        }
        if (spans.end(i) > offset) {
          endingAfter = i;
        }
      }
      assertThat(spans.wordAt(offset)).as("wordAt(%d)", offset).isEqualTo(containing);
      assertThat(spans.firstEndingAfter(offset))
          .as("firstEndingAfter(%d)", offset)
          .isEqualTo(endingAfter);
    }
  }
}
