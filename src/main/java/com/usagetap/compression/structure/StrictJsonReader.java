package com.usagetap.compression.structure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The parser behind {@link EmbeddedJson}: a recursive descent over the grammar of RFC 8259,
 * sections 2 to 7, that builds the tree, the minified text and the two fault flags in one pass.
 *
 * <p>Design: a hand-written reader rather than Jackson's streaming parser, for two exact figures
 * that parser does not give: where each literal ends in the source, which the minified text copies
 * it from (Jackson reads strings lazily and reports where a token starts), and how many characters
 * a failed attempt read, which {@link JsonSpanDetector} counts against its work bound. Each
 * character is read once; the reader stops at the first character that cannot continue a value, and
 * {@link Outcome#examined()} says how far that was.
 */
final class StrictJsonReader {
  /** The value read, or null when the span is not JSON, and how many characters were read. */
  record Outcome(EmbeddedJson json, int examined) {}

  /** Thrown at the first character that breaks the grammar or a bound; carries no stack trace. */
  private static final class NotJson extends Exception {
    NotJson() {
      super(null, null, false, false);
    }
  }

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String text;
  private final int end;
  private final StringBuilder minified = new StringBuilder();
  private final StringBuilder decoded = new StringBuilder();
  private int pos;
  private boolean duplicateKeys;
  private boolean loneSurrogates;

  private StrictJsonReader(String text, int start, int end) {
    this.text = text;
    this.end = end;
    this.pos = start;
  }

  /** Reads {@code text[start, end)} as one JSON-text; the range must lie within the text. */
  static Outcome read(String text, int start, int end) {
    if (end - start > EmbeddedJson.MAX_LENGTH) {
      return new Outcome(null, 0);
    }

    StrictJsonReader reader = new StrictJsonReader(text, start, end);
    try {
      reader.skipWhitespace();
      JsonNode value = reader.value(0);
      reader.skipWhitespace();
      if (reader.pos != end) {
        throw new NotJson();
      }
      EmbeddedJson json =
          new EmbeddedJson(
              value, reader.minified.toString(), reader.duplicateKeys, reader.loneSurrogates);
      return new Outcome(json, end - start);
    } catch (NotJson e) {
      // The offending character was read too, unless the span ran out first.
      return new Outcome(null, Math.min(reader.pos + 1, end) - start);
    }
  }

  /** The value starting at {@link #pos}, inside {@code depth} enclosing arrays and objects. */
  private JsonNode value(int depth) throws NotJson {
    return switch (peek()) {
      case '{' -> object(depth + 1);
      case '[' -> array(depth + 1);
      case '"' -> NODES.textNode(string());
      case 't' -> literal("true", BooleanNode.TRUE);
      case 'f' -> literal("false", BooleanNode.FALSE);
      case 'n' -> literal("null", NullNode.getInstance());
      default -> number();
    };
  }

  private ObjectNode object(int depth) throws NotJson {
    if (depth > EmbeddedJson.MAX_DEPTH) {
      throw new NotJson();
    }
    consume('{');
    ObjectNode object = NODES.objectNode();
    skipWhitespace();
    if (peek() == '}') {
      consume('}');
      return object;
    }

    while (true) {
      if (peek() != '"') {
        throw new NotJson();
      }
      String key = string();
      skipWhitespace();
      consume(':');
      skipWhitespace();
      JsonNode member = value(depth);
      // RFC 8259, section 4: names "SHOULD be unique"; the text is kept, so only note it.
      duplicateKeys |= object.has(key);
      object.set(key, member);
      skipWhitespace();
      if (peek() == '}') {
        consume('}');
        return object;
      }
      consume(',');
      skipWhitespace();
    }
  }

  private ArrayNode array(int depth) throws NotJson {
    if (depth > EmbeddedJson.MAX_DEPTH) {
      throw new NotJson();
    }
    consume('[');
    ArrayNode array = NODES.arrayNode();
    skipWhitespace();
    if (peek() == ']') {
      consume(']');
      return array;
    }

    while (true) {
      array.add(value(depth));
      skipWhitespace();
      if (peek() == ']') {
        consume(']');
        return array;
      }
      consume(',');
      skipWhitespace();
    }
  }

  /** Reads a string literal, copies it as written to the minified text and returns it unescaped. */
  private String string() throws NotJson {
    int literalStart = pos;
    pos++;
    decoded.setLength(0);
    while (true) {
      int c = peek();
      if (c == '"') {
        break;
      }
      // RFC 8259, section 7: characters below U+0020 must be escaped; the end of span is -1.
      if (c < 0x20) {
        throw new NotJson();
      }
      pos++;
      if (c == '\\') {
        decoded.append(escape());
      } else {
        decoded.append((char) c);
      }
    }
    pos++;
    minified.append(text, literalStart, pos);

    String value = decoded.toString();
    loneSurrogates |= hasLoneSurrogate(value);
    return value;
  }

  /** The character an escape stands for; {@link #pos} is just after its backslash. */
  private char escape() throws NotJson {
    int c = peek();
    if (c == 'u') {
      pos++;
      int code = 0;
      for (int i = 0; i < 4; i++) {
        int digit = hexDigit(peek());
        if (digit < 0) {
          throw new NotJson();
        }
        code = code * 16 + digit;
        pos++;
      }
      return (char) code;
    }

    char escaped =
        switch (c) {
          case '"' -> '"';
          case '\\' -> '\\';
          case '/' -> '/';
          case 'b' -> '\b';
          case 'f' -> '\f';
          case 'n' -> '\n';
          case 'r' -> '\r';
          case 't' -> '\t';
          default -> throw new NotJson();
        };
    pos++;
    return escaped;
  }

  private JsonNode number() throws NotJson {
    int literalStart = pos;
    if (peek() == '-') {
      pos++;
    }
    // RFC 8259, section 6: no leading zeros, and digits on both sides of a point.
    if (peek() == '0') {
      pos++;
    } else {
      digits();
    }
    boolean integral = true;
    if (peek() == '.') {
      integral = false;
      pos++;
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      integral = false;
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      digits();
    }
    if (pos - literalStart > EmbeddedJson.MAX_NUMBER_LENGTH) {
      throw new NotJson();
    }

    String literal = text.substring(literalStart, pos);
    minified.append(literal);
    try {
      return integral
          ? BigIntegerNode.valueOf(new BigInteger(literal))
          : DecimalNode.valueOf(new BigDecimal(literal));
    } catch (NumberFormatException e) {
      // Well-formed, but the exponent is beyond an int, which BigDecimal cannot hold.
      throw new NotJson();
    }
  }

  /** Reads one or more ASCII digits. */
  private void digits() throws NotJson {
    if (!isDigit(peek())) {
      throw new NotJson();
    }
    while (isDigit(peek())) {
      pos++;
    }
  }

  private JsonNode literal(String word, JsonNode node) throws NotJson {
    for (int i = 0; i < word.length(); i++) {
      if (peek() != word.charAt(i)) {
        throw new NotJson();
      }
      pos++;
    }
    minified.append(word);
    return node;
  }

  /** Reads {@code c}, a structural character, into the minified text. */
  private void consume(char c) throws NotJson {
    if (peek() != c) {
      throw new NotJson();
    }
    pos++;
    minified.append(c);
  }

  /** Skips RFC 8259 whitespace: space, tab, line feed and carriage return, nothing else. */
  private void skipWhitespace() {
    while (true) {
      int c = peek();
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  /** The character at {@link #pos}, or -1 at the end of the span. */
  private int peek() {
    return pos < end ? text.charAt(pos) : -1;
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  /** The value of an ASCII hex digit, or -1; {@link Character#digit} would take other scripts'. */
  private static int hexDigit(int c) {
    if (isDigit(c)) {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
