package com.usagetap.compression.toon;

import com.fasterxml.jackson.databind.JsonNode;

/** The shape tests that choose between TOON's array and object forms (specification §9). */
final class Shapes {
  private Shapes() {}

  /** Whether {@code node} is a string, number, boolean or null. */
  static boolean isPrimitive(JsonNode node) {
    return !node.isContainerNode();
  }

  /** Whether {@code node} is an object with at least one field. */
  static boolean isNonEmptyObject(JsonNode node) {
    return node.isObject() && !node.isEmpty();
  }

  /** Whether every element of {@code array} is a primitive; true when it is empty. */
  static boolean isArrayOfPrimitives(JsonNode array) {
    for (JsonNode element : array) {
      if (!isPrimitive(element)) {
        return false;
      }
    }
    return true;
  }

  /** Whether every element of {@code array} is an array of primitives; true when it is empty. */
  static boolean isArrayOfPrimitiveArrays(JsonNode array) {
    for (JsonNode element : array) {
      if (!element.isArray() || !isArrayOfPrimitives(element)) {
        return false;
      }
    }
    return true;
  }

  /** Whether every element of {@code array} is an object; true when it is empty. */
  static boolean isArrayOfObjects(JsonNode array) {
    for (JsonNode element : array) {
      if (!element.isObject()) {
        return false;
      }
    }
    return true;
  }
}
