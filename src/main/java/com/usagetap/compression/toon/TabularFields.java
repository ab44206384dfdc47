package com.usagetap.compression.toon;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Decides whether objects share one shape that a tabular header can declare, and reads their cells
 * in that header's order (TOON specification §9.3 and §9.5).
 *
 * <p>Rows qualify when each has at least one key, all have the same key set (in any order), and
 * every column, the values at one key, is all primitives or all non-empty objects that themselves
 * qualify. A primitive column becomes a leaf field; an object column a nested field group. Field
 * order is the first row's key order, level by level; cells follow a depth-first walk of the
 * fields.
 */
final class TabularFields {
  /** A header field: a leaf when {@code children} is empty, else a nested field group. */
  record Field(String name, List<Field> children) {
    boolean isLeaf() {
      return children.isEmpty();
    }
  }

  private TabularFields() {}

  /** The fields of {@code rows} (objects), or null when they are not uniform enough. */
  static List<Field> ofRows(List<JsonNode> rows) {
    if (rows.isEmpty() || rows.getFirst().isEmpty()) {
      return null;
    }

    List<String> names = new ArrayList<>(rows.getFirst().size());
    rows.getFirst().fieldNames().forEachRemaining(names::add);
    for (JsonNode row : rows) {
      if (row.size() != names.size()) {
        return null;
      }
      for (String name : names) {
        if (!row.has(name)) {
          return null;
        }
      }
    }

    List<Field> fields = new ArrayList<>(names.size());
    for (String name : names) {
      Field field = column(name, rows);
      if (field == null) {
        return null;
      }
      fields.add(field);
    }
    return fields;
  }

  /** The fields of an array of objects, or null when it is not tabular. */
  static List<Field> ofArray(JsonNode array) {
    if (!Shapes.isArrayOfObjects(array)) {
      return null;
    }
    return ofRows(elements(array.iterator()));
  }

  /**
   * The fields of an object's entry values for the keyed form, or null. It needs at least two
   * entries, each a non-empty object (§9.5).
   */
  static List<Field> ofEntries(JsonNode object) {
    if (object.size() < 2) {
      return null;
    }
    List<JsonNode> values = elements(object.elements());
    for (JsonNode value : values) {
      if (!Shapes.isNonEmptyObject(value)) {
        return null;
      }
    }
    return ofRows(values);
  }

  /** The leaf cells of {@code row} in the depth-first order of {@code fields}. */
  static List<JsonNode> cells(JsonNode row, List<Field> fields) {
    List<JsonNode> cells = new ArrayList<>();
    addCells(row, fields, cells);
    return cells;
  }

  private static Field column(String name, List<JsonNode> rows) {
    List<JsonNode> values = new ArrayList<>(rows.size());
    boolean allPrimitive = true;
    boolean allObjects = true;
    for (JsonNode row : rows) {
      JsonNode value = row.get(name);
      values.add(value);
      allPrimitive &= Shapes.isPrimitive(value);
      allObjects &= Shapes.isNonEmptyObject(value);
    }

    if (allPrimitive) {
      return new Field(name, List.of());
    }
    if (!allObjects) {
      return null;
    }
    List<Field> children = ofRows(values);
    return children == null ? null : new Field(name, children);
  }

  private static void addCells(JsonNode row, List<Field> fields, List<JsonNode> cells) {
    for (Field field : fields) {
      JsonNode value = row.get(field.name());
      if (field.isLeaf()) {
        cells.add(value);
      } else {
        addCells(value, field.children(), cells);
      }
    }
  }

  private static List<JsonNode> elements(Iterator<JsonNode> iterator) {
    List<JsonNode> elements = new ArrayList<>();
    iterator.forEachRemaining(elements::add);
    return elements;
  }
}
