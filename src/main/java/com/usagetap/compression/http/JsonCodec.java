package com.usagetap.compression.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Strict JSON for request bodies, and the one serializer for responses.
 *
 * <p>A body is rejected as {@code invalid_json} when it is not UTF-8 (RFC 8259, section 8.1: no
 * overlong forms or encoded surrogates, and no UTF-16 or UTF-32 text, which the parser would
 * otherwise detect and accept; a leading byte order mark is ignored), is empty or malformed, has
 * anything after the top-level value, repeats a key in one object, nests deeper than {@value
 * #MAX_DEPTH} levels, holds a string with a lone UTF-16 surrogate written as an escape such as
 * {@code "\ud800"}, or a number whose exponent {@code BigDecimal} cannot hold. Numbers keep the
 * text the client sent: they are read as exact {@code BigDecimal} values and written back byte for
 * byte ({@link RawNumberNode}).
 */
public final class JsonCodec {
  /** Deepest nesting accepted; one more level is {@code invalid_json}. */
  public static final int MAX_DEPTH = 64;

  /** Longest number accepted, in characters. */
  public static final int MAX_NUMBER_LENGTH = 10_000;

  private final ObjectMapper mapper;

  public JsonCodec() {
    JsonFactory factory =
        JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Characters outside the BMP are written as UTF-8, not as a pair of escapes.
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
            .build();
    this.mapper = JsonMapper.builder(factory).build();
  }

  /** A fresh, empty object node for building responses. */
  public ObjectNode object() {
    return mapper.createObjectNode();
  }

  /**
   * Parses a request body that must be one JSON object.
   *
   * @throws ApiException {@code invalid_json} for any of the faults listed on the class, and {@code
   *     invalid_request} when the body is valid JSON but not an object
   */
  public ObjectNode parseObject(byte[] body) {
    String text = decodeUtf8(body);
    JsonNode root;
    try (JsonParser parser = mapper.createParser(text)) {
      root = readDocument(parser);
    } catch (StreamConstraintsException e) {
      throw new ApiException(ErrorCode.INVALID_JSON, limitMessage(e));
    } catch (NumberFormatException e) {
      // Well-formed, but an exponent such as 1e9999999999 is beyond what BigDecimal can hold.
      throw new ApiException(ErrorCode.INVALID_JSON, "Number out of range in the request body.");
    } catch (JsonProcessingException e) {
      throw new ApiException(ErrorCode.INVALID_JSON, malformedMessage(e));
    } catch (IOException e) {
      throw new ApiException(ErrorCode.INVALID_JSON, "Malformed JSON: " + e.getMessage());
    }
    if (root == null) {
      throw new ApiException(ErrorCode.INVALID_JSON, "Request body is empty.");
    }
    rejectLoneSurrogates(root, 0);
    if (!root.isObject()) {
      throw ApiException.invalidRequest(
          java.util.List.of(
              new ApiException.FieldError("body", "must be a JSON object, not " + kind(root))));
    }
    return (ObjectNode) root;
  }

  /** Serializes a response value; response trees are built by this service, so this is total. */
  public byte[] write(JsonNode value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Where and, in a few words, why a body is not JSON. The parser's own message is not passed on:
   * it names parser settings and quotes up to a few hundred characters of the body.
   */
  static String malformedMessage(JsonProcessingException e) {
    String detail = String.valueOf(e.getOriginalMessage());
    String reason;
    if (detail.startsWith("Duplicate field")) {
      reason = "a key is repeated in one object";
    } else if (detail.startsWith("Unexpected end-of-input")) {
      reason = "the body ends before the JSON value does";
    } else if (detail.contains("Illegal unquoted character")) {
      reason = "a control character must be escaped inside a string";
    } else if (detail.contains("Non-standard token") || detail.contains("Unrecognized token")) {
      reason = "a token is not JSON (NaN, Infinity and bare words are not allowed)";
    } else {
      reason = "unexpected character";
    }
    var location = e.getLocation();
    return location == null
        ? "Malformed JSON: " + reason + "."
        : "Malformed JSON at line "
            + location.getLineNr()
            + ", column "
            + location.getColumnNr()
            + ": "
            + reason
            + ".";
  }

  /** Names the parser limit a body broke: nesting depth or the length of one number. */
  private static String limitMessage(StreamConstraintsException e) {
    String detail = String.valueOf(e.getOriginalMessage());
    if (detail.contains("nesting")) {
      return "Request body nests deeper than " + MAX_DEPTH + " levels.";
    }
    if (detail.contains("Number")) {
      return "Request body has a number longer than " + MAX_NUMBER_LENGTH + " characters.";
    }
    return "Request body exceeds a parser limit.";
  }

  /** Short JSON type name of a node, for validation messages. */
  public static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> "an unsupported value";
    };
  }

  private static String decodeUtf8(byte[] body) {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body))
              .toString();
    } catch (CharacterCodingException e) {
      throw new ApiException(ErrorCode.INVALID_JSON, "Request body is not valid UTF-8.");
    }
    // RFC 8259, section 8.1: a parser may ignore a leading byte order mark.
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** The one value of a document, or null when it has none. */
  private JsonNode readDocument(JsonParser parser) throws IOException {
    if (parser.nextToken() == null) {
      return null;
    }
    JsonNode root = readValue(parser);
    if (parser.nextToken() != null) {
      throw new ApiException(
          ErrorCode.INVALID_JSON, "Malformed JSON: content after the top-level value.");
    }
    return root;
  }

  /** The tree of the value at the parser's current token; numbers keep their source text. */
  private JsonNode readValue(JsonParser parser) throws IOException {
    JsonNodeFactory nodes = mapper.getNodeFactory();
    JsonToken token = parser.currentToken();
    return switch (token) {
      case START_OBJECT -> {
        ObjectNode object = nodes.objectNode();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          object.set(name, readValue(parser));
        }
        yield object;
      }
      case START_ARRAY -> {
        ArrayNode array = nodes.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(readValue(parser));
        }
        yield array;
      }
      case VALUE_STRING -> nodes.textNode(parser.getText());
      case VALUE_NUMBER_INT -> new RawNumberNode(parser.getText(), true);
      case VALUE_NUMBER_FLOAT -> new RawNumberNode(parser.getText(), false);
      case VALUE_TRUE -> nodes.booleanNode(true);
      case VALUE_FALSE -> nodes.booleanNode(false);
      case VALUE_NULL -> nodes.nullNode();
      default -> throw new IllegalStateException("JSON parser produced " + token);
    };
  }

  private static void rejectLoneSurrogates(JsonNode node, int depth) {
    if (node.isTextual()) {
      checkText(node.textValue());
    } else if (node.isArray()) {
      for (JsonNode item : node) {
        rejectLoneSurrogates(item, depth + 1);
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        checkText(field.getKey());
        rejectLoneSurrogates(field.getValue(), depth + 1);
      }
    }
  }

  private static void checkText(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new ApiException(
            ErrorCode.INVALID_JSON, "String contains a lone UTF-16 surrogate at index " + i + ".");
      }
    }
  }
}
