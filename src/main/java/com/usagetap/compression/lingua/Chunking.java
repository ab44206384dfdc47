package com.usagetap.compression.lingua;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Cuts a text into chunks the model can take, as the reference does.
 *
 * <p>The text's tokens are walked in windows of {@value #WINDOW} (two of the model's 512 positions
 * are left for the start and end tokens). When the rest of the text, less one token, fits in a
 * window it is the last chunk. Otherwise the chunk ends at the last chunk-end token at or before
 * position {@code start + 510}, searching back to {@code start + 1}; with none it ends at {@code
 * start + 510}. That chunk holds {@code end - start + 1} tokens, up to 511, so the framed sequence
 * can reach 513 and lose its end token to truncation; that is the reference's behaviour and is
 * kept. Each chunk is given to the model as the decoder's text of its tokens, not as the original
 * characters.
 */
final class Chunking {
  static final int WINDOW = 510;

  private Chunking() {}

  /** A chunk: its decoded text, the token range it came from and each token's decoded piece. */
  @SuppressWarnings("ArrayRecordComponent") // internal carrier of per-token arrays; never compared
  record Chunk(String text, int firstToken, int endToken, int[] pieceStarts) {
    /** The token (index into the text's tokens) whose piece holds {@code offset} of the text. */
    int tokenAt(int offset) {
      int found = Arrays.binarySearch(pieceStarts, offset);
      int piece = found >= 0 ? found : -found - 2;
      // Empty pieces share a start with the next; take the last piece starting there.
      while (piece + 1 < pieceStarts.length && pieceStarts[piece + 1] == offset) {
        piece++;
      }
      return firstToken + Math.max(0, Math.min(piece, endToken - firstToken - 1));
    }
  }

  static List<Chunk> chunks(String[] tokens, Set<String> chunkEnds, TokenDecoder decoder) {
    int n = tokens.length;
    List<Chunk> chunks = new ArrayList<>();
    int start = 0;
    while (start < n) {
      if (start + WINDOW > n - 1) {
        chunks.add(chunk(tokens, start, n, decoder));
        break;
      }
      int end = start + WINDOW;
      for (int j = 0; j < WINDOW; j++) {
        if (chunkEnds.contains(tokens[start + WINDOW - j])) {
          end = start + WINDOW - j;
          break;
        }
      }
      chunks.add(chunk(tokens, start, end + 1, decoder));
      start = end + 1;
    }
    return chunks;
  }

  private static Chunk chunk(String[] tokens, int from, int to, TokenDecoder decoder) {
    List<String> pieces = decoder.pieces(Arrays.asList(tokens).subList(from, to));
    int[] starts = new int[pieces.size()];
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < pieces.size(); i++) {
      starts[i] = text.length();
      text.append(pieces.get(i));
    }
    return new Chunk(text.toString(), from, to, starts);
  }
}
