package com.usagetap.compression.toon;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the generator's values as JSON text: {@link NumberText} records keep the exact text they
 * were made with, and object keys are written in the order a JavaScript object lists them, so that
 * the reference sees the same key order as the document (the rule in {@link ToonEncoder}).
 */
final class JsonText {
  /** A JSON number written exactly as {@code text}. */
  record NumberText(String text) {}

  /** The literals true, false and null. */
  enum Literal {
    TRUE,
    FALSE,
    NULL
  }

  private JsonText() {}

  static String write(Object value) {
    StringBuilder json = new StringBuilder();
    write(value, json);
    return json.toString();
  }

  /**
   * The keys in JavaScript's own-property order: array indices (canonical integers up to 2^32 - 2)
   * ascending, then the rest in insertion order.
   */
  static List<String> javaScriptOrder(Iterable<String> keys) {
    List<String> indices = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (String key : keys) {
      (isArrayIndex(key) ? indices : others).add(key);
    }
    indices.sort((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
    indices.addAll(others);
    return indices;
  }

  static boolean isArrayIndex(String key) {
    return key.matches("0|[1-9][0-9]{0,9}") && Long.parseLong(key) <= 4_294_967_294L;
  }

  private static void write(Object value, StringBuilder json) {
    switch (value) {
      case String text -> string(text, json);
      case NumberText number -> json.append(number.text());
      case Literal literal -> json.append(literal.name().toLowerCase(Locale.ROOT));
      case List<?> list -> {
        json.append('[');
        for (int i = 0; i < list.size(); i++) {
          json.append(i == 0 ? "" : ",");
          write(list.get(i), json);
        }
        json.append(']');
      }
      case Map<?, ?> map -> object(map, json);
      default -> throw new IllegalArgumentException("not a generated JSON value: " + value);
    }
  }

  private static void object(Map<?, ?> map, StringBuilder json) {
    List<String> keys = new ArrayList<>();
    map.keySet().forEach(key -> keys.add((String) key));
    json.append('{');
    boolean first = true;
    for (String key : javaScriptOrder(keys)) {
      json.append(first ? "" : ",");
      string(key, json);
      json.append(':');
      write(map.get(key), json);
      first = false;
    }
    json.append('}');
  }

  private static void string(String text, StringBuilder json) {
    json.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        case '\t' -> json.append("\\t");
        default -> {
          if (c < 0x20) {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    json.append('"');
  }
}
