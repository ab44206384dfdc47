package com.usagetap.compression.lingua;

import com.usagetap.compression.compress.KeptSpans;
import com.usagetap.compression.tokens.TokenCounter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Locates the reference's keep decisions on one text in that text, for the endpoints that build
 * their output from the original characters: spans in order, never overlapping, with nothing but
 * whitespace between them, and whether each is kept.
 *
 * <p>Every word the model judged is traced back to the characters it came from: a position of a
 * chunk's re-tokenized text falls in one token's decoded piece, and that token has a span in the
 * text (through the force-token replacement). Spans are trimmed of whitespace; words that land on
 * the same characters (where re-tokenizing a chunk split a token differently) are merged, kept when
 * any of them is. Characters no word covers, which the reference drops as unknown tokens, are kept:
 * this API never loses what it cannot judge.
 */
final class OriginalSpans {
  private final ModelTokenizer tokenizer;
  private final ChunkScorer scorer;
  private final TokenCounter cl100k;

  OriginalSpans(ModelTokenizer tokenizer, ChunkScorer scorer, TokenCounter cl100k) {
    this.tokenizer = tokenizer;
    this.scorer = scorer;
    this.cl100k = cl100k;
  }

  KeptSpans decide(
      String text,
      double rate,
      List<String> forceTokens,
      boolean reserveDigit,
      boolean dropConsecutive,
      InferencePool.Inference inference) {
    ForceTokens force = ForceTokens.prepare(forceTokens, tokenizer);
    Replacement replaced = Replacement.of(text, force.mapping());
    ModelTokenizer.Tokens tokens = tokenizer.tokenize(replaced.text());
    List<Chunking.Chunk> chunks =
        Chunking.chunks(tokens.strings(), force.chunkEnds(), tokenizer.decoder());
    List<List<ChunkScores>> scores = new ArrayList<>();
    List<ChunkScorer.Framed> framed = new ArrayList<>();
    scorer.score(List.of(chunks), force, reserveDigit, inference, scores, framed);
    double reduce = Math.max(0, 1 - rate);

    List<int[]> units = new ArrayList<>();
    for (int c = 0; c < chunks.size(); c++) {
      Chunking.Chunk chunk = chunks.get(c);
      ChunkScores chunkScores = scores.getFirst().get(c);
      ChunkScorer.Framed f = framed.get(c);
      boolean[] labels;
      if (reduce <= 0) {
        labels = new boolean[chunkScores.size()];
        Arrays.fill(labels, true);
      } else {
        labels = ChunkDecision.decide(chunkScores, force, dropConsecutive, reduce, cl100k).labels();
      }
      for (int w = 0; w < chunkScores.size(); w++) {
        int from = f.starts()[chunkScores.firstPositions()[w]];
        int to = f.ends()[chunkScores.lastPositions()[w]];
        if (to <= from || chunk.pieceStarts().length == 0) {
          continue;
        }
        int firstToken = chunk.tokenAt(from);
        int lastToken = chunk.tokenAt(to - 1);
        int replacedStart = tokens.starts()[firstToken];
        int replacedEnd = tokens.ends()[lastToken];
        if (replacedEnd <= replacedStart) {
          continue;
        }
        int start = replaced.originStart(replacedStart);
        int end = replaced.originEnd(replacedEnd - 1);
        while (start < end && KeptSpans.isBlank(text.charAt(start))) {
          start++;
        }
        while (end > start && KeptSpans.isBlank(text.charAt(end - 1))) {
          end--;
        }
        if (end > start) {
          units.add(new int[] {start, end, labels[w] ? 1 : 0});
        }
      }
    }
    return KeptSpans.of(text, units);
  }
}
