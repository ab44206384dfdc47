import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A closed-loop load of a fixed number of clients, in slices that alternate between the origin
 * alone, the bare forwarder in front of it and the Worker in front of it, under each runtime
 * measured.
 *
 * <p>Each client has its own HTTP/1.1 keep-alive connection per side and sends the mix's payloads
 * in turn, the next as soon as the last is answered, until its slice ends; the slice lasts until
 * the last answer is in. Rounds of one slice per side go in the sides' order and in reverse by
 * turns (origin, forwarder, workerd, wrangler dev, wrangler dev, workerd, forwarder, origin,
 * origin, ...), so that a drift in the machine's load over the run falls on every side alike and a
 * linear drift cancels. Before them each side gets one untimed slice, so the JITs (the origin's and
 * the Worker's) have compiled the hot paths.
 */
final class LoadRun {
  static final String MACHINE = "machine";
  static final String CLIENT = "load client (this JVM)";
  static final String ORIGIN = "origin";
  static final String PLAIN_WORKERD = "workerd (plain)";
  static final String FORWARDER_WORKERD = "workerd (bare forwarder)";
  static final String WRANGLER_DEV = "wrangler dev: ";
  static final String WORKERD_FRONT = WRANGLER_DEV + "workerd on the Worker's URL";
  static final String WORKERD_OTHER = WRANGLER_DEV + "workerd, the other";
  private static final String EXPECTED_DECISION = "origin";
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /**
   * One measured slice.
   *
   * @param stallMicros time in which some task waited for a CPU, or -1 where not reported
   * @param cpuTicks CPU ticks used during the slice, by process (see {@link #cpuTicks})
   */
  record Slice(
      LoadSide side, long wallNanos, long requests, long stallMicros, Map<String, Long> cpuTicks) {
    double requestsPerSecond() {
      return requests / (wallNanos / 1e9);
    }
  }

  /** Every measured slice in order, and the merged tallies of each side. */
  record Result(
      List<Slice> slices, Map<LoadSide, LoadTally> measured, Map<LoadSide, LoadTally> warmup) {}

  private final LoadOptions options;
  private final List<Payload> mix;
  private final Map<LoadSide, List<HttpRequest>> requests = new EnumMap<>(LoadSide.class);
  private final Map<LoadSide, List<HttpClient>> clients = new EnumMap<>(LoadSide.class);

  LoadRun(LoadOptions options, List<Payload> mix) {
    this.options = options;
    this.mix = mix;
    for (LoadSide side : options.sides()) {
      List<HttpRequest> built = new ArrayList<>();
      for (Payload payload : mix) {
        built.add(request(options, side, payload));
      }
      requests.put(side, built);
      List<HttpClient> own = new ArrayList<>();
      for (int c = 0; c < options.concurrency(); c++) {
        own.add(Bench.newClient());
      }
      clients.put(side, own);
    }
  }

  static HttpRequest request(LoadOptions options, LoadSide side, Payload payload) {
    return HttpRequest.newBuilder(options.url(side).resolve(payload.path()))
        .timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(payload.body()))
        .build();
  }

  Result run() throws InterruptedException, ExecutionException {
    Map<LoadSide, LoadTally> warmup = new EnumMap<>(LoadSide.class);
    Map<LoadSide, LoadTally> measured = new EnumMap<>(LoadSide.class);
    List<Slice> slices = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(options.concurrency())) {
      for (LoadSide side : options.sides()) {
        LoadBench.log("warm-up, " + side.label + ", " + options.warmup().toSeconds() + " s");
        warmup.put(side, new LoadTally(mix.size()));
        slice(pool, side, options.warmup(), warmup.get(side));
        measured.put(side, new LoadTally(mix.size()));
      }
      for (int i = 0; i < options.slices(); i++) {
        List<LoadSide> order = i % 2 == 0 ? options.sides() : options.sides().reversed();
        for (LoadSide side : order) {
          Slice slice = slice(pool, side, options.slice(), measured.get(side));
          LoadBench.log(
              String.format(
                  Locale.ROOT,
                  "slice %2d/%d %-31s %6d requests, %7.1f req/s",
                  i + 1,
                  options.slices(),
                  side.label,
                  slice.requests(),
                  slice.requestsPerSecond()));
          slices.add(slice);
        }
      }
    }
    return new Result(slices, measured, warmup);
  }

  private Slice slice(ExecutorService pool, LoadSide side, Duration length, LoadTally into)
      throws InterruptedException, ExecutionException {
    Map<String, Long> cpuBefore = cpuTicks();
    long stallBefore = HostLoad.cpuStallMicros();
    long t0 = System.nanoTime();
    long deadline = t0 + length.toNanos();
    List<Future<LoadTally>> running = new ArrayList<>();
    for (int c = 0; c < options.concurrency(); c++) {
      HttpClient http = clients.get(side).get(c);
      int first = c % mix.size();
      running.add(pool.submit(() -> loop(http, side, first, deadline)));
    }
    long requests = 0;
    for (Future<LoadTally> client : running) {
      LoadTally tally = client.get();
      requests += tally.requests();
      into.add(tally);
    }
    long wall = System.nanoTime() - t0;
    long stallAfter = HostLoad.cpuStallMicros();
    long stall = stallBefore < 0 || stallAfter < 0 ? -1 : stallAfter - stallBefore;
    return new Slice(side, wall, requests, stall, difference(cpuBefore, cpuTicks()));
  }

  private LoadTally loop(HttpClient http, LoadSide side, int first, long deadline)
      throws InterruptedException {
    LoadTally tally = new LoadTally(mix.size());
    List<HttpRequest> built = requests.get(side);
    for (int n = first; System.nanoTime() < deadline; n++) {
      int payload = n % mix.size();
      long t0 = System.nanoTime();
      try {
        HttpResponse<Void> response =
            http.send(built.get(payload), HttpResponse.BodyHandlers.discarding());
        long nanos = System.nanoTime() - t0;
        Optional<String> failure = failure(side, response);
        if (failure.isEmpty()) {
          tally.answered(payload, nanos);
        } else {
          tally.failed(payload, failure.get());
        }
      } catch (IOException e) {
        tally.failed(payload, e.getClass().getSimpleName());
      }
    }
    return tally;
  }

  // Through the Worker only a forwarded answer compares with the origin's: one the Worker gave
  // itself (a skip, a transform, a cache hit) measures something else. The bare forwarder has no
  // answer of its own to give, and passes the origin's on without adding that header.
  private static Optional<String> failure(LoadSide side, HttpResponse<?> response) {
    if (response.statusCode() != 200) {
      return Optional.of("HTTP " + response.statusCode());
    }
    if (side.runsEdgeWorker) {
      String decision = response.headers().firstValue("X-Edge-Decision").orElse("(none)");
      if (!decision.equals(EXPECTED_DECISION)) {
        return Optional.of("200 with X-Edge-Decision " + decision);
      }
    }
    return Optional.empty();
  }

  /**
   * CPU ticks so far of the whole machine, this JVM, and the servers' processes whose ids were
   * given: the origin, the forwarder's and the Worker's plain workerd, and {@code wrangler dev}'s
   * by program name (workerd, node, ...).
   */
  private Map<String, Long> cpuTicks() {
    Map<String, Long> ticks = new HashMap<>();
    ticks.put(MACHINE, HostLoad.machineBusyTicks());
    ticks.put(CLIENT, HostLoad.processTicks(ProcessHandle.current().pid()));
    options.originPid().ifPresent(pid -> ticks.put(ORIGIN, HostLoad.processTicks(pid)));
    options
        .forwarderPid()
        .ifPresent(pid -> ticks.put(FORWARDER_WORKERD, HostLoad.processTicks(pid)));
    options.workerdPid().ifPresent(pid -> ticks.put(PLAIN_WORKERD, HostLoad.processTicks(pid)));
    options
        .wranglerDevGroup()
        .ifPresent(pgid -> ticks.putAll(HostLoad.groupTicks(pgid, this::wranglerDevLabel)));
    return ticks;
  }

  // wrangler dev runs two workerd processes: the one on the Worker's URL is wrangler's own proxy
  // in front of the other, which runs the Worker.
  private String wranglerDevLabel(long pid, String program) {
    if (!program.equals("workerd")) {
      return WRANGLER_DEV + program;
    }
    String front = "entry=" + options.url(LoadSide.WRANGLER_DEV).getAuthority();
    return HostLoad.commandLine(pid).contains(front) ? WORKERD_FRONT : WORKERD_OTHER;
  }

  private static Map<String, Long> difference(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> used = new HashMap<>();
    after.forEach(
        (name, ticks) -> {
          Long earlier = before.get(name);
          if (earlier != null && earlier >= 0 && ticks >= 0) {
            used.put(name, ticks - earlier);
          }
        });
    return used;
  }
}
