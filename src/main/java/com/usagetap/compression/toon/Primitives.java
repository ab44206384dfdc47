package com.usagetap.compression.toon;

import com.fasterxml.jackson.databind.JsonNode;

/** Writes primitive values: literals, numbers (§2) and strings quoted as needed (§7.2). */
final class Primitives {
  private Primitives() {}

  /** The TOON text of a primitive, quoting strings that need it where {@code delimiter} is used. */
  static String encode(JsonNode primitive, char delimiter) {
    if (primitive.isTextual()) {
      return Quoting.value(primitive.textValue(), delimiter);
    }
    if (primitive.isNumber()) {
      return CanonicalNumber.format(primitive);
    }
    if (primitive.isBoolean()) {
      return primitive.booleanValue() ? "true" : "false";
    }
    return "null";
  }

  /** The primitives encoded and joined by {@code delimiter}, as inline values or a row's cells. */
  static String join(Iterable<JsonNode> primitives, char delimiter) {
    StringBuilder joined = new StringBuilder();
    boolean first = true;
    for (JsonNode primitive : primitives) {
      if (!first) {
        joined.append(delimiter);
      }
      joined.append(encode(primitive, delimiter));
      first = false;
    }
    return joined.toString();
  }
}
