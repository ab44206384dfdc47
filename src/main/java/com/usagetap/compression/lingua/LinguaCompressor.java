package com.usagetap.compression.lingua;

import com.usagetap.compression.compress.CompressionOptions;
import com.usagetap.compression.compress.KeepDecider;
import com.usagetap.compression.compress.KeptSpans;
import com.usagetap.compression.compress.Percentile;
import com.usagetap.compression.tokens.TokenCounter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * LLMLingua-2 as the llmlingua 0.2.2 reference runs it ({@code compress_prompt} with {@code
 * use_llmlingua2=True}), on a token classifier served by the {@link InferencePool}.
 *
 * <h2>The reference's rules, in order</h2>
 *
 * <ol>
 *   <li>Force tokens are prepared ({@link ForceTokens}): multi-token ones are replaced in the text
 *       by added {@code [NEWi]} tokens. Original token counts are taken before that, with
 *       cl100k_base, per context.
 *   <li>Each context is cut into chunks ({@link Chunking}); each chunk's decoded text is tokenized
 *       again and framed as the reference's dataset does: the strings {@code [CLS]} and {@code
 *       [SEP]} around it whatever the model (a model without them, such as XLM-R, looks them up as
 *       its unknown token), cut to 512 positions, attention on every position whose string is not
 *       {@code [PAD]}.
 *   <li>The model gives each attended position a keep probability; tokens are merged into words
 *       ({@link ChunkScores}).
 *   <li>Per chunk, with {@code reduce = max(0, 1 - rate)}: under {@code drop_consecutive}, a force
 *       token equal to the previous force token with no word above the {@code int(100 * reduce)}
 *       percentile between them gets probability 0. Then the threshold is NumPy's linear percentile
 *       at {@code int(100 * reduce + 1)} of the word probabilities, each repeated as many times as
 *       the word has cl100k tokens. A word is kept when its probability is strictly above the
 *       threshold, or equal to it when the threshold is exactly 1.0; under {@code drop_consecutive}
 *       a kept force token equal to the last kept word is dropped. The chunk's output is the
 *       decoder's text of the kept words; a context's output is its chunks' outputs joined with
 *       nothing between them, contexts joined with a blank line.
 *   <li>With {@code reduce <= 0} nothing is scored: each context comes back as its chunks' texts
 *       joined, added tokens replaced back.
 *   <li>For several contexts with the context-level filter, each context is ranked by the mean of
 *       its words' unforced probabilities, and those at or above NumPy's linear percentile at
 *       {@code int(100 * (1 - contextRate))} are kept, where {@code contextRate} is {@code (rate +
 *       1) / 2} when only a rate below 1 is given, or {@code min(2 * target_token / origin_tokens,
 *       1)} with a non-negative target; the target then becomes a rate again over the kept
 *       contexts' chunk texts (counted with their added tokens in them).
 *   <li>Without the filter a positive {@code target_token} sets {@code rate = min(target /
 *       origin_tokens, 1)}.
 * </ol>
 *
 * Where the reference would raise (a context with no words under the filter, a target over zero
 * tokens), this class answers instead: such a context ranks lowest, and a rate over nothing is 1.
 */
public final class LinguaCompressor implements KeepDecider, AutoCloseable {
  /** How many force tokens a request may give: the reference adds this many {@code [NEWi]}. */
  public static final int MAX_FORCE_TOKENS = ForceTokens.MAX;

  /** The model's sequence length, start and end tokens included. */
  static final int MAX_POSITIONS = 512;

  private final String name;
  private final String id;
  private final ModelTokenizer tokenizer;
  private final InferencePool pool;
  private final TokenCounter cl100k;

  /**
   * @param name the model's name, as {@code /health} reports it
   */
  public LinguaCompressor(
      String name, ModelTokenizer tokenizer, InferencePool pool, TokenCounter cl100k) {
    this.name = name;
    this.id = "llmlingua-2:" + name;
    this.tokenizer = tokenizer;
    this.pool = pool;
    this.cl100k = cl100k;
  }

  public String name() {
    return name;
  }

  /** The compressor's name as reported in the {@code compressor} field: the model's, prefixed. */
  @Override
  public String id() {
    return id;
  }

  @Override
  public KeptSpans decide(String text, CompressionOptions options) {
    return decideText(
        text,
        1 - options.aggressiveness(),
        options.forceTokens(),
        options.forceReserveDigit(),
        options.dropConsecutive());
  }

  public ModelTokenizer tokenizer() {
    return tokenizer;
  }

  /** The fields of a {@code compress_prompt} call that shape its result. */
  public record PromptRequest(
      double rate,
      long targetToken,
      List<String> forceTokens,
      boolean forceReserveDigit,
      boolean dropConsecutive,
      boolean useContextLevelFilter) {}

