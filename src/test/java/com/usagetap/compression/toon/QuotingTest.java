package com.usagetap.compression.toon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuotingTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "hello",
        "hello world",
        "True",
        "nullable",
        "1.",
        ".5",
        "0x10",
        "1_000",
        "a#b",
        "a-b",
        "a|b",
        "héllo wörld 👋",
        "\u007f",
        "\u00a0lead"
      })
  void value_withoutAQuotingReason_isBare(String text) {
    assertThat(Quoting.value(text, ',')).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", " lead", "trail ", "true", "false", "null", "42", "-3.14", "05", "+1", "1e-6", "1E5",
        "a:b", "[x]", "{x}", "a]", "-", "-x", "#", "#x", "a,b"
      })
  void value_withAQuotingReason_isQuoted(String text) {
    assertThat(Quoting.value(text, ',')).isEqualTo('"' + text + '"');
  }

  @Test
  void value_delimiter_onlyTheOneInForceForcesQuotes() {
    assertThat(Quoting.value("a,b", '|')).isEqualTo("a,b");
    assertThat(Quoting.value("a|b", '|')).isEqualTo("\"a|b\"");
    assertThat(Quoting.value("a|b", '\t')).isEqualTo("a|b");
  }

  @Test
  void quote_escapesBackslashQuoteAndControlCharacters() {
    assertThat(Quoting.value("say \"hi\"", ',')).isEqualTo("\"say \\\"hi\\\"\"");
    assertThat(Quoting.value("C:\\temp", ',')).isEqualTo("\"C:\\\\temp\"");
    assertThat(Quoting.value("a\nb\rc\td", ',')).isEqualTo("\"a\\nb\\rc\\td\"");
    assertThat(Quoting.value("\tlead", '|')).isEqualTo("\"\\tlead\"");
    assertThat(Quoting.value("\u0000\u0001\u001f", ',')).isEqualTo("\"\\u0000\\u0001\\u001f\"");
  }

  @Test
  void quote_leavesEmojiAndOtherUnicodeAsIs() {
    assertThat(Quoting.quote("👋 \u2028 é")).isEqualTo("\"👋 \u2028 é\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"name", "_private", "a.b.c", "x1", "Z_9."})
  void key_matchingTheKeyPattern_isBare(String key) {
    assertThat(Quoting.key(key)).isEqualTo(key);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0", "42", "1a", "my-key", "a b", "a:b", "ключ", ".a", "$x"})
  void key_notMatchingTheKeyPattern_isQuoted(String key) {
    assertThat(Quoting.key(key)).isEqualTo('"' + key + '"');
  }

  @Test
  void key_withQuotesOrControls_isEscaped() {
    assertThat(Quoting.key("a\"b")).isEqualTo("\"a\\\"b\"");
    assertThat(Quoting.key("line\nbreak")).isEqualTo("\"line\\nbreak\"");
  }
}
