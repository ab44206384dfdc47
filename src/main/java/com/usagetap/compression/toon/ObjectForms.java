package com.usagetap.compression.toon;

import com.fasterxml.jackson.databind.JsonNode;
import com.usagetap.compression.toon.TabularFields.Field;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes objects as indented fields (TOON specification §8) or, when their values share one shape,
 * in keyed tabular form (§9.5): {@code key[N:]{fields}:} followed by one {@code entry: cells} row
 * per entry. Field values use the document delimiter for quoting; entry-row cells are joined and
 * quoted with it as the active delimiter.
 */
final class ObjectForms {
  private ObjectForms() {}

  /** Writes every field of {@code object} at {@code depth}. */
  static void fields(Lines out, JsonNode object, int depth) {
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      field(out, field.getKey(), field.getValue(), depth);
    }
  }

  /** Writes every field of {@code object} but the first at {@code depth}. */
  static void fieldsAfterFirst(Lines out, JsonNode object, int depth) {
    Iterator<Map.Entry<String, JsonNode>> fields = object.properties().iterator();
    fields.next();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      field(out, field.getKey(), field.getValue(), depth);
    }
  }

  /** Writes one field: {@code key: value}, an array form, or a nested or keyed object. */
  static void field(Lines out, String key, JsonNode value, int depth) {
    if (Shapes.isPrimitive(value)) {
      out.line(depth, Quoting.key(key) + ": " + Primitives.encode(value, out.delimiterChar()));
      return;
    }
    if (value.isArray()) {
      ArrayForms.array(out, key, value, depth);
      return;
    }

    List<Field> entryFields = TabularFields.ofEntries(value);
    if (entryFields != null) {
      keyed(out, key, value, entryFields, depth);
      return;
    }
    // An empty object is the bare "key:" line, which decodes back to {} (§8).
    out.line(depth, Quoting.key(key) + ":");
    fields(out, value, depth + 1);
  }

  /** Writes {@code object} in keyed tabular form; {@code key} is null at the document root. */
  static void keyed(Lines out, String key, JsonNode object, List<Field> fields, int depth) {
    out.line(depth, Header.keyed(key, object.size(), fields, out.delimiter()));
    entryRows(out, object, fields, depth + 1);
  }

  /** Writes the entry rows of a keyed tabular object at {@code depth}. */
  static void entryRows(Lines out, JsonNode object, List<Field> fields, int depth) {
    for (Map.Entry<String, JsonNode> entry : object.properties()) {
      List<JsonNode> cells = TabularFields.cells(entry.getValue(), fields);
      out.line(
          depth, Quoting.key(entry.getKey()) + ": " + Primitives.join(cells, out.delimiterChar()));
    }
  }
}
