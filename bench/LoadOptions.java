import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The load run's command line, already validated.
 *
 * @param urls the origin's URL and that of each other side measured, the edge Worker's under one
 *     runtime at least
 * @param perSide measured time for each side, split into {@code slices} slices
 * @param warmup untimed time for each side before the measured slices
 * @param originPid the origin's process, whose CPU time is recorded when given with the others
 * @param forwarderPid the plain workerd process of {@link LoadSide#FORWARDER}, likewise
 * @param workerdPid the plain workerd process of {@link LoadSide#WORKERD}, likewise
 * @param wranglerDevGroup the process group of {@code wrangler dev} and its workerd, likewise
 */
record LoadOptions(
    Map<LoadSide, URI> urls,
    Duration perSide,
    int slices,
    int concurrency,
    Duration warmup,
    Path root,
    Path out,
    OptionalLong originPid,
    OptionalLong forwarderPid,
    OptionalLong workerdPid,
    OptionalLong wranglerDevGroup) {

  static final String USAGE =
      """
      usage: java bench/LoadBench.java --origin http://127.0.0.1:PORT
             [--workerd http://127.0.0.1:PORT] [--wrangler-dev http://127.0.0.1:PORT]
             [--forwarder http://127.0.0.1:PORT]
             [--seconds S] [--slices N] [--concurrency C] [--warmup-seconds S] [--out FILE]
             [--origin-pid PID] [--workerd-pid PID] [--wrangler-dev-pgid PGID]
             [--forwarder-pid PID]
      At least one of --workerd (the Worker under plain workerd) and --wrangler-dev (under
      wrangler dev); --forwarder is bench/load/forwarder.js under plain workerd, the floor.
      bench/load/run.sh starts the servers and passes the URLs and process ids.
      """;

  static LoadOptions parse(String[] args) {
    Map<String, String> values = Options.flags(args);
    Path root = Options.repoRoot();
    Map<LoadSide, URI> urls = new EnumMap<>(LoadSide.class);
    urls.put(LoadSide.ORIGIN, Options.loopback("origin", required(values, "origin")));
    optionalUrl(values, "forwarder").ifPresent(url -> urls.put(LoadSide.FORWARDER, url));
    optionalUrl(values, "workerd").ifPresent(url -> urls.put(LoadSide.WORKERD, url));
    optionalUrl(values, "wrangler-dev").ifPresent(url -> urls.put(LoadSide.WRANGLER_DEV, url));
    // The forwarder is a floor to measure the Worker against, not a measurement of its own.
    if (!urls.containsKey(LoadSide.WORKERD) && !urls.containsKey(LoadSide.WRANGLER_DEV)) {
      throw new IllegalArgumentException(
          "give the Worker's URL: --workerd, --wrangler-dev or both");
    }
    int seconds = Options.positive(values, "seconds", 60);
    int slices = Options.positive(values, "slices", 12);
    if (slices > seconds) {
      throw new IllegalArgumentException(
          "--slices " + slices + " over --seconds " + seconds + ": a slice must last 1 s or more");
    }
    LoadOptions options =
        new LoadOptions(
            Collections.unmodifiableMap(urls),
            Duration.ofSeconds(seconds),
            slices,
            Options.positive(values, "concurrency", 2),
            Duration.ofSeconds(Options.positive(values, "warmup-seconds", 10)),
            root,
            Options.path(values, "out", root.resolve("bench/results/load.md")),
            pid(values, "origin-pid"),
            pid(values, "forwarder-pid"),
            pid(values, "workerd-pid"),
            pid(values, "wrangler-dev-pgid"));
    if (!values.isEmpty()) {
      throw new IllegalArgumentException("unknown option(s) " + values.keySet());
    }
    return options;
  }

  /** The sides measured, the origin first, in the order of {@link LoadSide}. */
  List<LoadSide> sides() {
    return List.copyOf(urls.keySet());
  }

  /** The sides measured in front of the origin: the bare forwarder and the edge Worker's. */
  List<LoadSide> workerSides() {
    List<LoadSide> workers = new ArrayList<>(urls.keySet());
    workers.remove(LoadSide.ORIGIN);
    return workers;
  }

  /** The sides measured that run the edge Worker, which the targets are about. */
  List<LoadSide> edgeWorkerSides() {
    return urls.keySet().stream().filter(side -> side.runsEdgeWorker).toList();
  }

  /**
   * Whether both the edge Worker on plain workerd and the bare forwarder on the same runtime are
   * measured, so that the Worker's excess over the floor can be given.
   */
  boolean hasFloor() {
    return urls.containsKey(LoadSide.FORWARDER) && urls.containsKey(LoadSide.WORKERD);
  }

  /**
   * Whether the CPU time of every measured server was asked for: the origin's process and each
   * Worker side's process or group.
   */
  boolean hasProcessIds() {
    return originPid.isPresent()
        && (!urls.containsKey(LoadSide.FORWARDER) || forwarderPid.isPresent())
        && (!urls.containsKey(LoadSide.WORKERD) || workerdPid.isPresent())
        && (!urls.containsKey(LoadSide.WRANGLER_DEV) || wranglerDevGroup.isPresent());
  }

  URI url(LoadSide side) {
    return urls.get(side);
  }

  Duration slice() {
    return perSide.dividedBy(slices);
  }

  private static Optional<URI> optionalUrl(Map<String, String> values, String name) {
    return Optional.ofNullable(values.remove(name)).map(raw -> Options.loopback(name, raw));
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
