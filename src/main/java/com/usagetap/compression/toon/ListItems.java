package com.usagetap.compression.toon;

import com.fasterxml.jackson.databind.JsonNode;
import com.usagetap.compression.toon.TabularFields.Field;
import java.util.List;
import java.util.Map;

/**
 * Writes the elements of an expanded array as {@code "- "} list items (TOON specification §9.4 and
 * §10).
 *
 * <p>A nested array is {@code - [M]: v1,v2} when it holds primitives and otherwise {@code - [M]:}
 * with its own list items below: tabular and keyed forms need a key, so they are not available for
 * an anonymous element. An object puts its first field on the hyphen line and the rest one level
 * deeper; when that first field is a tabular array or keyed object, its header stands on the hyphen
 * line and its rows two levels deeper. An empty object is a bare {@code -}.
 */
final class ListItems {
  private ListItems() {}

  /** Writes {@code value} as one list item at {@code depth}. */
  static void item(Lines out, JsonNode value, int depth) {
    if (Shapes.isPrimitive(value)) {
      out.item(depth, Primitives.encode(value, out.delimiterChar()));
    } else if (value.isArray()) {
      nestedArray(out, null, value, depth);
    } else {
      objectItem(out, value, depth);
    }
  }

  private static void objectItem(Lines out, JsonNode object, int depth) {
    if (object.isEmpty()) {
      out.line(depth, "-");
      return;
    }

    Map.Entry<String, JsonNode> first = object.properties().iterator().next();
    String key = first.getKey();
    JsonNode value = first.getValue();
    if (!firstFieldAsTable(out, key, value, depth)) {
      firstField(out, key, value, depth);
    }
    ObjectForms.fieldsAfterFirst(out, object, depth + 1);
  }

  /** Writes a tabular or keyed first field with its header on the hyphen line, if it is one. */
  private static boolean firstFieldAsTable(Lines out, String key, JsonNode value, int depth) {
    if (value.isArray()) {
      List<Field> fields = TabularFields.ofArray(value);
      if (fields == null) {
        return false;
      }
      out.item(depth, Header.tabular(key, value.size(), fields, out.delimiter()));
      ArrayForms.rows(out, value, fields, depth + 2);
      return true;
    }
    if (value.isObject()) {
      List<Field> fields = TabularFields.ofEntries(value);
      if (fields == null) {
        return false;
      }
      out.item(depth, Header.keyed(key, value.size(), fields, out.delimiter()));
      ObjectForms.entryRows(out, value, fields, depth + 2);
      return true;
    }
    return false;
  }

  private static void firstField(Lines out, String key, JsonNode value, int depth) {
    if (Shapes.isPrimitive(value)) {
      out.item(depth, Quoting.key(key) + ": " + Primitives.encode(value, out.delimiterChar()));
    } else if (value.isArray() && value.isEmpty()) {
      out.item(depth, Quoting.key(key) + ": []");
    } else if (value.isArray()) {
      nestedArray(out, key, value, depth);
    } else {
      out.item(depth, Quoting.key(key) + ":");
      ObjectForms.fields(out, value, depth + 2);
    }
  }

  /**
   * Writes a non-tabular array on a hyphen line: inline when it holds primitives, else its header
   * with its elements as list items one level below the hyphen line's content.
   */
  private static void nestedArray(Lines out, String key, JsonNode array, int depth) {
    if (Shapes.isArrayOfPrimitives(array)) {
      out.item(depth, ArrayForms.inline(key, array, out));
      return;
    }
    out.item(depth, Header.array(key, array.size(), out.delimiter()));
    int elementDepth = key == null ? depth + 1 : depth + 2;
    for (JsonNode element : array) {
      item(out, element, elementDepth);
    }
  }
}
