package com.usagetap.compression.toon;

import java.util.SplittableRandom;

/**
 * Random strings, keys and number texts for the differential test, weighted towards what TOON must
 * quote or format with care: delimiters, colons, quotes, brackets, leading and trailing spaces,
 * control characters, emoji, and strings that read as numbers, booleans or null.
 *
 * <p>Two kinds of text are never produced, because the reference cannot see them as the document
 * says (see {@link ToonEncoder}): unpaired surrogates, and numbers a double does not hold exactly
 * as written. Decimals carry at most 15 significant digits within the double range, so the shortest
 * decimal of the parsed double has those same digits; integers stay within ±2^53.
 */
final class RandomText {
  private static final String[] PIECES = {
    "hello",
    "Ada Lovelace",
    " lead",
    "trail ",
    " both ",
    "x:y",
    "say \"hi\"",
    "back\\slash",
    "a,b",
    "a|b",
    "a\tb",
    "line\nbreak",
    "cr\rlf",
    "nul\u0000",
    "unit\u001f",
    "del\u007f",
    "émoji 👋",
    "🎉",
    "日本語",
    "true",
    "false",
    "null",
    "True",
    "NULL",
    "42",
    "-3.14",
    "05",
    "+1",
    "1e-6",
    "1E5",
    ".5",
    "1.",
    "0x10",
    "1_000",
    "Infinity",
    "NaN",
    "-0",
    "-",
    "-x",
    "- item",
    "#",
    "#tag",
    "a#b",
    "[x]",
    "{y}",
    "a]b",
    "",
    " ",
    "\u00a0nbsp",
    "line\u2028sep",
    "\uFEFFbom",
    "[2]: a,b",
    "key: value",
    "- [1]: x",
    "a.b.c",
    "tab\tand|pipe,comma"
  };
  private static final String SPECIAL = " :,|\t\"\\[]{}-#\n\r\u0000\u001f\u007f.+eE";
  private static final String[] ODD_KEYS = {
    "my-key",
    "a b",
    "x:y",
    "",
    " ",
    "ключ",
    "1a",
    "a\"b",
    "tab\tkey",
    "a,b",
    "a|b",
    "[x]",
    "{y}",
    "-dash",
    "#hash",
    "null",
    "true",
    "1.5",
    "1e3",
    "007",
    "-1",
    "4294967294",
    "4294967295",
    "__proto__",
    "constructor",
    "toJSON",
    "a.b",
    "_",
    "😀",
    "line\nkey"
  };
  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_";
  private static final String KEY_CHARS = LETTERS + "0123456789.";

  private final SplittableRandom random;

  RandomText(SplittableRandom random) {
    this.random = random;
  }

  String string() {
    return switch (random.nextInt(10)) {
      case 0, 1, 2 -> word();
      case 3, 4 -> pick(PIECES);
      case 5, 6 -> pick(PIECES) + (random.nextBoolean() ? word() : pick(PIECES));
      case 7 -> number();
      default -> characters(random.nextInt(9));
    };
  }

  String key() {
    return switch (random.nextInt(10)) {
      case 0, 1, 2, 3, 4 -> identifier();
      case 5, 6 -> pick(ODD_KEYS);
      case 7 -> Integer.toString(random.nextInt(random.nextBoolean() ? 10 : 1000));
      default -> string();
    };
  }

  String number() {
    return switch (random.nextInt(8)) {
      case 0 -> Integer.toString(random.nextInt(-1000, 1001));
      case 1 -> Long.toString(random.nextLong(-(1L << 53), (1L << 53) + 1));
      case 2 -> pick(new String[] {"0", "-0", "0.0", "-0.0", "0e0", "0E+5", "-0.000", "0.00e-3"});
      default -> decimal();
    };
  }

  private String decimal() {
    StringBuilder digits = new StringBuilder().append((char) ('1' + random.nextInt(9)));
    int count = 1 + random.nextInt(15);
    for (int i = 1; i < count; i++) {
      digits.append((char) ('0' + random.nextInt(10)));
    }
    // The power of ten of the leading digit: often near the plain range's edges (1e-6, 1e21).
    int exponent =
        switch (random.nextInt(4)) {
          case 0, 1 -> random.nextInt(-9, 24);
          case 2 -> random.nextInt(-40, 41);
          default -> random.nextInt(-300, 301);
        };
    String sign = random.nextInt(4) == 0 ? "-" : "";
    if (Math.abs(exponent) <= 30 && random.nextBoolean()) {
      return sign + plain(digits.toString(), exponent);
    }
    return sign + scientific(digits.toString(), exponent);
  }

  private String plain(String digits, int exponent) {
    int point = exponent + 1;
    String text;
    if (point <= 0) {
      text = "0." + "0".repeat(-point) + digits;
    } else if (point >= digits.length()) {
      text = digits + "0".repeat(point - digits.length());
      return random.nextInt(4) == 0 ? text + ".0" : text;
    } else {
      text = digits.substring(0, point) + "." + digits.substring(point);
    }
    return text + "0".repeat(random.nextInt(3));
  }

  private String scientific(String digits, int exponent) {
    String mantissa;
    int written = exponent;
    if (random.nextInt(3) == 0) {
      mantissa = digits;
      written = exponent - (digits.length() - 1);
    } else if (digits.length() > 1) {
      mantissa = digits.charAt(0) + "." + digits.substring(1) + "0".repeat(random.nextInt(2));
    } else {
      mantissa = random.nextBoolean() ? digits : digits + ".0";
    }
    String e = random.nextBoolean() ? "e" : "E";
    String sign = written < 0 ? "-" : random.nextBoolean() ? "+" : "";
    String zeros = random.nextInt(8) == 0 ? "0" : "";
    return mantissa + e + sign + zeros + Math.abs(written);
  }

  private String word() {
    String[] words = {"alpha", "beta", "Gamma", "delta_2", "Bob Smith", "x", "über", "item 3"};
    return pick(words);
  }

  private String identifier() {
    StringBuilder key =
        new StringBuilder().append(LETTERS.charAt(random.nextInt(LETTERS.length())));
    int length = random.nextInt(8);
    for (int i = 0; i < length; i++) {
      key.append(KEY_CHARS.charAt(random.nextInt(KEY_CHARS.length())));
    }
    return key.toString();
  }

  private String characters(int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(5)) {
        case 0 -> text.append(SPECIAL.charAt(random.nextInt(SPECIAL.length())));
        case 1 -> text.append((char) ('a' + random.nextInt(26)));
        case 2 -> text.append((char) ('0' + random.nextInt(10)));
        case 3 -> text.appendCodePoint(bmpCodePoint());
        default -> text.appendCodePoint(random.nextInt(0x10000, 0x110000));
      }
    }
    return text.toString();
  }

  /** A BMP code point outside the surrogate block. */
  private int bmpCodePoint() {
    int codePoint = random.nextInt(0xA0, 0xFFFE);
    return Character.isSurrogate((char) codePoint) ? 0xFF0D : codePoint;
  }

  private String pick(String[] choices) {
    return choices[random.nextInt(choices.length)];
  }
}
