package com.usagetap.compression.testing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts the exact bytes of values out of a serialised JSON object, so that a test can compare what
 * the service wrote with what it was sent byte for byte, rather than a re-serialised tree.
 */
public final class JsonSpans {
  private JsonSpans() {}

  /** The bytes of the top-level field {@code name}, or null when the object has no such field. */
  public static byte[] field(byte[] json, String name) {
    List<byte[]> spans = spans(json, name, false);
    return spans.isEmpty() ? null : spans.getFirst();
  }

  /** The bytes of each element of the top-level array field {@code name}, in order. */
  public static List<byte[]> elements(byte[] json, String name) {
    return spans(json, name, true);
  }

  private static List<byte[]> spans(byte[] json, String name, boolean elements) {
    List<byte[]> spans = new ArrayList<>();
    try (JsonParser parser = Json.mapper().getFactory().createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new AssertionError("not a JSON object");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        boolean wanted = parser.currentName().equals(name);
        JsonToken value = parser.nextToken();
        if (!wanted) {
          parser.skipChildren();
          continue;
        }
        if (!elements) {
          spans.add(valueBytes(json, parser));
          return spans;
        }
        if (value != JsonToken.START_ARRAY) {
          throw new AssertionError(name + " is not an array");
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          spans.add(valueBytes(json, parser));
        }
        return spans;
      }
      return spans;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] valueBytes(byte[] json, JsonParser parser) throws IOException {
    int start = (int) parser.currentTokenLocation().getByteOffset();
    parser.skipChildren();
    parser.finishToken();
    int end = (int) parser.currentLocation().getByteOffset();
    return Arrays.copyOfRange(json, start, end);
  }
}
