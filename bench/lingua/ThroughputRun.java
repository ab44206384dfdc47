import com.usagetap.compression.lingua.LinguaCompressor;
import com.usagetap.compression.lingua.LinguaCompressor.PromptRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Requests per second of {@code compressPrompt} with a number of callers at once.
 *
 * <p>A pass is {@code iterations} rounds over every text by every caller; its throughput is the
 * pass's requests over its wall time, from handing it to the callers (a barrier releases them
 * together) to the moment the last one finishes. Warm-up rounds run the same way first, untimed, so
 * the JIT and ONNX Runtime's first-call allocations are out of the way. The share of each pass
 * during which a classifier call was running is recorded too: with one caller it splits a request's
 * cost into the model and the pipeline around it.
 */
final class ThroughputRun {
  /** The call the reference's {@code compress_prompt(text, rate=0.5)} makes. */
  static final PromptRequest RATE_HALF = new PromptRequest(0.5, -1, List.of(), false, false, true);

  /**
   * @param passRps each pass's requests per second, in order
   * @param passInRunShare each pass's share of wall time with a classifier call running
   * @param passCpuStall each pass's share of wall time in which some task waited for a CPU
   * @param originTokens cl100k tokens of all texts, from one round
   * @param compressedTokens cl100k tokens of all compressed texts, from one round
   */
  @SuppressWarnings("ArrayRecordComponent") // a result carrier; never compared
  record Result(
      String model,
      int callers,
      int requestsPerPass,
      double[] passRps,
      double[] passInRunShare,
      double[] passCpuStall,
      long originTokens,
      long compressedTokens) {
    double medianRps() {
      return Stats.median(passRps);
    }

    /** Milliseconds per request inside the model call, at the median pass. */
    double inRunMsPerRequest() {
      return 1000 * Stats.median(passInRunShare) / medianRps();
    }

    /** Milliseconds per request outside the model call, at the median pass. */
    double outsideMsPerRequest() {
      return 1000 * (1 - Stats.median(passInRunShare)) / medianRps();
    }
  }

  private ThroughputRun() {}

  static Result measure(
      String model,
      ModelFolder.Timed timed,
      List<String> texts,
      int callers,
      int warmup,
      int iterations,
      int passes)
      throws Exception {
    ExecutorService pool =
        Executors.newFixedThreadPool(callers, Thread.ofPlatform().name("caller-", 0).factory());
    LinguaCompressor compressor = timed.compressor();
    try {
      pass(pool, compressor, texts, callers, warmup);
      double[] rates = new double[passes];
      double[] inRun = new double[passes];
      double[] stall = new double[passes];
      long[] tokens = {0, 0};
      int requests = callers * iterations * texts.size();
      for (int p = 0; p < passes; p++) {
        timed.timer().drain();
        long stallBefore = Machine.cpuStallMicros();
        long started = System.nanoTime();
        tokens = pass(pool, compressor, texts, callers, iterations);
        long ended = System.nanoTime();
        stall[p] = Machine.stallShare(stallBefore, Machine.cpuStallMicros(), ended - started);
        rates[p] = requests / ((ended - started) / 1e9);
        long covered = TimedClassifier.coveredNanos(timed.timer().drain(), started, ended);
        inRun[p] = (double) covered / (ended - started);
      }
      return new Result(model, callers, requests, rates, inRun, stall, tokens[0], tokens[1]);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Runs one pass; returns the first caller's last round's origin and compressed tokens. */
  private static long[] pass(
      ExecutorService pool,
      LinguaCompressor compressor,
      List<String> texts,
      int callers,
      int iterations)
      throws Exception {
    CyclicBarrier release = new CyclicBarrier(callers);
    List<Future<long[]>> running = new ArrayList<>();
    for (int c = 0; c < callers; c++) {
      running.add(
          pool.submit(
              () -> {
                release.await();
                return rounds(compressor, texts, iterations);
              }));
    }
    long[] tokens = null;
    for (Future<long[]> caller : running) {
      long[] counted = caller.get();
      if (tokens == null) {
        tokens = counted;
      }
    }
    return tokens;
  }

  private static long[] rounds(LinguaCompressor compressor, List<String> texts, int iterations) {
    long origin = 0;
    long compressed = 0;
    for (int i = 0; i < iterations; i++) {
      origin = 0;
      compressed = 0;
      for (String text : texts) {
        LinguaCompressor.PromptResult result = compressor.compressPrompt(List.of(text), RATE_HALF);
        origin += result.originTokens();
        compressed += result.compressedTokens();
      }
    }
    return new long[] {origin, compressed};
  }
}
