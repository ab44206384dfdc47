package com.usagetap.compression.lingua;

import java.util.List;
import java.util.Set;

/**
 * The two tokenizer families LLMLingua-2 models come in, and the word rules the reference applies
 * to each.
 *
 * <p>The reference picks the rules by a substring of the model's name ({@code
 * bert-base-multilingual-cased} or {@code xlm-roberta-large}); here the family is read from {@code
 * tokenizer.json}, which is what actually decides how tokens look.
 *
 * <ul>
 *   <li>{@link #WORDPIECE}: a token continues the previous word when it starts with {@code ##}. A
 *       token's "pure" form strips every leading {@code #} character (the reference strips the
 *       character set, not the prefix, so a lone {@code #} token has an empty pure form).
 *   <li>{@link #METASPACE}: a token starts a word when it starts with {@code ▁}, or when it is a
 *       substring of Python's {@code string.punctuation} (the reference tests {@code token in
 *       string.punctuation}, a substring test, so {@code "()"} and {@code "./"} count). Its pure
 *       form strips every leading {@code ▁}.
 * </ul>
 *
 * In both, a token whose pure form is a force token or one of the added {@code [NEWi]} tokens also
 * starts a word. For the metaspace family the comparison is on the raw token instead.
 */
public enum TokenizerFamily {
  WORDPIECE('#'),
  METASPACE('▁');

  /** Python's {@code string.punctuation}, in its order: the substring test depends on it. */
  static final String PYTHON_PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

  private final char marker;

  TokenizerFamily(char marker) {
    this.marker = marker;
  }

  /** The token with every leading marker character removed. */
  String pure(String token) {
    int i = 0;
    while (i < token.length() && token.charAt(i) == marker) {
      i++;
    }
    return token.substring(i);
  }

  /** Whether {@code token} starts a new word rather than continuing the previous one. */
  boolean beginsWord(String token, List<String> forceTokens, Set<String> addedTokens) {
    return switch (this) {
      case WORDPIECE -> {
        String pure = pure(token);
        if (forceTokens.contains(pure) || addedTokens.contains(pure)) {
          yield true;
        }
        yield !token.startsWith("##");
      }
      case METASPACE ->
          PYTHON_PUNCTUATION.contains(token)
              || forceTokens.contains(token)
              || addedTokens.contains(token)
              || token.startsWith("▁");
    };
  }

  /**
   * The word as the reference reports it in its word list: metaspace words lose their leading
   * {@code ▁} (after the compressed string has been built from them), word-piece words are as
   * merged.
   */
  String reported(String word) {
    return this == METASPACE ? pure(word) : word;
  }
}
