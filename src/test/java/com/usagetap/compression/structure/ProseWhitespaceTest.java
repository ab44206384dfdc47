package com.usagetap.compression.structure;

import static org.assertj.core.api.Assertions.assertThat;

import com.usagetap.compression.testing.Corpus;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ProseWhitespaceTest {

  /**
   * Cases written with {@code ·} for a space, {@code →} for a tab, {@code ↵} for a carriage return
   * and {@code ¶} for a line feed.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "trailing spaces before a line feed go  | a··¶b       | true  | a¶b",
        "trailing tabs go too                   | a→·→¶b      | true  | a¶b",
        "spaces inside a line stay              | a··b¶       | true  | a··b¶",
        "leading indentation stays              | ··a¶····b   | true  | ··a¶····b",
        "the last line is trimmed at the end    | a··         | true  | a",
        "the last line is kept before more text | a··         | false | a··",
        "two blank lines stay                   | a¶¶¶b       | true  | a¶¶¶b",
        "three blank lines become one           | a¶¶¶¶b      | true  | a¶¶b",
        "six blank lines become one             | a¶¶¶¶¶¶¶b   | true  | a¶¶b",
        "lines of spaces are blank lines        | a¶··¶→¶·¶b  | true  | a¶¶b",
        "a run at the start collapses too       | ¶¶¶a        | true  | ¶a",
        "a run at the end collapses too         | a¶¶¶¶       | true  | a¶¶",
        "no-break spaces are not spaces         | a\u00a0¶b   | true  | a\u00a0¶b",
      })
  void normalize_appliesTheRule(String rule, String input, boolean atEnd, String expected) {
    assertThat(ProseWhitespace.normalize(decode(input), atEnd)).isEqualTo(decode(expected));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "CRLF endings are kept                 | a··↵¶b↵¶       | a↵¶b↵¶",
        "a CRLF blank run keeps its first line | a↵¶↵¶↵¶↵¶b   | a↵¶↵¶b",
        "a lone CR is an ordinary character    | a·\r·¶b          | a·↵¶b",
      })
  void normalize_readsCrlfAsOneEnding(String rule, String input, String expected) {
    assertThat(ProseWhitespace.normalize(decode(input), true)).isEqualTo(decode(expected));
  }

  static Iterable<Path> corpusTexts() {
    return Corpus.files("text");
  }

  @ParameterizedTest
  @MethodSource("corpusTexts")
  void normalize_onTheCorpus_isIdempotentAndOnlyRemovesWhitespace(Path file) {
    Corpus.assumePresent();
    String text = Corpus.read(file);

    String once = ProseWhitespace.normalize(text, true);

    assertThat(ProseWhitespace.normalize(once, true)).isEqualTo(once);
    assertThat(once.replaceAll("\\s", "")).isEqualTo(text.replaceAll("\\s", ""));
    assertThat(once).doesNotContain(" \n").doesNotContain("\n\n\n\n");
  }

  private static String decode(String written) {
    return written.replace('·', ' ').replace('→', '\t').replace('↵', '\r').replace('¶', '\n');
  }
}
