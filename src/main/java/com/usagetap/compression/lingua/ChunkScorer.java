package com.usagetap.compression.lingua;

import java.util.ArrayList;
import java.util.List;

/**
 * Frames chunks as the reference's dataset does (rule 2 of {@link LinguaCompressor}), runs the
 * model on them through the inference pool and merges the tokens into words.
 */
final class ChunkScorer {
  /** The model's sequence length, start and end tokens included. */
  static final int MAX_POSITIONS = 512;

  private final ModelTokenizer tokenizer;

  ChunkScorer(ModelTokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  /** A chunk's text framed for the model, with each position's span in the chunk's text. */
  @SuppressWarnings("ArrayRecordComponent") // internal carrier of per-token arrays; never compared
  record Framed(int[] ids, boolean[] attended, int[] starts, int[] ends) {}

  Framed frame(String chunkText) {
    ModelTokenizer.Tokens tokens = tokenizer.tokenize(chunkText);
    int length = Math.min(MAX_POSITIONS, tokens.size() + 2);
    int[] ids = new int[length];
    boolean[] attended = new boolean[length];
    int[] starts = new int[length];
    int[] ends = new int[length];
    for (int p = 0; p < length; p++) {
      String token;
      if (p == 0) {
        token = "[CLS]";
      } else if (p == tokens.size() + 1) {
        token = "[SEP]";
      } else {
        token = tokens.strings()[p - 1];
        starts[p] = tokens.starts()[p - 1];
        ends[p] = tokens.ends()[p - 1];
      }
      ids[p] = tokenizer.idOf(token);
      attended[p] = !token.equals("[PAD]");
    }
    return new Framed(ids, attended, starts, ends);
  }

  List<List<ChunkScores>> score(
      List<List<Chunking.Chunk>> contexts,
      ForceTokens force,
      boolean reserveDigit,
      InferencePool.Inference inference) {
    List<List<ChunkScores>> scores = new ArrayList<>(contexts.size());
    score(contexts, force, reserveDigit, inference, scores, null);
    return scores;
  }

  /**
   * Frames every chunk, runs the model on all of them in one pool call and merges each into words;
   * the framed inputs are handed back too when {@code framedOut} is given.
   */
  void score(
      List<List<Chunking.Chunk>> contexts,
      ForceTokens force,
      boolean reserveDigit,
      InferencePool.Inference inference,
      List<List<ChunkScores>> scoresOut,
      List<Framed> framedOut) {
    List<Framed> framed = new ArrayList<>();
    for (List<Chunking.Chunk> chunks : contexts) {
      for (Chunking.Chunk chunk : chunks) {
        inference.checkTime();
        framed.add(frame(chunk.text()));
      }
    }
    float[][] keep =
        inference.keepProbabilities(
            framed.stream().map(Framed::ids).toList(),
            framed.stream().map(Framed::attended).toList());
    int index = 0;
    for (List<Chunking.Chunk> chunks : contexts) {
      List<ChunkScores> contextScores = new ArrayList<>(chunks.size());
      for (int c = 0; c < chunks.size(); c++) {
        Framed f = framed.get(index);
        contextScores.add(
            ChunkScores.merge(tokenizer, f.ids(), f.attended(), keep[index], force, reserveDigit));
        index++;
      }
      scoresOut.add(contextScores);
    }
    if (framedOut != null) {
      framedOut.addAll(framed);
    }
  }
}
