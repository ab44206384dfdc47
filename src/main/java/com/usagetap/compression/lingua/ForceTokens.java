package com.usagetap.compression.lingua;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request's force tokens as the reference prepares them.
 *
 * <p>A force token that the model's tokenizer does not split into exactly one token is given the
 * added token {@code [NEWi]}, {@code i} being its index in the request's list (a repeated token
 * keeps its first place and takes its last index, as a Python dict does). Every occurrence in the
 * text is replaced by it before tokenization, one force token after another, and replaced back in
 * the words afterwards. The chunk-end tokens ({@code .} and newline) gain the added tokens of those
 * force tokens that were mapped.
 */
final class ForceTokens {
  /** How many {@code [NEWi]} tokens the reference adds to the tokenizer. */
  static final int MAX = 100;

  private static final List<String> CHUNK_ENDS = List.of(".", "\n");

  private final List<String> tokens;
  private final Map<String, String> added;
  private final Set<String> addedValues;
  private final Set<String> chunkEnds;

  private ForceTokens(List<String> tokens, Map<String, String> added) {
    this.tokens = List.copyOf(tokens);
    this.added = added;
    this.addedValues = Set.copyOf(added.values());
    List<String> ends = new ArrayList<>(CHUNK_ENDS);
    for (String end : CHUNK_ENDS) {
      String mapped = added.get(end);
      if (mapped != null) {
        ends.add(mapped);
      }
    }
    this.chunkEnds = Set.copyOf(ends);
  }

  static ForceTokens prepare(List<String> tokens, ModelTokenizer tokenizer) {
    if (tokens.size() > MAX) {
      throw new IllegalArgumentException("at most " + MAX + " force tokens, not " + tokens.size());
    }
    Map<String, String> added = new LinkedHashMap<>();
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      if (tokenizer.tokenCount(token) != 1) {
        added.put(token, "[NEW" + i + "]");
      }
    }
    return new ForceTokens(tokens, added);
  }

  /** Whether {@code word} is one of the request's force tokens, compared whole. */
  boolean isForceToken(String word) {
    return tokens.contains(word);
  }

  List<String> tokens() {
    return tokens;
  }

  Set<String> addedTokens() {
    return addedValues;
  }

  Set<String> chunkEnds() {
    return chunkEnds;
  }

  /** The mapping from a force token to its added token, in the order replacements are made. */
  Map<String, String> mapping() {
    return added;
  }

  /** Puts the original force tokens back in place of their added tokens. */
  String restore(String text) {
    for (Map.Entry<String, String> entry : added.entrySet()) {
      text = text.replace(entry.getValue(), entry.getKey());
    }
    return text;
  }
}
