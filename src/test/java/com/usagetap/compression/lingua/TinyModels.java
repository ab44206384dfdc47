package com.usagetap.compression.lingua;

import com.usagetap.compression.config.InferenceSettings;
import com.usagetap.compression.model.ModelSource;
import com.usagetap.compression.testing.LiveServer;
import com.usagetap.compression.tokens.Tokenizers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The two tiny random-weight models built by {@code tools/reference}, one per family. */
final class TinyModels {
  static final Path ROOT = Path.of("src/test/resources/lingua");
  static final String WORDPIECE = "tiny-bert-base-multilingual-cased";
  static final String METASPACE = "tiny-xlm-roberta-large";
  static final List<String> NAMES = List.of(WORDPIECE, METASPACE);

  private TinyModels() {}

  static Path dir(String name) {
    return ROOT.resolve("models").resolve(name);
  }

  static Path golden(String name) {
    return ROOT.resolve("golden").resolve(name + ".jsonl.gz");
  }

  /** A live origin with one of the tiny models loaded through {@code MODEL_DIR}. */
  static LiveServer serving(String name, InferenceSettings inference) {
    return LiveServer.with(
        settings ->
            settings.withModel(
                ModelSource.fromEnvironment(
                    Map.of("MODEL_DIR", dir(name).toAbsolutePath().toString())),
                inference));
  }

  static LinguaCompressor open(String name) {
    return LinguaModel.open(
        dir(name),
        name,
        new InferenceSettings(2, 8, Duration.ofSeconds(30), Duration.ofSeconds(120), 8),
        new Tokenizers().cl100k());
  }
}
