import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one client, or all clients of one side, saw: the wall time of every answered request and the
 * failures by kind, for each payload of the mix. Not thread-safe: each client keeps its own, and
 * they are merged afterwards.
 */
final class LoadTally {
  private final List<List<Long>> answeredNanos = new ArrayList<>();
  private final List<Map<String, Integer>> failures = new ArrayList<>();

  LoadTally(int payloads) {
    for (int i = 0; i < payloads; i++) {
      answeredNanos.add(new ArrayList<>());
      failures.add(new TreeMap<>());
    }
  }

  void answered(int payload, long nanos) {
    answeredNanos.get(payload).add(nanos);
  }

  /** A request that got no usable answer; {@code kind} such as "HTTP 503" or an exception. */
  void failed(int payload, String kind) {
    failures.get(payload).merge(kind, 1, Integer::sum);
  }

  void add(LoadTally other) {
    for (int i = 0; i < answeredNanos.size(); i++) {
      answeredNanos.get(i).addAll(other.answeredNanos.get(i));
      Map<String, Integer> into = failures.get(i);
      other.failures.get(i).forEach((kind, n) -> into.merge(kind, n, Integer::sum));
    }
  }

  int answered(int payload) {
    return answeredNanos.get(payload).size();
  }

  /** Wall times of the answered requests of one payload in milliseconds, sorted. */
  double[] sortedMillis(int payload) {
    return answeredNanos.get(payload).stream().mapToDouble(n -> n / 1e6).sorted().toArray();
  }

  Map<String, Integer> failures(int payload) {
    return failures.get(payload);
  }

  int failed(int payload) {
    return failures.get(payload).values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Every request sent, answered or failed, over all payloads. */
  long requests() {
    long total = 0;
    for (int i = 0; i < answeredNanos.size(); i++) {
      total += answered(i) + failed(i);
    }
    return total;
  }

  long failedRequests() {
    long total = 0;
    for (int i = 0; i < failures.size(); i++) {
      total += failed(i);
    }
    return total;
  }
}
