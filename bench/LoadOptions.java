import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The load run's command line, already validated.
 *
 * @param perSide measured time for each side, split into {@code slices} slices
 * @param warmup untimed time for each side before the measured slices
 * @param originPid the origin's process, whose CPU time is recorded when given
 * @param edgeGroup the process group of {@code wrangler dev} and its workerd, likewise
 */
record LoadOptions(
    URI origin,
    URI edge,
    Duration perSide,
    int slices,
    int concurrency,
    Duration warmup,
    Path root,
    Path out,
    OptionalLong originPid,
    OptionalLong edgeGroup) {

  static final String USAGE =
      """
      usage: java bench/LoadBench.java --origin http://127.0.0.1:PORT --edge http://127.0.0.1:PORT
             [--seconds S] [--slices N] [--concurrency C] [--warmup-seconds S] [--out FILE]
             [--origin-pid PID] [--edge-pgid PGID]
      bench/load/run.sh starts both servers and passes the URLs and process ids.
      """;

  static LoadOptions parse(String[] args) {
    Map<String, String> values = Options.flags(args);
    Path root = Options.repoRoot();
    URI origin = Options.loopback("origin", required(values, "origin"));
    URI edge = Options.loopback("edge", required(values, "edge"));
    int seconds = Options.positive(values, "seconds", 60);
    int slices = Options.positive(values, "slices", 12);
    if (slices > seconds) {
      throw new IllegalArgumentException(
          "--slices " + slices + " over --seconds " + seconds + ": a slice must last 1 s or more");
    }
    LoadOptions options =
        new LoadOptions(
            origin,
            edge,
            Duration.ofSeconds(seconds),
            slices,
            Options.positive(values, "concurrency", 2),
            Duration.ofSeconds(Options.positive(values, "warmup-seconds", 10)),
            root,
            Options.path(values, "out", root.resolve("bench/results/load.md")),
            pid(values, "origin-pid"),
            pid(values, "edge-pgid"));
    if (!values.isEmpty()) {
      throw new IllegalArgumentException("unknown option(s) " + values.keySet());
    }
    return options;
  }

  URI url(LoadSide side) {
    return side == LoadSide.ORIGIN ? origin : edge;
  }

  Duration slice() {
    return perSide.dividedBy(slices);
  }

  private static String required(Map<String, String> values, String name) {
    String raw = values.remove(name);
    if (raw == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return raw;
  }

  private static OptionalLong pid(Map<String, String> values, String name) {
    String raw = values.remove(name);
    if (raw == null) {
      return OptionalLong.empty();
    }
    try {
      long pid = Long.parseLong(raw);
      if (pid < 1) {
        throw new IllegalArgumentException("--" + name + " must be a process id, got " + raw);
      }
      return OptionalLong.of(pid);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " is not a whole number: " + raw);
    }
  }
}
