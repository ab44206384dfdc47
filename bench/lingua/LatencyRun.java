import com.usagetap.compression.lingua.LinguaCompressor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Wall time of single {@code compressPrompt} requests, split into time inside the model call and
 * time outside it.
 *
 * <p>Requests run one at a time. For each, the time during which at least one classifier call was
 * running ({@link TimedClassifier#coveredNanos}) is "in run"; the rest of the request's wall time
 * is "outside": tokenizing, chunking, framing, word merging, cl100k counts, thresholds, decoding,
 * and handing batches to the inference pool and back.
 */
final class LatencyRun {
  /**
   * One input size on one model.
   *
   * @param cpuStall share of the timed requests' wall time in which some task waited for a CPU
   */
  @SuppressWarnings("ArrayRecordComponent") // a result carrier; never compared
  record Result(
      String model,
      int threads,
      int targetTokens,
      int modelTokens,
      int chunks,
      int positions,
      double[] requestMs,
      double[] inRunMs,
      double cpuStall) {
    double medianRequestMs() {
      return Stats.median(requestMs);
    }

    double medianInRunMs() {
      return Stats.median(inRunMs);
    }

    double[] outsideMs() {
      double[] outside = new double[requestMs.length];
      for (int i = 0; i < outside.length; i++) {
        outside[i] = requestMs[i] - inRunMs[i];
      }
      return outside;
    }

    /** The median over requests of each request's share of time outside the model call. */
    double medianOutsideShare() {
      double[] outside = outsideMs();
      double[] shares = new double[outside.length];
      for (int i = 0; i < shares.length; i++) {
        shares[i] = outside[i] / requestMs[i];
      }
      return Stats.median(shares);
    }

    double inRunMsPerChunk() {
      return medianInRunMs() / chunks;
    }
  }

  private static final int MIN_ROUNDS = 3;

  private LatencyRun() {}

  /**
   * Measures each size on the model in {@code dir} with {@code threads} inference threads.
   *
   * @param warmup untimed requests of the first size, before any size is timed
   * @param rounds timed requests per size, fewer (but at least 3) once {@code budget} is spent
   */
  static List<Result> measure(
      Path dir,
      int threads,
      SizedText texts,
      int[] sizes,
      int warmup,
      int rounds,
      Duration budget) {
    String model = dir.getFileName().toString();
    List<Result> results = new ArrayList<>();
    try (ModelFolder.Timed timed = ModelFolder.openTimed(dir, threads)) {
      LinguaCompressor compressor = timed.compressor();
      // Only the first size is warmed up: the JIT and the session are warm after it, and a
      // warm-up request of 8K tokens on the large model would cost half a minute.
      for (int i = 0; i < warmup; i++) {
        compressor.compressPrompt(List.of(texts.prefix(sizes[0])), ThroughputRun.RATE_HALF);
      }
      for (int size : sizes) {
        String text = texts.prefix(size);
        long stopAt = System.nanoTime() + budget.toNanos();
        LinguaCompressor.PromptResult answer = null;
        List<Double> requestMs = new ArrayList<>();
        List<Double> inRunMs = new ArrayList<>();
        int positions = 0;
        long stallBefore = Machine.cpuStallMicros();
        long timedFrom = System.nanoTime();
        while (requestMs.size() < rounds
            && (requestMs.size() < MIN_ROUNDS || System.nanoTime() < stopAt)) {
          timed.timer().drain();
          long start = System.nanoTime();
          answer = compressor.compressPrompt(List.of(text), ThroughputRun.RATE_HALF);
          long end = System.nanoTime();
          List<TimedClassifier.Call> calls = timed.timer().drain();
          requestMs.add((end - start) / 1e6);
          inRunMs.add(TimedClassifier.coveredNanos(calls, start, end) / 1e6);
          positions = calls.stream().mapToInt(TimedClassifier.Call::positions).sum();
        }
        double stall =
            Machine.stallShare(
                stallBefore, Machine.cpuStallMicros(), System.nanoTime() - timedFrom);
        Result result =
            new Result(
                model,
                threads,
                size,
                texts.tokenCount(text),
                answer.chunks().size(),
                positions,
                toArray(requestMs),
                toArray(inRunMs),
                stall);
        LinguaBench.log(summary(result));
        results.add(result);
      }
    }
    return results;
  }

  private static String summary(Result r) {
    return String.format(
        Locale.ROOT,
        "%s, inference threads %d, %d tokens (%d chunks): request %.1f ms, in run %.1f ms, outside"
            + " %.1f%%",
        r.model(),
        r.threads(),
        r.modelTokens(),
        r.chunks(),
        r.medianRequestMs(),
        r.medianInRunMs(),
        100 * r.medianOutsideShare());
  }

  private static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