  /**
   * What {@code compress_prompt} returns, plus each word's verdict for tests.
   *
   * @param compressed each kept context's compressed text
   * @param originTokens cl100k tokens of all contexts as given
   * @param compressedTokens cl100k tokens of the compressed contexts, summed
   * @param words every word of every context, as the reference lists them
   * @param labels whether each word was kept
   * @param probabilities the probability each word was compared with (NaN when not scored)
   * @param thresholds each scored chunk's threshold, in order
   * @param contextProbabilities each context's rank under the context filter, or empty
   * @param chunks every context's chunk texts as given to the model, added tokens in them
   */
  @SuppressWarnings("ArrayRecordComponent") // internal carrier of per-token arrays; never compared
  public record PromptResult(
      List<String> compressed,
      int originTokens,
      int compressedTokens,
      List<String> words,
      boolean[] labels,
      double[] probabilities,
      double[] thresholds,
      double[] contextProbabilities,
      List<String> chunks) {}

  public PromptResult compressPrompt(List<String> contexts, PromptRequest request) {
    ForceTokens force = ForceTokens.prepare(request.forceTokens(), tokenizer);
    boolean filter = contexts.size() > 1 && request.useContextLevelFilter();
    int originTokens = 0;
    List<List<Chunking.Chunk>> chunked = new ArrayList<>(contexts.size());
    for (String context : contexts) {
      originTokens += cl100k.count(context);
      String replaced = Replacement.of(context, force.mapping()).text();
      chunked.add(chunk(replaced, force));
    }

    double rate = request.rate();
    long target = request.targetToken();
    List<List<Chunking.Chunk>> reserved = chunked;
    boolean[] reservedFlags = new boolean[contexts.size()];
    Arrays.fill(reservedFlags, true);
    double[] contextProbabilities = new double[0];
    List<List<ChunkScores>> unscoredWords = null;
    if (filter) {
      double contextRate = 1.0;
      if (target < 0 && rate < 1.0) {
        contextRate = (rate + 1.0) / 2;
      }
      if (target >= 0) {
        contextRate = ratioOrOne(target * 2.0, originTokens);
      }
      List<List<ChunkScores>> scores = score(chunked, force, request.forceReserveDigit());
      unscoredWords = scores;
      contextProbabilities = new double[contexts.size()];
      for (int c = 0; c < contexts.size(); c++) {
        double sum = 0;
        int count = 0;
        for (ChunkScores chunk : scores.get(c)) {
          for (double p : chunk.unforced()) {
            sum += p;
            count++;
          }
        }
        contextProbabilities[c] = count == 0 ? Double.NEGATIVE_INFINITY : sum / count;
      }
      double threshold = Percentile.linear(contextProbabilities, (int) (100 * (1 - contextRate)));
      reserved = new ArrayList<>();
      int reservedTokens = 0;
      for (int c = 0; c < contexts.size(); c++) {
        reservedFlags[c] = contextProbabilities[c] >= threshold;
        if (reservedFlags[c]) {
          reserved.add(chunked.get(c));
          for (Chunking.Chunk chunk : chunked.get(c)) {
            reservedTokens += cl100k.count(chunk.text());
          }
        }
      }
      if (target >= 0) {
        rate = ratioOrOne((double) target, reservedTokens);
      }
    } else if (target > 0) {
      rate = ratioOrOne((double) target, originTokens);
    }

    double reduce = Math.max(0, 1 - rate);
    List<ContextOutcome> outcomes =
        reduce <= 0 ? unscored(reserved, force) : scored(reserved, force, request, reduce);

    List<String> compressed = new ArrayList<>(outcomes.size());
    int compressedTokens = 0;
    for (ContextOutcome outcome : outcomes) {
      compressed.add(outcome.text());
      compressedTokens += cl100k.count(outcome.text());
    }

    List<String> words = new ArrayList<>();
    List<Boolean> labels = new ArrayList<>();
    List<Double> probabilities = new ArrayList<>();
    List<Double> thresholds = new ArrayList<>();
    int next = 0;
    for (int c = 0; c < contexts.size(); c++) {
      if (reservedFlags[c]) {
        ContextOutcome outcome = outcomes.get(next++);
        words.addAll(outcome.words());
        for (boolean label : outcome.labels()) {
          labels.add(label);
        }
        for (double p : outcome.probabilities()) {
          probabilities.add(p);
        }
        for (double t : outcome.thresholds()) {
          thresholds.add(t);
        }
      } else {
        for (ChunkScores chunk : unscoredWords.get(c)) {
          for (int w = 0; w < chunk.size(); w++) {
            words.add(tokenizer.family().reported(chunk.words().get(w)));
            labels.add(false);
            probabilities.add(Double.NaN);
          }
        }
      }
    }
    boolean[] labelArray = new boolean[labels.size()];
    for (int i = 0; i < labelArray.length; i++) {
      labelArray[i] = labels.get(i);
    }
    return new PromptResult(
        compressed,
        originTokens,
        compressedTokens,
        words,
        labelArray,
        probabilities.stream().mapToDouble(Double::doubleValue).toArray(),
        thresholds.stream().mapToDouble(Double::doubleValue).toArray(),
        contextProbabilities,
        chunked.stream().flatMap(List::stream).map(Chunking.Chunk::text).toList());
  }

