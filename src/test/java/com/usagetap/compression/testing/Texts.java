package com.usagetap.compression.testing;

/** Predicates on texts that the compression contract is stated in. */
public final class Texts {
  private Texts() {}

  /** Whether every code point of {@code part} occurs in {@code whole}, in the same order. */
  public static boolean isSubsequence(String part, String whole) {
    int[] needle = part.codePoints().toArray();
    int found = 0;
    for (int cp : (Iterable<Integer>) whole.codePoints()::iterator) {
      if (found < needle.length && needle[found] == cp) {
        found++;
      }
    }
    return found == needle.length;
  }
}
