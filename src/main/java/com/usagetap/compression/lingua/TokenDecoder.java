package com.usagetap.compression.lingua;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code decoder} of a {@code tokenizer.json}: turns a list of token strings back into text, as
 * the HuggingFace tokenizers library (0.21) does in {@code convert_tokens_to_string}.
 *
 * <p>The reference applies it to strings that are not vocabulary tokens (merged words), so it
 * cannot be reached through token ids and is reproduced here. Decoding happens token by token; the
 * text is the concatenation of the pieces, and {@link #pieces} gives each token's piece so that
 * positions in the decoded text can be traced back to tokens.
 */
sealed interface TokenDecoder {

  /** Each token's contribution to the decoded text, in order. */
  List<String> pieces(List<String> tokens);

  default String decode(List<String> tokens) {
    return String.join("", pieces(tokens));
  }

  /**
   * Word-piece decoding: every token but the first gets a leading space unless it starts with the
   * prefix, which is then removed once; the first token is left as it is, prefix included. With
   * {@code cleanup}, each piece (not the joined text) has the library's fixed list of
   * space-before-punctuation replacements applied, in order.
   */
  record WordPiece(String prefix, boolean cleanup) implements TokenDecoder {
    @Override
    public List<String> pieces(List<String> tokens) {
      List<String> pieces = new ArrayList<>(tokens.size());
      for (int i = 0; i < tokens.size(); i++) {
        String token = tokens.get(i);
        if (i != 0) {
          token = token.startsWith(prefix) ? token.substring(prefix.length()) : " " + token;
        }
        pieces.add(cleanup ? cleanup(token) : token);
      }
      return pieces;
    }

    static String cleanup(String piece) {
      if (!needsCleanup(piece)) {
        return piece;
      }
      return piece
          .replace(" .", ".")
          .replace(" ?", "?")
          .replace(" !", "!")
          .replace(" ,", ",")
          .replace(" ' ", "'")
          .replace(" n't", "n't")
          .replace(" 'm", "'m")
          .replace(" do not", " don't")
          .replace(" 's", "'s")
          .replace(" 've", "'ve")
          .replace(" 're", "'re");
    }

    /**
     * Whether any replacement can apply: each pattern is a space followed by one of {@code
     * .?!,'nd}. Most pieces are a space and a word, so this saves eleven scans of each.
     */
    private static boolean needsCleanup(String piece) {
      for (int i = piece.indexOf(' ');
          i >= 0 && i + 1 < piece.length();
          i = piece.indexOf(' ', i + 1)) {
        switch (piece.charAt(i + 1)) {
          case '.', '?', '!', ',', '\'', 'n', 'd' -> {
            return true;
          }
          default -> {}
        }
      }
      return false;
    }
  }

  /**
   * Metaspace decoding: every replacement character becomes a space, except in the first token,
   * where every one of them is removed (not only the leading one) unless the prepend scheme is
   * {@code never}.
   */
  record Metaspace(char replacement, boolean prependsSpace) implements TokenDecoder {
    @Override
    public List<String> pieces(List<String> tokens) {
      List<String> pieces = new ArrayList<>(tokens.size());
      for (int i = 0; i < tokens.size(); i++) {
        String token = tokens.get(i);
        if (i == 0 && prependsSpace) {
          pieces.add(token.replace(String.valueOf(replacement), ""));
        } else {
          pieces.add(token.replace(replacement, ' '));
        }
      }
      return pieces;
    }
  }
}
