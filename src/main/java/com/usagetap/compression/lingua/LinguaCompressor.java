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

  private final String name;
  private final String id;
  private final ModelTokenizer tokenizer;
  private final InferencePool pool;
  private final ChunkScorer scorer;
  private final OriginalSpans spans;
  private final TokenCounter cl100k;

  /**
   * @param name the model's name, as {@code /health} reports it
   */
  public LinguaCompressor(
      String name, ModelTokenizer tokenizer, InferencePool pool, TokenCounter cl100k) {
    this.name = name;
    this.id = "llmlingua-2@" + name.replaceAll("[^A-Za-z0-9._-]", "-");
    this.tokenizer = tokenizer;
    this.pool = pool;
    this.scorer = new ChunkScorer(tokenizer);
    this.spans = new OriginalSpans(tokenizer, scorer, cl100k);
    this.cl100k = cl100k;
  }

  public String name() {
    return name;
  }

  /**
   * The compressor's name as reported in the {@code compressor} field, {@code name@version} as the
   * contract has it: {@code llmlingua-2@} and the model's name, other characters made dashes.
   */
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

  /**
   * Runs the reference's {@code compress_prompt} on the inference pool.
   *
   * @throws com.usagetap.compression.http.ApiException 503 {@code overloaded} when the pool cannot
   *     take or finish the work in time
   */
  public PromptResult compressPrompt(List<String> contexts, PromptRequest request) {
    return pool.run(inference -> compressPrompt(contexts, request, inference));
  }

  private PromptResult compressPrompt(
      List<String> contexts, PromptRequest request, InferencePool.Inference inference) {
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
      List<List<ChunkScores>> scores =
          scorer.score(chunked, force, request.forceReserveDigit(), inference);
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
        reduce <= 0
            ? unscored(reserved, force)
            : scored(reserved, force, request, reduce, inference);

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
      double reduce,
      InferencePool.Inference inference) {
    List<List<ChunkScores>> scores =
        scorer.score(contexts, force, request.forceReserveDigit(), inference);
    List<ContextOutcome> outcomes = new ArrayList<>();
    for (List<ChunkScores> chunks : scores) {
      StringBuilder text = new StringBuilder();
      List<String> words = new ArrayList<>();
      List<boolean[]> labelParts = new ArrayList<>();
      List<double[]> probabilityParts = new ArrayList<>();
      double[] thresholds = new double[chunks.size()];
      int t = 0;
      for (ChunkScores chunk : chunks) {
        ChunkDecision decision =
            ChunkDecision.decide(chunk, force, request.dropConsecutive(), reduce, cl100k);
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

  List<Chunking.Chunk> chunk(String replacedText, ForceTokens force) {
    return Chunking.chunks(
        tokenizer.tokenize(replacedText).strings(), force.chunkEnds(), tokenizer.decoder());
  }

  /**
   * The reference's keep decisions on one text, located in that text; see {@link OriginalSpans}.
   */
  public KeptSpans decideText(
      String text,
      double rate,
      List<String> forceTokens,
      boolean reserveDigit,
      boolean dropConsecutive) {
    return pool.run(
        inference ->
            spans.decide(text, rate, forceTokens, reserveDigit, dropConsecutive, inference));
  }

  @Override
  public void close() {
    // The tokenizer's native memory is freed only once no pool thread can still be using it.
    if (pool.closeWhenIdle()) {
      tokenizer.close();
    }
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
