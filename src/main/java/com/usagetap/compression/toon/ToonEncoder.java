package com.usagetap.compression.toon;

import com.fasterxml.jackson.databind.JsonNode;
import com.usagetap.compression.toon.TabularFields.Field;
import java.util.List;
import java.util.Objects;

/**
 * Encodes a JSON tree as TOON, Token-Oriented Object Notation, specification version 4.0.
 *
 * <p>Design note. The output is meant to equal, byte for byte, that of the reference
 * implementation, the npm package {@code @toon-format/toon} at version 4.4.0, which passes every
 * encode fixture of the specification. Where the specification leaves a choice this follows the
 * package: exponent notation outside 1e-6 ≤ |n| < 1e21, a root string starting with U+FEFF quoted,
 * empty arrays as {@code key: []}. Each form lives in its own class: {@link Quoting} for strings
 * and keys, {@link CanonicalNumber} for numbers, {@link ArrayForms}, {@link ListItems} and {@link
 * ObjectForms} for structure, {@link TabularFields} for the uniform-shape test behind the tabular
 * and keyed forms. Specification 4.0 dropped key folding, so there is no option for it.
 *
 * <p>The reference runs on JavaScript values and this on an exact Jackson tree; they agree except
 * where the JavaScript value differs from the document:
 *
 * <ul>
 *   <li>Numbers: this writes the exact value of an integer or decimal node with every significant
 *       digit. JavaScript first rounds to a double, so the two agree when the document's number is
 *       the shortest decimal of a double, as are integers within ±2^53 and numbers of at most 15
 *       significant digits within the normal double range: then both write the same digits, plain
 *       or in exponent form. Integers beyond ±2^53 and longer decimals keep all their digits here
 *       and lose some in JavaScript; magnitudes past the double range are written here and become
 *       {@code null} or {@code 0} there. A double node is written with the digits JavaScript prints
 *       for that double.
 *   <li>Key order: this keeps the document's order. A JavaScript object lists integer-like keys
 *       ({@code "0"} to {@code "4294967294"} without leading zeros) first, ascending; the two agree
 *       when a document has no integer-like key out of that order.
 *   <li>Unpaired surrogates in a string or key: both refuse the document, with the same message.
 * </ul>
 */
public final class ToonEncoder {
  private ToonEncoder() {}

  /**
   * Encodes {@code value} with two-space indentation and commas.
   *
   * @throws IllegalArgumentException if the tree holds a value outside the JSON data model (a
   *     binary, POJO or missing node) or a string or key with an unpaired surrogate
   */
  public static String encode(JsonNode value) {
    return encode(value, ToonOptions.DEFAULTS);
  }

  /**
   * Encodes {@code value} with {@code options}. An empty root object gives the empty string; the
   * text never ends with a newline.
   *
   * @throws IllegalArgumentException if the tree holds a value outside the JSON data model (a
   *     binary, POJO or missing node) or a string or key with an unpaired surrogate
   */
  public static String encode(JsonNode value, ToonOptions options) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(options, "options");
    InputCheck.requireJsonModel(value);

    Lines out = new Lines(options);
    if (value.isArray()) {
      ArrayForms.array(out, null, value, 0);
    } else if (value.isObject()) {
      root(out, value);
    } else {
      out.line(0, rootPrimitive(value, out));
    }
    return out.toString();
  }

  private static void root(Lines out, JsonNode object) {
    List<Field> entryFields = TabularFields.ofEntries(object);
    if (entryFields != null) {
      ObjectForms.keyed(out, null, object, entryFields, 0);
    } else {
      ObjectForms.fields(out, object, 0);
    }
  }

  private static String rootPrimitive(JsonNode value, Lines out) {
    // A leading byte-order mark would be stripped by readers of the document, so it is kept quoted.
    if (value.isTextual() && value.textValue().startsWith("\uFEFF")) {
      return Quoting.quote(value.textValue());
    }
    return Primitives.encode(value, out.delimiterChar());
  }
}