  @SuppressWarnings("ArrayRecordComponent") // internal carrier of per-token arrays; never compared
  private record ContextOutcome(
      String text,
      List<String> words,
      boolean[] labels,
      double[] probabilities,
      double[] thresholds) {}

  private List<ContextOutcome> unscored(List<List<Chunking.Chunk>> contexts, ForceTokens force) {
    List<ContextOutcome> outcomes = new ArrayList<>();
    for (List<Chunking.Chunk> chunks : contexts) {
      StringBuilder text = new StringBuilder();
      List<String> words = new ArrayList<>();
      for (Chunking.Chunk chunk : chunks) {
        String restored = force.restore(chunk.text());
        text.append(restored);
        words.addAll(PythonWords.split(restored));
      }
      boolean[] labels = new boolean[words.size()];
      Arrays.fill(labels, true);
      double[] probabilities = new double[words.size()];
      Arrays.fill(probabilities, Double.NaN);
      outcomes.add(
          new ContextOutcome(text.toString(), words, labels, probabilities, new double[0]));
    }
    return outcomes;
  }

  private List<ContextOutcome> scored(
      List<List<Chunking.Chunk>> contexts,
      ForceTokens force,
      PromptRequest request,
      double reduce) {
    List<List<ChunkScores>> scores = score(contexts, force, request.forceReserveDigit());
    List<ContextOutcome> outcomes = new ArrayList<>();
    for (List<ChunkScores> chunks : scores) {
      StringBuilder text = new StringBuilder();
      List<String> words = new ArrayList<>();
      List<boolean[]> labelParts = new ArrayList<>();
      List<double[]> probabilityParts = new ArrayList<>();
      double[] thresholds = new double[chunks.size()];
      int t = 0;
      for (ChunkScores chunk : chunks) {
        ChunkDecision decision = decide(chunk, force, request.dropConsecutive(), reduce);
        text.append(tokenizer.decoder().decode(decision.keptWords()));
        for (String word : chunk.words()) {
          words.add(tokenizer.family().reported(word));
        }
        labelParts.add(decision.labels());
        probabilityParts.add(decision.probabilities());
        thresholds[t++] = decision.threshold();
      }
      outcomes.add(
          new ContextOutcome(
              text.toString(),
              words,
              concatenate(labelParts),
              concatenateDoubles(probabilityParts),
              thresholds));
    }
    return outcomes;
  }

  /** One chunk's verdict: labels, the probabilities compared, threshold and the kept words. */
  @SuppressWarnings("ArrayRecordComponent") // internal carrier of per-token arrays; never compared
  record ChunkDecision(
      boolean[] labels, double[] probabilities, double threshold, List<String> keptWords) {}

