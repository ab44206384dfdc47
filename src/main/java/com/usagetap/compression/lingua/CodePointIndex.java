package com.usagetap.compression.lingua;

/**
 * Converts code point offsets, which the tokenizers library reports, into the UTF-16 indices Java
 * strings use. Text without surrogate pairs maps one to one and needs no table.
 */
final class CodePointIndex {
  private final int[] utf16;

  private CodePointIndex(int[] utf16) {
    this.utf16 = utf16;
  }

  static CodePointIndex of(String text) {
    int codePoints = text.codePointCount(0, text.length());
    if (codePoints == text.length()) {
      return new CodePointIndex(null);
    }
    int[] table = new int[codePoints + 1];
    int index = 0;
    for (int cp = 0; cp < codePoints; cp++) {
      table[cp] = index;
      index += Character.charCount(text.codePointAt(index));
    }
    table[codePoints] = index;
    return new CodePointIndex(table);
  }

  int toUtf16(int codePointOffset) {
    return utf16 == null ? codePointOffset : utf16[codePointOffset];
  }
}
