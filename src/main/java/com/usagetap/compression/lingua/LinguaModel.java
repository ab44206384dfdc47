package com.usagetap.compression.lingua;

import com.usagetap.compression.config.ConfigException;
import com.usagetap.compression.tokens.TokenCounter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Opens an LLMLingua-2 model folder as a ready {@link LinguaCompressor}. */
public final class LinguaModel {
  private LinguaModel() {}

  /**
   * How inference is run.
   *
   * @param threads platform threads running the model, one per core by default
   * @param maxRequests requests admitted to inference at once
   * @param admissionWait how long a request may wait to be admitted
   * @param deadline how long an admitted request's inference may take in all
   * @param maxBatch chunks run in one call
   */
  public record Inference(
      int threads, int maxRequests, Duration admissionWait, Duration deadline, int maxBatch) {
    public static Inference defaults() {
      int cores = Runtime.getRuntime().availableProcessors();
      return new Inference(cores, 4 * cores, Duration.ofSeconds(2), Duration.ofSeconds(30), 8);
    }
  }

  /**
   * Loads {@code model.onnx}, {@code tokenizer.json} and the special-token map from {@code dir}.
   *
   * @param name the model's name as reported in {@code /health} and the {@code compressor} field
   * @throws ConfigException naming the missing or broken file
   */
  public static LinguaCompressor open(
      Path dir, String name, Inference inference, TokenCounter cl100k) {
    Path model = dir.resolve("model.onnx");
    Path tokenizerFile = dir.resolve("tokenizer.json");
    Path specials = dir.resolve("special_tokens_map.json");
    if (!Files.isRegularFile(specials)) {
      specials = dir.resolve("tokenizer_config.json");
    }
    for (Path required : new Path[] {model, tokenizerFile, specials}) {
      if (!Files.isRegularFile(required)) {
        throw new ConfigException("model folder " + dir + ": missing " + required.getFileName());
      }
    }
    ModelTokenizer tokenizer = ModelTokenizer.load(tokenizerFile, specials);
    OnnxClassifier classifier;
    try {
      classifier = OnnxClassifier.open(model);
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
            inference.maxBatch());
    return new LinguaCompressor("llmlingua-2:" + name, tokenizer, pool, cl100k);
  }
}