  ChunkDecision decide(
      ChunkScores chunk, ForceTokens force, boolean dropConsecutive, double reduce) {
    List<String> words = chunk.words();
    double[] probabilities = chunk.probabilities().clone();
    int n = words.size();
    if (n == 0) {
      return new ChunkDecision(new boolean[0], probabilities, Double.NaN, List.of());
    }
    if (dropConsecutive) {
      double threshold = Percentile.linear(probabilities, (int) (100 * reduce));
      boolean between = false;
      String previous = null;
      for (int i = 0; i < n; i++) {
        String word = words.get(i);
        if (force.isForceToken(word)) {
          if (between) {
            between = false;
          } else if (word.equals(previous)) {
            probabilities[i] = 0.0;
          }
          previous = word;
        } else {
          between |= probabilities[i] > threshold;
        }
      }
    }
    int repeated = 0;
    int[] counts = new int[n];
    for (int i = 0; i < n; i++) {
      counts[i] = cl100k.count(words.get(i));
      repeated += counts[i];
    }
    double[] weighted = new double[repeated];
    int at = 0;
    for (int i = 0; i < n; i++) {
      Arrays.fill(weighted, at, at + counts[i], probabilities[i]);
      at += counts[i];
    }
    double threshold =
        repeated == 0 ? Double.NaN : Percentile.linear(weighted, (int) (100 * reduce + 1));
    boolean[] labels = new boolean[n];
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double p = probabilities[i];
      if (p > threshold || (threshold == 1.0 && p == threshold)) {
        String word = words.get(i);
        if (dropConsecutive
            && force.isForceToken(word)
            && !kept.isEmpty()
            && kept.getLast().equals(word)) {
          continue;
        }
        kept.add(word);
        labels[i] = true;
      }
    }
    return new ChunkDecision(labels, probabilities, threshold, kept);
  }

  List<Chunking.Chunk> chunk(String replacedText, ForceTokens force) {
    return Chunking.chunks(
        tokenizer.tokenize(replacedText).strings(), force.chunkEnds(), tokenizer.decoder());
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
      List<List<Chunking.Chunk>> contexts, ForceTokens force, boolean reserveDigit) {
    List<List<ChunkScores>> scores = new ArrayList<>(contexts.size());
    score(contexts, force, reserveDigit, scores, null);
    return scores;
  }

  /**
   * Frames every chunk, runs the model on all of them in one pool call and merges each into words;
   * the framed inputs are handed back too when {@code framedOut} is given.
   */
  private void score(
      List<List<Chunking.Chunk>> contexts,
      ForceTokens force,
      boolean reserveDigit,
      List<List<ChunkScores>> scoresOut,
      List<Framed> framedOut) {
    List<Framed> framed = new ArrayList<>();
    for (List<Chunking.Chunk> chunks : contexts) {
      for (Chunking.Chunk chunk : chunks) {
        framed.add(frame(chunk.text()));
      }
    }
    float[][] keep =
        pool.keepProbabilities(
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

  /**
   * The reference's keep decisions on one text, located in that text: spans in order, never
   * overlapping, with nothing but whitespace between them, and whether each is kept.
   *
   * <p>Every word the model judged is traced back to the characters it came from: a position of a
   * chunk's re-tokenized text falls in one token's decoded piece, and that token has a span in the
   * text (through the force-token replacement). Spans are trimmed of whitespace; words that land on
   * the same characters (where re-tokenizing a chunk split a token differently) are merged, kept
   * when any of them is. Characters no word covers, which the reference drops as unknown tokens,
   * are kept: this API never loses what it cannot judge.
   */
  public KeptSpans decideText(
      String text,
      double rate,
      List<String> forceTokens,
      boolean reserveDigit,
      boolean dropConsecutive) {
    ForceTokens force = ForceTokens.prepare(forceTokens, tokenizer);
    Replacement replaced = Replacement.of(text, force.mapping());
    ModelTokenizer.Tokens tokens = tokenizer.tokenize(replaced.text());
    List<Chunking.Chunk> chunks =
        Chunking.chunks(tokens.strings(), force.chunkEnds(), tokenizer.decoder());
    List<List<ChunkScores>> scores = new ArrayList<>();
    List<Framed> framed = new ArrayList<>();
    score(List.of(chunks), force, reserveDigit, scores, framed);
    double reduce = Math.max(0, 1 - rate);

    List<int[]> units = new ArrayList<>();
    for (int c = 0; c < chunks.size(); c++) {
      Chunking.Chunk chunk = chunks.get(c);
      ChunkScores chunkScores = scores.getFirst().get(c);
      Framed f = framed.get(c);
      boolean[] labels;
      if (reduce <= 0) {
        labels = new boolean[chunkScores.size()];
        Arrays.fill(labels, true);
      } else {
        labels = decide(chunkScores, force, dropConsecutive, reduce).labels();
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
        while (start < end && Character.isWhitespace(text.charAt(start))) {
          start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
          end--;
        }
        if (end > start) {
          units.add(new int[] {start, end, labels[w] ? 1 : 0});
        }
      }
    }
    return KeptSpans.of(text, units);
  }

  @Override
  public void close() {
    pool.close();
    tokenizer.close();
  }

  private static double ratioOrOne(double numerator, int denominator) {
    return denominator <= 0 ? 1.0 : Math.min(numerator / denominator, 1.0);
  }

  private static boolean[] concatenate(List<boolean[]> parts) {
    int size = 0;
    for (boolean[] part : parts) {
      size += part.length;
    }
    boolean[] all = new boolean[size];
    int at = 0;
    for (boolean[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }

  private static double[] concatenateDoubles(List<double[]> parts) {
    int size = 0;
    for (double[] part : parts) {
      size += part.length;
    }
    double[] all = new double[size];
    int at = 0;
    for (double[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }
}
