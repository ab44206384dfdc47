package com.usagetap.compression.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.usagetap.compression.http.ApiException;
import com.usagetap.compression.http.ApiException.FieldError;
import com.usagetap.compression.http.JsonCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Reads typed fields out of one JSON object and collects every validation failure, so that a 422
 * lists all bad fields at once rather than the first.
 *
 * <p>Absent and {@code null} fields count as not given. Unknown fields are ignored. Field names in
 * errors are paths from the request root, such as {@code tenant_profile.force_keep_tokens[2]}.
 */
public final class FieldReader {
  private final ObjectNode object;
  private final String prefix;
  private final List<FieldError> errors;

  public FieldReader(ObjectNode object) {
    this(object, "", new ArrayList<>());
  }

  private FieldReader(ObjectNode object, String prefix, List<FieldError> errors) {
    this.object = object;
    this.prefix = prefix;
    this.errors = errors;
  }

  /** A reader for a nested object that reports into the same error list. */
  public Optional<FieldReader> nested(String name) {
    JsonNode value = given(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isObject()) {
      fail(name, "must be an object, not " + JsonCodec.kind(value));
      return Optional.empty();
    }
    return Optional.of(new FieldReader((ObjectNode) value, path(name) + ".", errors));
  }

  public boolean has(String name) {
    return given(name) != null;
  }

  /** The raw node of a field that was given, or null. */
  public JsonNode raw(String name) {
    return given(name);
  }

  public Optional<String> string(String name) {
    JsonNode value = given(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isTextual()) {
      fail(name, "must be a string, not " + JsonCodec.kind(value));
      return Optional.empty();
    }
    return Optional.of(value.textValue());
  }

  public Optional<String> requiredString(String name) {
    if (!has(name)) {
      fail(name, "is required");
      return Optional.empty();
    }
    return string(name);
  }

  /** A number within {@code [min, max]}; NaN and infinities cannot occur in JSON. */
  public OptionalDouble number(String name, double min, double max) {
    JsonNode value = given(name);
    if (value == null) {
      return OptionalDouble.empty();
    }
    if (!value.isNumber()) {
      fail(name, "must be a number, not " + JsonCodec.kind(value));
      return OptionalDouble.empty();
    }
    double number = value.doubleValue();
    if (!(number >= min && number <= max)) {
      fail(name, "must be between " + min + " and " + max + ", got " + value.asText());
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(number);
  }

  /** A whole number within {@code [min, max]}; {@code 12.0} counts as whole. */
  public Optional<Long> wholeNumber(String name, long min, long max) {
    JsonNode value = given(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isNumber() || !isWhole(value)) {
      String got = value.isNumber() ? value.asText() : JsonCodec.kind(value);
      fail(name, "must be a whole number, not " + got);
      return Optional.empty();
    }
    if (value.decimalValue().compareTo(java.math.BigDecimal.valueOf(min)) < 0
        || value.decimalValue().compareTo(java.math.BigDecimal.valueOf(max)) > 0) {
      fail(name, "must be between " + min + " and " + max + ", got " + value.asText());
      return Optional.empty();
    }
    return Optional.of(value.longValue());
  }

  public Optional<Boolean> bool(String name) {
    JsonNode value = given(name);
    if (value == null) {
      return Optional.empty();
    }
    if (!value.isBoolean()) {
      fail(name, "must be true or false, not " + JsonCodec.kind(value));
      return Optional.empty();
    }
    return Optional.of(value.booleanValue());
  }

  /**
   * A list of non-empty strings, at most {@code maxItems} long, each at most {@code maxLength}
   * characters counted as Unicode code points (so an emoji is one, as in JSON Schema).
   */
  public List<String> stringList(String name, int maxItems, int maxLength) {
    JsonNode value = given(name);
    if (value == null) {
      return List.of();
    }
    if (!value.isArray()) {
      fail(name, "must be an array of strings, not " + JsonCodec.kind(value));
      return List.of();
    }
    if (value.size() > maxItems) {
      fail(name, "must have at most " + maxItems + " items, got " + value.size());
      return List.of();
    }
    List<String> items = new ArrayList<>(value.size());
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      String itemName = name + "[" + i + "]";
      if (!item.isTextual()) {
        fail(itemName, "must be a string, not " + JsonCodec.kind(item));
      } else if (item.textValue().isEmpty()) {
        fail(itemName, "must not be empty");
      } else if (isLongerThan(item.textValue(), maxLength)) {
        fail(itemName, "must be at most " + maxLength + " characters");
      } else {
        items.add(item.textValue());
      }
    }
    return List.copyOf(items);
  }

  /** Records a failure for a field of this object. */
  public void fail(String name, String message) {
    errors.add(new FieldError(path(name), message));
  }

  public boolean isValid() {
    return errors.isEmpty();
  }

  /**
   * Ends validation.
   *
   * @throws ApiException {@code invalid_request} listing every failure recorded so far
   */
  public void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw ApiException.invalidRequest(errors);
    }
  }

  private JsonNode given(String name) {
    JsonNode value = object.get(name);
    return value == null || value.isNull() ? null : value;
  }

  private String path(String name) {
    return prefix + name;
  }

  /** Whether {@code s} has more than {@code limit} code points; short strings are not counted. */
  private static boolean isLongerThan(String s, int limit) {
    return s.length() > limit && s.codePointCount(0, s.length()) > limit;
  }

  private static boolean isWhole(JsonNode value) {
    if (value.isIntegralNumber()) {
      return true;
    }
    java.math.BigDecimal decimal = value.decimalValue();
    return decimal.signum() == 0 || decimal.stripTrailingZeros().scale() <= 0;
  }
}
