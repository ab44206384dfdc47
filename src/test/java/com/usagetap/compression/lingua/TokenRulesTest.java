package com.usagetap.compression.lingua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.usagetap.compression.config.ConfigException;
import com.usagetap.compression.config.InferenceSettings;
import com.usagetap.compression.tokens.Tokenizers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small rules the reference applies to token strings, each with its quirk. */
class TokenRulesTest {
  @Test
  void wordPieceDecodingKeepsTheFirstPrefixAndCleansEachPieceOnItsOwn() {
    TokenDecoder decoder = new TokenDecoder.WordPiece("##", true);
    assertThat(decoder.decode(List.of("##ab", "cd", "##ef", ",", "it", "'", "s", ".")))
        .isEqualTo("##ab cdef, it ' s.");
    assertThat(decoder.pieces(List.of("a", "##b", "?"))).containsExactly("a", "b", "?");
    assertThat(new TokenDecoder.WordPiece("##", false).decode(List.of("a", "."))).isEqualTo("a .");
  }

  @Test
  void metaspaceDecodingDropsEveryMarkerOfTheFirstTokenOnly() {
    TokenDecoder decoder = new TokenDecoder.Metaspace('▁', true);
    assertThat(decoder.decode(List.of("▁a▁b", "▁c", "d", "▁▁e"))).isEqualTo("ab cd  e");
    assertThat(new TokenDecoder.Metaspace('▁', false).decode(List.of("▁a", "▁b")))
        .isEqualTo(" a b");
  }

  @Test
  void wordPieceWordsBeginUnlessTheTokenContinuesOne() {
    TokenizerFamily family = TokenizerFamily.WORDPIECE;
    assertThat(family.beginsWord("abc", List.of(), Set.of())).isTrue();
    assertThat(family.beginsWord("##bc", List.of(), Set.of())).isFalse();
    // A continuation whose pure form is a force token starts a word of its own.
    assertThat(family.beginsWord("##bc", List.of("bc"), Set.of())).isTrue();
    // The reference strips the character set, not the prefix.
    assertThat(family.pure("###")).isEmpty();
    assertThat(family.pure("#")).isEmpty();
    assertThat(family.reported("##x")).isEqualTo("##x");
  }

  @Test
  void metaspaceWordsBeginAtTheMarkerOrAtAnySubstringOfPythonPunctuation() {
    TokenizerFamily family = TokenizerFamily.METASPACE;
    assertThat(family.beginsWord("▁word", List.of(), Set.of())).isTrue();
    assertThat(family.beginsWord("ing", List.of(), Set.of())).isFalse();
    assertThat(family.beginsWord("()", List.of(), Set.of())).isTrue();
    assertThat(family.beginsWord("./", List.of(), Set.of())).isTrue();
    assertThat(family.beginsWord(")(", List.of(), Set.of())).isFalse();
    assertThat(family.beginsWord("[NEW3]", List.of(), Set.of("[NEW3]"))).isTrue();
    assertThat(family.reported("▁▁x")).isEqualTo("x");
  }

  @Test
  void theUnscoredSplitFindsWordRunsAndListedSymbolsAsPythonsRegexDoes() {
    assertThat(PythonWords.split("Hello, wörld_1 (x+y) = 3.5 ü! 東京"))
        .containsExactly(
            "Hello", "wörld_1", "(", "x", "+", "y", ")", "=", "3", "5", "ü", "!", "東京");
    // A combining mark is not a word character in Python.
    assertThat(PythonWords.split("e\u0301x")).containsExactly("e", "x");
  }

  @Test
  void digitsAreUnicodeDecimalDigits() {
    assertThat(ChunkScores.hasDigit("abc٣")).isTrue();
    assertThat(ChunkScores.hasDigit("Ⅻ½")).isFalse();
  }

  @Test
  void aTokenizerWithMoreIdsThanTheModelStopsStartUp(@TempDir Path dir) throws IOException {
    Path bert = TinyModels.dir(TinyModels.WORDPIECE);
    Path xlmr = TinyModels.dir(TinyModels.METASPACE);
    Files.copy(bert.resolve("model.onnx"), dir.resolve("model.onnx"));
    Files.copy(bert.resolve("config.json"), dir.resolve("config.json"));
    Files.copy(xlmr.resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
    Files.copy(xlmr.resolve("special_tokens_map.json"), dir.resolve("special_tokens_map.json"));
    assertThatThrownBy(
            () ->
                LinguaModel.open(
                    dir,
                    "mixed",
                    new InferenceSettings(1, 1, Duration.ZERO, Duration.ofSeconds(1), 1),
                    new Tokenizers().cl100k()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tokenizer.json has 5102 token ids")
        .hasMessageContaining("vocab_size is 5100");
  }
}
