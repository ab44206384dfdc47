package com.usagetap.compression.toon;

import com.usagetap.compression.toon.TabularFields.Field;
import java.util.List;

/**
 * Writes array and keyed-object headers (TOON specification §6): an optional key, the bracketed
 * length, an optional field list, and the closing colon. The bracket carries {@code :} after the
 * length for the keyed form, and the delimiter unless it is a comma; field lists use the same
 * delimiter at every nesting level.
 */
final class Header {
  private Header() {}

  /** {@code key[N]:}, or {@code [N]:} when {@code key} is null. */
  static String array(String key, int length, ToonDelimiter delimiter) {
    return write(key, length, null, false, delimiter);
  }

  /** {@code key[N]{fields}:}, the header of a tabular array. */
  static String tabular(String key, int length, List<Field> fields, ToonDelimiter delimiter) {
    return write(key, length, fields, false, delimiter);
  }

  /** {@code key[N:]{fields}:}, the header of an object in keyed tabular form. */
  static String keyed(String key, int entries, List<Field> fields, ToonDelimiter delimiter) {
    return write(key, entries, fields, true, delimiter);
  }

  private static String write(
      String key, int length, List<Field> fields, boolean keyed, ToonDelimiter delimiter) {
    StringBuilder header = new StringBuilder();
    if (key != null) {
      header.append(Quoting.key(key));
    }
    header.append('[').append(length);
    if (keyed) {
      header.append(':');
    }
    if (delimiter != ToonDelimiter.COMMA) {
      header.append(delimiter.character());
    }
    header.append(']');
    if (fields != null) {
      appendFields(header, fields, delimiter.character());
    }
    return header.append(':').toString();
  }

  private static void appendFields(StringBuilder header, List<Field> fields, char delimiter) {
    header.append('{');
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        header.append(delimiter);
      }
      Field field = fields.get(i);
      header.append(Quoting.key(field.name()));
      if (!field.isLeaf()) {
        appendFields(header, field.children(), delimiter);
      }
    }
    header.append('}');
  }
}
