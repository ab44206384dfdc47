import com.usagetap.compression.lingua.TokenClassifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A token classifier that records when each call into the wrapped one starts and ends, so that a
 * request's wall time can be split into time spent in the model and time spent around it.
 *
 * <p>Wrapping {@code OnnxClassifier.keepProbabilities} times ONNX Runtime's {@code session.run}
 * together with the little that classifier does around it (copying ids into two tensors, reading
 * the logits back, a softmax per position): work proportional to the positions, not to the layers.
 */
final class TimedClassifier implements TokenClassifier {
  /** One call: its span on {@link System#nanoTime}'s clock and the positions it ran. */
  record Call(long start, long end, int sequences, int positions) {}

  private final TokenClassifier inner;
  private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();

  TimedClassifier(TokenClassifier inner) {
    this.inner = inner;
  }

  @Override
  public float[][] keepProbabilities(List<int[]> sequences, List<boolean[]> attended) {
    int positions = 0;
    for (int[] sequence : sequences) {
      positions += sequence.length;
    }
    long start = System.nanoTime();
    try {
      return inner.keepProbabilities(sequences, attended);
    } finally {
      calls.add(new Call(start, System.nanoTime(), sequences.size(), positions));
    }
  }

  /** The calls recorded since the last drain, which are forgotten. */
  List<Call> drain() {
    List<Call> drained = new ArrayList<>();
    for (Call call = calls.poll(); call != null; call = calls.poll()) {
      drained.add(call);
    }
    return drained;
  }

  /**
   * Nanoseconds of {@code [from, to)} during which at least one call was running. With several
   * inference threads the calls overlap; counting their union, not their sum, keeps the figure
   * comparable with the request's wall time.
   */
  static long coveredNanos(List<Call> calls, long from, long to) {
    List<Call> sorted = new ArrayList<>(calls);
    sorted.sort(Comparator.comparingLong(Call::start));
    long covered = 0;
    long reach = from;
    for (Call call : sorted) {
      long start = Math.max(call.start(), reach);
      long end = Math.min(call.end(), to);
      if (end > start) {
        covered += end - start;
        reach = end;
      }
    }
    return covered;
  }

  @Override
  public void close() {
    inner.close();
  }
}
