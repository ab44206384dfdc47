package com.usagetap.compression.lingua;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.usagetap.compression.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A model's tokenizer as the reference uses it: {@code tokenize} without special tokens,
 * token-to-id and id-to-token lookups with the added tokens first, the special-token strings, and
 * the decoder.
 *
 * <p>Splitting text into tokens is done by the HuggingFace tokenizers library itself (through DJL,
 * which bundles its native code), so normalization and pre-tokenization are the library's own.
 * Vocabulary lookups and decoding are read from {@code tokenizer.json} here because the reference
 * feeds them strings the library's id-based API cannot take.
 */
public final class ModelTokenizer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The special-token attributes of a HuggingFace tokenizer, minus the additional ones. */
  private static final List<String> SPECIAL_ATTRIBUTES =
      List.of(
          "bos_token",
          "eos_token",
          "unk_token",
          "sep_token",
          "pad_token",
          "cls_token",
          "mask_token");

  private final HuggingFaceTokenizer tokenizer;
  private final TokenizerFamily family;
  private final TokenDecoder decoder;
  private final Map<String, Integer> ids;
  private final String[] tokens;
  private final Set<String> specialTokens;
  private final int unknownId;

  private ModelTokenizer(
      HuggingFaceTokenizer tokenizer,
      TokenizerFamily family,
      TokenDecoder decoder,
      Map<String, Integer> ids,
      String[] tokens,
      Set<String> specialTokens,
      int unknownId) {
    this.tokenizer = tokenizer;
    this.family = family;
    this.decoder = decoder;
    this.ids = ids;
    this.tokens = tokens;
    this.specialTokens = specialTokens;
    this.unknownId = unknownId;
  }

  /**
   * Loads {@code tokenizer.json} and the special-token map.
   *
   * @param specialTokensFile {@code special_tokens_map.json}, or else {@code tokenizer_config.json}
   *     (both name the same attributes)
   * @throws ConfigException naming the file that is missing, malformed or of an unsupported kind
   */
  public static ModelTokenizer load(Path tokenizerFile, Path specialTokensFile) {
    JsonNode root = readJson(tokenizerFile);
    JsonNode model = root.path("model");
    JsonNode decoderNode = root.path("decoder");
    String modelType = model.path("type").asText("");
    String decoderType = decoderNode.path("type").asText("");
    TokenizerFamily family;
    TokenDecoder decoder;
    if (modelType.equals("WordPiece") && decoderType.equals("WordPiece")) {
      String prefix = decoderNode.path("prefix").asText("##");
      if (!prefix.equals("##")
          || !model.path("continuing_subword_prefix").asText("##").equals("##")) {
        throw unsupported(tokenizerFile, "a word-piece prefix other than ##");
      }
      family = TokenizerFamily.WORDPIECE;
      decoder = new TokenDecoder.WordPiece(prefix, decoderNode.path("cleanup").asBoolean(true));
    } else if (decoderType.equals("Metaspace")) {
      String replacement = decoderNode.path("replacement").asText("▁");
      if (!replacement.equals("▁")) {
        throw unsupported(tokenizerFile, "a metaspace replacement other than ▁");
      }
      String scheme = decoderNode.path("prepend_scheme").asText("");
      boolean prepends =
          scheme.isEmpty()
              ? decoderNode.path("add_prefix_space").asBoolean(true)
              : !scheme.equals("never");
      family = TokenizerFamily.METASPACE;
      decoder = new TokenDecoder.Metaspace('▁', prepends);
    } else {
      throw unsupported(
          tokenizerFile, "model " + describe(modelType) + " with decoder " + describe(decoderType));
    }

    Map<String, Integer> ids = new HashMap<>();
    Map<Integer, String> tokens = new HashMap<>();
    readVocabulary(tokenizerFile, model, ids, tokens);
    for (JsonNode added : root.path("added_tokens")) {
      String content = added.path("content").asText();
      int id = added.path("id").asInt();
      ids.put(content, id);
      tokens.put(id, content);
    }

    JsonNode specials = readJson(specialTokensFile);
    Set<String> specialTokens = new LinkedHashSet<>();
    for (String attribute : SPECIAL_ATTRIBUTES) {
      specialToken(specials.get(attribute)).ifPresent(specialTokens::add);
    }
    String unknown =
        specialToken(specials.get("unk_token"))
            .orElseThrow(() -> broken(specialTokensFile, "names no unk_token"));
    Integer unknownId = ids.get(unknown);
    if (unknownId == null) {
      throw broken(tokenizerFile, "has no id for the unknown token " + unknown);
    }

    HuggingFaceTokenizer tokenizer;
    try {
      tokenizer =
          HuggingFaceTokenizer.builder()
              .optTokenizerPath(tokenizerFile)
              .optAddSpecialTokens(false)
              .optTruncation(false)
              .optPadding(false)
              .build();
    } catch (IOException | RuntimeException e) {
      throw broken(
          tokenizerFile, "could not be loaded by the tokenizers library: " + e.getMessage());
    }
    return new ModelTokenizer(
        tokenizer,
        family,
        decoder,
        ids,
        byId(tokenizerFile, tokens),
        Set.copyOf(specialTokens),
        unknownId);
  }

  public TokenizerFamily family() {
    return family;
  }

  TokenDecoder decoder() {
    return decoder;
  }

  /** How many token ids the tokenizer can produce, added tokens included. */
  int size() {
    return tokens.length;
  }

  /** Whether the reference skips this token when it merges tokens into words. */
  boolean isSpecial(String token) {
    return specialTokens.contains(token);
  }

  /** The id of a token string, the unknown token's id when the vocabulary lacks it. */
  int idOf(String token) {
    Integer id = ids.get(token);
    return id == null ? unknownId : id;
  }

  /** The token string of an id, added tokens first. */
  String tokenOf(int id) {
    String token = id >= 0 && id < tokens.length ? tokens[id] : null;
    if (token == null) {
      throw new IllegalArgumentException("no token has id " + id);
    }
    return token;
  }

  /** How many tokens {@code text} splits into, special tokens not added. */
  int tokenCount(String text) {
    return tokenizer.encode(text, false, false).getTokens().length;
  }

  /** Splits {@code text} into tokens with their spans in it (UTF-16 indices). */
  Tokens tokenize(String text) {
    Encoding encoding = tokenizer.encode(text, false, false);
    String[] strings = encoding.getTokens();
    CharSpan[] spans = encoding.getCharTokenSpans();
    int[] starts = new int[strings.length];
    int[] ends = new int[strings.length];
    CodePointIndex index = CodePointIndex.of(text);
    for (int i = 0; i < strings.length; i++) {
      CharSpan span = spans[i];
      if (span == null) {
        starts[i] = i == 0 ? 0 : ends[i - 1];
        ends[i] = starts[i];
      } else {
        starts[i] = index.toUtf16(span.getStart());
        ends[i] = index.toUtf16(span.getEnd());
      }
    }
    return new Tokens(strings, starts, ends);
  }

  @Override
  public void close() {
    tokenizer.close();
  }

  /** Tokens of a text with their UTF-16 spans in it. */
  @SuppressWarnings("ArrayRecordComponent") // internal carrier of per-token arrays; never compared
  record Tokens(String[] strings, int[] starts, int[] ends) {
    int size() {
      return strings.length;
    }
  }

  private static void readVocabulary(
      Path file, JsonNode model, Map<String, Integer> ids, Map<Integer, String> tokens) {
    JsonNode vocab = model.path("vocab");
    if (vocab.isObject()) {
      for (Map.Entry<String, JsonNode> entry : vocab.properties()) {
        ids.put(entry.getKey(), entry.getValue().asInt());
        tokens.put(entry.getValue().asInt(), entry.getKey());
      }
    } else if (vocab.isArray()) {
      for (int id = 0; id < vocab.size(); id++) {
        String piece = vocab.get(id).path(0).asText();
        ids.putIfAbsent(piece, id);
        tokens.put(id, piece);
      }
    } else {
      throw broken(file, "has no model vocabulary");
    }
  }

  /** Ids are dense from 0 in every tokenizer.json; an array indexes them without hashing. */
  private static String[] byId(Path file, Map<Integer, String> tokens) {
    int size = 0;
    for (int id : tokens.keySet()) {
      if (id < 0 || id > 10_000_000) {
        throw broken(file, "has a token id out of range: " + id);
      }
      size = Math.max(size, id + 1);
    }
    String[] array = new String[size];
    tokens.forEach((id, token) -> array[id] = token);
    return array;
  }

  private static Optional<String> specialToken(JsonNode node) {
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (node.isTextual()) {
      return Optional.of(node.textValue());
    }
    JsonNode content = node.get("content");
    return content != null && content.isTextual()
        ? Optional.of(content.textValue())
        : Optional.empty();
  }

  private static JsonNode readJson(Path file) {
    try {
      JsonNode node = JSON.readTree(Files.readAllBytes(file));
      if (node == null || !node.isObject()) {
        throw broken(file, "is not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw broken(file, "could not be read: " + e.getMessage());
    }
  }

  private static String describe(String type) {
    return type.isEmpty() ? "(none)" : type;
  }

  private static ConfigException unsupported(Path file, String what) {
    return broken(
        file,
        "describes "
            + what
            + "; LLMLingua-2 models use WordPiece with ## or a Metaspace (▁) tokenizer");
  }

  private static ConfigException broken(Path file, String problem) {
    return new ConfigException(file.getFileName() + " (" + file + ") " + problem);
  }
}
