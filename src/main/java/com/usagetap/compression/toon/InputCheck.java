package com.usagetap.compression.toon;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * Rejects a tree that is not in the JSON data model before anything is written (specification §3
 * leaves the mapping of host values to the implementation).
 *
 * <p>Binary, POJO and missing nodes have no JSON value and are refused. A string or key with an
 * unpaired UTF-16 surrogate is refused too: it is no sequence of Unicode scalar values, so no UTF-8
 * document can carry it (§7.1). The message matches the reference implementation's, which refuses
 * the same strings.
 */
final class InputCheck {
  private InputCheck() {}

  /**
   * Checks every value and key under {@code node}.
   *
   * @throws IllegalArgumentException naming the first value the encoder cannot write
   */
  static void requireJsonModel(JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT -> {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          requireScalarValues(field.getKey(), "object key");
          requireJsonModel(field.getValue());
        }
      }
      case ARRAY -> {
        for (JsonNode element : node) {
          requireJsonModel(element);
        }
      }
      case STRING -> requireScalarValues(node.textValue(), "string value");
      case NUMBER, BOOLEAN, NULL -> {}
      default ->
          throw new IllegalArgumentException(
              "Cannot encode a " + node.getNodeType() + " node: TOON carries JSON values only");
    }
  }

  private static void requireScalarValues(String text, String role) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isSurrogate(c)) {
        continue;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
        continue;
      }
      throw new IllegalArgumentException(
          String.format(
              "Cannot encode %s containing an unpaired surrogate U+%04X at index %d",
              role, (int) c, i));
    }
  }
}
