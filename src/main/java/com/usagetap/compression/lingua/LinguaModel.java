package com.usagetap.compression.lingua;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.usagetap.compression.config.ConfigException;
import com.usagetap.compression.config.InferenceSettings;
import com.usagetap.compression.model.ModelFiles;
import com.usagetap.compression.tokens.TokenCounter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongConsumer;

/** Opens an LLMLingua-2 model folder as a ready {@link LinguaCompressor}. */
public final class LinguaModel {
  private LinguaModel() {}

  /** Checks {@code dir} as {@code MODEL_DIR} would be checked, then opens it. */
  public static LinguaCompressor open(
      Path dir, String name, InferenceSettings inference, TokenCounter cl100k) {
    return open(ModelFiles.validate(dir), name, inference, cl100k);
  }

  /**
   * Loads the tokenizer and the ONNX graph.
   *
   * @param name the model's name as reported in {@code /health} and the {@code compressor} field
   * @throws ConfigException naming the missing or broken file
   */
  public static LinguaCompressor open(
      ModelFiles files, String name, InferenceSettings inference, TokenCounter cl100k) {
    return open(files, name, inference, cl100k, nanos -> {});
  }

  /**
   * Loads the tokenizer and the ONNX graph, telling {@code batchTimes} the model time of every
   * inference batch in nanoseconds.
   *
   * @param name the model's name as reported in {@code /health} and the {@code compressor} field
   * @throws ConfigException naming the missing or broken file
   */
  public static LinguaCompressor open(
      ModelFiles files,
      String name,
      InferenceSettings inference,
      TokenCounter cl100k,
      LongConsumer batchTimes) {
    Path specials =
        files
            .specialTokensMap()
            .or(files::tokenizerConfig)
            .orElseThrow(
                () ->
                    new ConfigException(
                        "model folder "
                            + files.dir()
                            + ": missing special_tokens_map.json (or tokenizer_config.json),"
                            + " which names the special tokens"));
    ModelTokenizer tokenizer = ModelTokenizer.load(files.tokenizer(), specials);
    int vocabSize = vocabSize(files);
    if (vocabSize > 0 && tokenizer.size() > vocabSize) {
      tokenizer.close();
      throw new ConfigException(
          "model folder "
              + files.dir()
              + ": tokenizer.json has "
              + tokenizer.size()
              + " token ids but config.json's vocab_size is "
              + vocabSize
              + "; the tokenizer does not belong to this model");
    }
    OnnxClassifier classifier;
    try {
      classifier = OnnxClassifier.open(files.model());
    } catch (ConfigException e) {
      tokenizer.close();
      throw e;
    }
    InferencePool pool =
        new InferencePool(
            classifier,
            inference.threads(),
            inference.maxRequests(),
            inference.admissionWait(),
            inference.deadline(),
            inference.maxBatch(),
            batchTimes);
    return new LinguaCompressor(name, tokenizer, pool, cl100k);
  }

  /** {@code vocab_size} from {@code config.json}, or 0 when it does not say. */
  private static int vocabSize(ModelFiles files) {
    try {
      return new ObjectMapper().readTree(files.config().toFile()).path("vocab_size").asInt(0);
    } catch (IOException e) {
      throw new ConfigException("model folder " + files.dir() + ": config.json: " + e.getMessage());
    }
  }
}
