package com.usagetap.compression.toon;

import java.util.regex.Pattern;

/**
 * When strings and keys are quoted, and how quoted text is escaped (TOON specification §7).
 *
 * <p>A string value is written bare unless §7.2 lists a reason to quote it: it is empty, has a
 * leading or trailing space or tab, reads as {@code true}, {@code false}, {@code null} or a number
 * ({@code 05}, {@code +1} and {@code 1e-6} included), contains a colon, quote, backslash, bracket,
 * brace, control character or the delimiter in force, or starts with {@code -} or {@code #}. A key
 * is written bare only when it matches {@code [A-Za-z_][A-Za-z0-9_.]*} (§7.3).
 *
 * <p>Quoted text escapes backslash, quote, newline, carriage return and tab with a backslash and
 * the other characters below U+0020 as a backslash, {@code u} and four lowercase hex digits (§7.1);
 * everything else, emoji included, is written as is.
 */
final class Quoting {
  // ASCII digits only: java.util.regex's \d is ASCII unless UNICODE_CHARACTER_CLASS is set.
  private static final Pattern NUMERIC_LIKE =
      Pattern.compile("[+-]?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?");
  private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Quoting() {}

  /** A string value as written where {@code delimiter} is in force: bare when safe, else quoted. */
  static String value(String text, char delimiter) {
    return isSafeBare(text, delimiter) ? text : quote(text);
  }

  /** A key or field name: bare when it matches the key pattern, else quoted. */
  static String key(String key) {
    return BARE_KEY.matcher(key).matches() ? key : quote(key);
  }

  /** {@code text} in double quotes, escaped. */
  static String quote(String text) {
    StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> quoted.append("\\\\");
        case '"' -> quoted.append("\\\"");
        case '\n' -> quoted.append("\\n");
        case '\r' -> quoted.append("\\r");
        case '\t' -> quoted.append("\\t");
        default -> {
          if (c < 0x20) {
            quoted.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }

  /** Whether §7.2 lets {@code text} stand unquoted where {@code delimiter} is in force. */
  static boolean isSafeBare(String text, char delimiter) {
    if (text.isEmpty()) {
      return false;
    }
    char first = text.charAt(0);
    char last = text.charAt(text.length() - 1);
    if (isSpaceOrTab(first) || isSpaceOrTab(last) || first == '-' || first == '#') {
      return false;
    }
    if (text.equals("true") || text.equals("false") || text.equals("null")) {
      return false;
    }
    if (NUMERIC_LIKE.matcher(text).matches()) {
      return false;
    }

    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == delimiter || isStructural(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isSpaceOrTab(char c) {
    return c == ' ' || c == '\t';
  }

  private static boolean isStructural(char c) {
    return switch (c) {
      case ':', '"', '\\', '[', ']', '{', '}' -> true;
      default -> false;
    };
  }
}
