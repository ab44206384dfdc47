package com.usagetap.compression.toon;

import com.fasterxml.jackson.databind.JsonNode;
import com.usagetap.compression.toon.TabularFields.Field;
import java.util.List;

/**
 * Chooses and writes the form of an array in an object field or at the root (TOON specification
 * §9), trying the forms in this order:
 *
 * <ol>
 *   <li>empty: {@code key: []}, or {@code []} at the root;
 *   <li>all primitives: inline, {@code key[N]: v1,v2};
 *   <li>all arrays of primitives: {@code key[N]:} with each inner array as an inline list item;
 *   <li>objects of one shape: tabular, {@code key[N]{f1,f2}:} with one row per object;
 *   <li>anything else: {@code key[N]:} with one list item per element ({@link ListItems}).
 * </ol>
 */
final class ArrayForms {
  private ArrayForms() {}

  /** Writes {@code array} under {@code key}, or keyless at the root when {@code key} is null. */
  static void array(Lines out, String key, JsonNode array, int depth) {
    if (array.isEmpty()) {
      out.line(depth, key == null ? "[]" : Quoting.key(key) + ": []");
      return;
    }
    if (Shapes.isArrayOfPrimitives(array)) {
      out.line(depth, inline(key, array, out));
      return;
    }
    if (Shapes.isArrayOfPrimitiveArrays(array)) {
      out.line(depth, Header.array(key, array.size(), out.delimiter()));
      for (JsonNode inner : array) {
        out.item(depth + 1, inline(null, inner, out));
      }
      return;
    }

    List<Field> fields = TabularFields.ofArray(array);
    if (fields != null) {
      out.line(depth, Header.tabular(key, array.size(), fields, out.delimiter()));
      rows(out, array, fields, depth + 1);
      return;
    }
    out.line(depth, Header.array(key, array.size(), out.delimiter()));
    for (JsonNode element : array) {
      ListItems.item(out, element, depth + 1);
    }
  }

  /**
   * An array of primitives on one line, {@code key[N]: v1,v2}; keyless when {@code key} is null,
   * and just the header when the array is empty (the form list items use, §9.2).
   */
  static String inline(String key, JsonNode primitives, Lines out) {
    String header = Header.array(key, primitives.size(), out.delimiter());
    if (primitives.isEmpty()) {
      return header;
    }
    return header + " " + Primitives.join(primitives, out.delimiterChar());
  }

  /** Writes one row of cells per object of a tabular array at {@code depth}. */
  static void rows(Lines out, JsonNode array, List<Field> fields, int depth) {
    for (JsonNode row : array) {
      out.line(depth, Primitives.join(TabularFields.cells(row, fields), out.delimiterChar()));
    }
  }
}
