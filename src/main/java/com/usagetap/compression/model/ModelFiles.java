package com.usagetap.compression.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.usagetap.compression.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The files of an LLMLingua-2 token classifier exported to ONNX, found in one flat folder.
 *
 * <p>The layout is the one Hugging Face Optimum writes for a token-classification export: the graph
 * {@value #MODEL}, the fast tokenizer {@value #TOKENIZER} and the model configuration {@value
 * #CONFIG} are required; {@value #TOKENIZER_CONFIG} and {@value #SPECIAL_TOKENS_MAP} are optional,
 * and so is the external data file that ONNX uses for graphs over 2 GB, which exporters name {@code
 * model.onnx_data} or {@code model.onnx.data}.
 *
 * @param dir the folder
 * @param model the ONNX graph
 * @param tokenizer the fast tokenizer definition, a JSON object
 * @param config the model configuration (labels, architecture), a JSON object
 * @param tokenizerConfig tokenizer options, when present
 * @param specialTokensMap the special tokens, when present
 * @param externalData the weights stored beside the graph, when present
 */
public record ModelFiles(
    Path dir,
    Path model,
    Path tokenizer,
    Path config,
    Optional<Path> tokenizerConfig,
    Optional<Path> specialTokensMap,
    Optional<Path> externalData) {

  static final String MODEL = "model.onnx";
  static final String TOKENIZER = "tokenizer.json";
  static final String CONFIG = "config.json";
  static final String TOKENIZER_CONFIG = "tokenizer_config.json";
  static final String SPECIAL_TOKENS_MAP = "special_tokens_map.json";

  /** Names the external data file may have, in the order they are looked for. */
  static final List<String> EXTERNAL_DATA = List.of("model.onnx_data", "model.onnx.data");

  static final List<String> REQUIRED = List.of(MODEL, TOKENIZER, CONFIG);
  static final List<String> OPTIONAL = List.of(TOKENIZER_CONFIG, SPECIAL_TOKENS_MAP);

  // A tokenizer.json holds a whole vocabulary; only the nesting and the lengths are bounded.
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
          .build();

  /**
   * Checks a folder named by {@code MODEL_DIR}: every required file is a readable, non-empty
   * regular file, every optional one that exists is too, and the JSON files are JSON objects.
   *
   * @throws ConfigException naming {@code MODEL_DIR}, the folder and the first missing or broken
   *     file, e.g. {@code MODEL_DIR=/m: missing tokenizer.json}
   */
  public static ModelFiles validate(Path dir) {
    return validate(dir, "MODEL_DIR=" + dir);
  }

  /** As {@link #validate(Path)}, with messages that start with {@code source} instead. */
  static ModelFiles validate(Path dir, String source) {
    if (!Files.isDirectory(dir)) {
      throw new ConfigException(source + " is not a directory");
    }
    Path model = required(dir, MODEL, source);
    Path tokenizer = requiredJson(dir, TOKENIZER, source);
    Path config = requiredJson(dir, CONFIG, source);
    Optional<Path> tokenizerConfig = optional(dir, TOKENIZER_CONFIG, source);
    Optional<Path> specialTokens = optional(dir, SPECIAL_TOKENS_MAP, source);
    tokenizerConfig.ifPresent(file -> requireJsonObject(file, source));
    specialTokens.ifPresent(file -> requireJsonObject(file, source));
    Optional<Path> externalData = Optional.empty();
    for (String name : EXTERNAL_DATA) {
      externalData = optional(dir, name, source);
      if (externalData.isPresent()) {
        break;
      }
    }
    return new ModelFiles(
        dir, model, tokenizer, config, tokenizerConfig, specialTokens, externalData);
  }

  private static Path required(Path dir, String name, String source) {
    return optional(dir, name, source)
        .orElseThrow(() -> new ConfigException(source + ": missing " + name));
  }

  private static Path requiredJson(Path dir, String name, String source) {
    Path file = required(dir, name, source);
    requireJsonObject(file, source);
    return file;
  }

  /** The file when it exists, checked to be usable; empty when nothing has that name. */
  private static Optional<Path> optional(Path dir, String name, String source) {
    Path file = dir.resolve(name);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(source + ": " + name + " is not a regular file");
    }
    if (!Files.isReadable(file)) {
      throw new ConfigException(source + ": " + name + " is not readable");
    }
    try {
      if (Files.size(file) == 0) {
        throw new ConfigException(source + ": " + name + " is empty");
      }
    } catch (IOException e) {
      throw new ConfigException(source + ": " + name + " cannot be read: " + e.getMessage(), e);
    }
    return Optional.of(file);
  }

  /**
   * Reads the file as a stream of tokens without building a tree, so that a large tokenizer costs
   * no more memory than its longest string.
   */
  private static void requireJsonObject(Path file, String source) {
    String name = file.getFileName().toString();
    try (JsonParser parser = JSON.createParser(file.toFile())) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new ConfigException(source + ": " + name + " is not a JSON object");
      }
      parser.skipChildren();
      if (parser.nextToken() != null) {
        throw new ConfigException(source + ": " + name + " has data after its JSON object");
      }
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
      throw new ConfigException(source + ": " + name + " is not valid JSON" + where, e);
    } catch (IOException e) {
      throw new ConfigException(source + ": " + name + " cannot be read: " + e.getMessage(), e);
    }
  }
}
