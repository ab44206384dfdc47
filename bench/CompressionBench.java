import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * End-to-end HTTP latency benchmark for the origin compression API.
 *
 * <p>Run from the repository root: {@code java bench/CompressionBench.java --start-jar
 * target/origin.jar}. See bench/README.md.
 */
public final class CompressionBench {
  static final String TARGET_LINE =
      "Target: a 100,000-token prompt in under 85 ms end to end on a 2-core machine;"
          + " cost linear from 1K to 1M tokens";
  static final double TARGET_100K_MS = 85.0;
  static final double AGGRESSIVENESS = 0.5;

  private CompressionBench() {}

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(Options.USAGE);
      System.exit(2);
      return;
    }
    try (Target target = Target.open(options)) {
      Report report = new Bench(options, target).run();
      String markdown = report.toMarkdown();
      System.out.println(markdown);
      Files.createDirectories(options.out().toAbsolutePath().getParent());
      Files.writeString(options.out(), markdown, StandardCharsets.UTF_8);
      System.err.println("wrote " + options.out());
    }
  }

  static void log(String message) {
    System.err.println("[bench] " + message);
  }
}

/** Command-line options, already validated. */
record Options(
    URI url,
    Optional<Path> startJar,
    Path corpus,
    Path out,
    int rounds,
    int warmup,
    Duration caseBudget) {

  static final String USAGE =
      """
      usage: java bench/CompressionBench.java (--url http://127.0.0.1:PORT | --start-jar JAR)
             [--corpus DIR] [--out FILE] [--rounds N] [--warmup N] [--case-budget-seconds S]
      """;

  static Options parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        throw new IllegalArgumentException("usage requested");
      }
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + arg);
      }
      int eq = arg.indexOf('=');
      if (eq > 0) {
        values.put(arg.substring(2, eq), arg.substring(eq + 1));
      } else if (i + 1 < args.length) {
        values.put(arg.substring(2), args[++i]);
      } else {
        throw new IllegalArgumentException(arg + " needs a value");
      }
    }
    return fromValues(values);
  }

  private static Options fromValues(Map<String, String> values) {
    Path root = repoRoot();
    Optional<Path> jar = Optional.ofNullable(values.remove("start-jar")).map(Path::of);
    Optional<URI> url = Optional.ofNullable(values.remove("url")).map(Options::loopback);
    if (jar.isPresent() == url.isPresent()) {
      throw new IllegalArgumentException("give exactly one of --url and --start-jar");
    }
    Path corpus = path(values, "corpus", root.resolve("../shared/corpus"));
    Path out = path(values, "out", root.resolve("bench/results/origin-http.md"));
    int rounds = positive(values, "rounds", 15);
    int warmup = positive(values, "warmup", 5);
    int budget = positive(values, "case-budget-seconds", 60);
    if (!values.isEmpty()) {
      throw new IllegalArgumentException("unknown option(s) " + values.keySet());
    }
    return new Options(
        url.orElse(null), jar, corpus, out, rounds, warmup, Duration.ofSeconds(budget));
  }

  private static Path path(Map<String, String> values, String name, Path fallback) {
    String raw = values.remove(name);
    return (raw == null ? fallback : Path.of(raw)).normalize();
  }

  private static int positive(Map<String, String> values, String name, int fallback) {
    String raw = values.remove(name);
    if (raw == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(raw);
      if (value < 1 || value > 10_000) {
        throw new IllegalArgumentException("--" + name + " must be 1..10000");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " is not a whole number: " + raw);
    }
  }

  // The benchmark must never send prompts anywhere but this machine.
  private static URI loopback(String raw) {
    URI uri = URI.create(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
    String host = uri.getHost();
    if (!"http".equals(uri.getScheme())
        || !("127.0.0.1".equals(host) || "localhost".equals(host))) {
      throw new IllegalArgumentException("--url must be http://127.0.0.1:PORT, got " + raw);
    }
    return uri;
  }

  // Defaults are relative to the repository root, wherever the launcher was started from.
  private static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("bench/CompressionBench.java"))) {
        return p;
      }
    }
    return dir;
  }
}

/** The server under test: either one given by URL or one this program started and will stop. */
final class Target implements AutoCloseable {
  static final long LARGE_BODY_LIMIT = 16_777_216;
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

  private final URI url;
  private final Process process;
  private final Path logFile;
  private final Thread shutdownHook;

  private Target(URI url, Process process, Path logFile) {
    this.url = url;
    this.process = process;
    this.logFile = logFile;
    this.shutdownHook = process == null ? null : new Thread(process::destroy);
    if (shutdownHook != null) {
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }
  }

  static Target open(Options options) throws IOException, InterruptedException {
    if (options.startJar().isEmpty()) {
      Target given = new Target(options.url(), null, null);
      given.checkHealthy();
      return given;
    }
    Path jar = options.startJar().get();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException("--start-jar " + jar + " does not exist");
    }
    int port = freePort();
    Path log = Files.createTempFile("origin-bench-", ".log");
    Process process = launch(jar, port, log);
    Target target = new Target(URI.create("http://127.0.0.1:" + port), process, log);
    try {
      target.awaitHealthy();
    } catch (RuntimeException | InterruptedException e) {
      target.close();
      throw e;
    }
    return target;
  }

  URI url() {
    return url;
  }

  boolean started() {
    return process != null;
  }

  String description() {
    return started()
        ? "started by the benchmark at "
            + url
            + " with MAX_BODY_BYTES="
            + LARGE_BODY_LIMIT
            + ", on the benchmark's own java binary"
        : "given by --url " + url + " (its own body limit applies)";
  }

  /** Why requests may be failing, when the server this program started has exited. */
  String exitNote() {
    if (process == null || process.isAlive()) {
      return "";
    }
    return "; the server exited with code " + process.exitValue() + ", log tail:\n" + logTail();
  }

  private void checkHealthy() throws IOException, InterruptedException {
    HttpResponse<Void> response;
    try {
      response = healthClient().send(healthRequest(), HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new IllegalStateException("no server answers at " + url + "/health: " + e, e);
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException(url + "/health answered HTTP " + response.statusCode());
    }
  }

  private static HttpClient healthClient() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  }

  private HttpRequest healthRequest() {
    return HttpRequest.newBuilder(url.resolve("/health")).timeout(Duration.ofSeconds(2)).build();
  }

  private static Process launch(Path jar, int port, Path log) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder = new ProcessBuilder(java.toString(), "-jar", jar.toString());
    builder.environment().put("PORT", Integer.toString(port));
    builder.environment().put("HOST", "127.0.0.1");
    builder.environment().put("MAX_BODY_BYTES", Long.toString(LARGE_BODY_LIMIT));
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    CompressionBench.log("starting " + jar + " on port " + port + " (log " + log + ")");
    return builder.start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private void awaitHealthy() throws InterruptedException {
    HttpClient client = healthClient();
    HttpRequest health = healthRequest();
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("server exited at start-up:\n" + logTail());
      }
      try {
        if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          CompressionBench.log("server healthy at " + url);
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet; poll again.
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("server not healthy after " + STARTUP_TIMEOUT);
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(logFile);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook is running or has run; nothing left to undo.
    }
    try {
      Files.deleteIfExists(logFile);
    } catch (IOException e) {
      CompressionBench.log("could not delete " + logFile + ": " + e.getMessage());
    }
    CompressionBench.log("server stopped");
  }
}

/** One request body to send repeatedly. */
record Payload(String name, String path, byte[] body, int requestedTokens) {}

/** One timed response. */
record Sample(long nanos, int originalTokens, int compressedTokens) {}

/** A non-200 answer; ends the case. */
final class HttpFailure extends Exception {
  final int status;

  HttpFailure(int status, String body) {
    super("HTTP " + status + ": " + body.substring(0, Math.min(200, body.length())).strip());
    this.status = status;
  }
}

/** Sequential measurements of one payload, or the reason it was skipped. */
record CaseResult(
    String name,
    int bodyBytes,
    int requestedTokens,
    int rounds,
    double medianMs,
    double p90Ms,
    int tokensIn,
    int tokensOut,
    String skipped) {

  static CaseResult skip(Payload payload, String reason) {
    return new CaseResult(
        payload.name(), payload.body().length, payload.requestedTokens(), 0, 0, 0, 0, 0, reason);
  }

  boolean measured() {
    return skipped == null;
  }

  double requestsPerSecond() {
    return 1000.0 / medianMs;
  }

  double tokensPerSecond() {
    return tokensIn * 1000.0 / medianMs;
  }

  double msPerThousandTokens() {
    return medianMs * 1000.0 / tokensIn;
  }
}

/** Several clients sending the same payload at once. */
record ConcurrencyResult(
    String name, int clients, int requests, double wallMs, double medianMs, double p90Ms) {

  double throughput() {
    return requests * 1000.0 / wallMs;
  }
}

/** Runs every case against one server. */
final class Bench {
  static final int[] SYNTHETIC_TOKENS = {1_000, 10_000, 100_000, 1_000_000};
  static final int HUNDRED_K = 100_000;
  static final int CONCURRENT_CLIENTS = 2;
  private static final int MIN_ROUNDS = 3;
  private static final Pattern ORIGINAL = Pattern.compile("\"original_tokens\"\\s*:\\s*(\\d+)");
  private static final Pattern COMPRESSED = Pattern.compile("\"compressed_tokens\"\\s*:\\s*(\\d+)");

  private final Options options;
  private final Target target;
  private final HttpClient client = newClient();

  Bench(Options options, Target target) {
    this.options = options;
    this.target = target;
  }

  Report run() throws Exception {
    List<String> notes = new ArrayList<>();
    List<CaseResult> texts = measureAll(corpusTexts(notes));
    List<CaseResult> messages = measureAll(corpusMessages(notes));
    List<Payload> synthetic = syntheticPayloads();
    List<CaseResult> syntheticResults = measureAll(synthetic);
    int hundredK = indexOf(HUNDRED_K);
    ConcurrencyResult concurrent =
        concurrency(synthetic.get(hundredK), syntheticResults.get(hundredK), notes);
    return new Report(
        options, target, notes, texts, messages, syntheticResults, Optional.ofNullable(concurrent));
  }

  private static HttpClient newClient() {
    // HTTP/1.1 keep-alive, as most API clients use; avoids an h2c upgrade on every connection.
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private List<Payload> corpusTexts(List<String> notes) throws IOException {
    List<Payload> payloads = new ArrayList<>();
    for (Path file : corpusFiles("text", ".txt", notes)) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      payloads.add(new Payload(file.getFileName().toString(), "/compress", compressBody(text), 0));
    }
    return payloads;
  }

  private List<Payload> corpusMessages(List<String> notes) throws IOException {
    List<Payload> payloads = new ArrayList<>();
    for (Path file : corpusFiles("messages", ".json", notes)) {
      String json = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (!json.startsWith("{")) {
        notes.add("Skipped " + file.getFileName() + ": not a JSON object.");
        continue;
      }
      String body =
          "{\"aggressiveness\":" + CompressionBench.AGGRESSIVENESS + "," + json.substring(1);
      payloads.add(
          new Payload(
              file.getFileName().toString(),
              "/v1/messages/compress",
              body.getBytes(StandardCharsets.UTF_8),
              0));
    }
    return payloads;
  }

  private List<Path> corpusFiles(String folder, String suffix, List<String> notes)
      throws IOException {
    Path dir = options.corpus().resolve(folder);
    if (!Files.isDirectory(dir)) {
      String note = "Corpus folder " + dir + " not found; its cases were skipped.";
      CompressionBench.log(note);
      notes.add(note);
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  private List<Payload> syntheticPayloads() throws Exception {
    double charsPerToken = calibrateCharsPerToken();
    List<Payload> payloads = new ArrayList<>();
    for (int tokens : SYNTHETIC_TOKENS) {
      String text = ProseGenerator.generate((int) Math.round(tokens * charsPerToken));
      payloads.add(
          new Payload("synthetic " + label(tokens), "/compress", compressBody(text), tokens));
    }
    return payloads;
  }

  // Sizes are set in characters; one request tells how many characters the server's tokenizer
  // packs into a token for this prose, so every size lands close to its nominal token count.
  private double calibrateCharsPerToken() throws Exception {
    String sample = ProseGenerator.generate(200_000);
    Payload probe = new Payload("calibration", "/compress", compressBody(sample), 0);
    Sample answer = send(client, probe);
    double ratio = (double) sample.length() / answer.originalTokens();
    CompressionBench.log(String.format(Locale.ROOT, "calibration: %.3f chars per token", ratio));
    return ratio;
  }

  static int indexOf(int tokens) {
    for (int i = 0; i < SYNTHETIC_TOKENS.length; i++) {
      if (SYNTHETIC_TOKENS[i] == tokens) {
        return i;
      }
    }
    throw new IllegalArgumentException("no synthetic size " + tokens);
  }

  static String label(int tokens) {
    return tokens >= 1_000_000 ? tokens / 1_000_000 + "M" : tokens / 1_000 + "K";
  }

  private List<CaseResult> measureAll(List<Payload> payloads) throws InterruptedException {
    List<CaseResult> results = new ArrayList<>();
    for (Payload payload : payloads) {
      CaseResult result = measure(payload);
      CompressionBench.log(summary(result));
      results.add(result);
    }
    return results;
  }

  private static String summary(CaseResult r) {
    return r.measured()
        ? String.format(
            Locale.ROOT,
            "%-60s median %9.2f ms  p90 %9.2f ms  tokens %d -> %d",
            r.name(),
            r.medianMs(),
            r.p90Ms(),
            r.tokensIn(),
            r.tokensOut())
        : r.name() + " skipped: " + r.skipped();
  }

  private CaseResult measure(Payload payload) throws InterruptedException {
    try {
      long budgetEnd = System.nanoTime() + options.caseBudget().toNanos();
      for (int i = 0; i < options.warmup() && (i == 0 || System.nanoTime() < budgetEnd); i++) {
        send(client, payload);
      }
      List<Sample> samples =
          timedRounds(payload, System.nanoTime() + options.caseBudget().toNanos());
      return toResult(payload, samples);
    } catch (HttpFailure e) {
      return CaseResult.skip(payload, skipReason(payload, e));
    } catch (IOException e) {
      return CaseResult.skip(payload, "request failed: " + e + target.exitNote());
    }
  }

  // Slow cases stop early once over budget so the whole run stays within minutes.
  private List<Sample> timedRounds(Payload payload, long budgetEnd)
      throws IOException, InterruptedException, HttpFailure {
    List<Sample> samples = new ArrayList<>();
    while (samples.size() < options.rounds()
        && (samples.size() < MIN_ROUNDS || System.nanoTime() < budgetEnd)) {
      samples.add(send(client, payload));
    }
    return samples;
  }

  private String skipReason(Payload payload, HttpFailure e) {
    if (e.status == 413) {
      return "HTTP 413: the "
          + payload.body().length
          + "-byte body is over the server's MAX_BODY_BYTES (default 1 MiB); rerun with"
          + " --start-jar, which sets MAX_BODY_BYTES="
          + Target.LARGE_BODY_LIMIT;
    }
    return e.getMessage();
  }

  private static CaseResult toResult(Payload payload, List<Sample> samples) {
    double[] ms = samples.stream().mapToDouble(s -> s.nanos() / 1e6).sorted().toArray();
    Sample last = samples.getLast();
    return new CaseResult(
        payload.name(),
        payload.body().length,
        payload.requestedTokens(),
        samples.size(),
        Stats.percentile(ms, 50),
        Stats.percentile(ms, 90),
        last.originalTokens(),
        last.compressedTokens(),
        null);
  }

  private ConcurrencyResult concurrency(Payload payload, CaseResult sequential, List<String> notes)
      throws InterruptedException {
    if (!sequential.measured()) {
      notes.add("Concurrency case skipped: the 100K sequential case failed.");
      return null;
    }
    int perClient = Math.max(MIN_ROUNDS, sequential.rounds());
    CompressionBench.log(
        CONCURRENT_CLIENTS + " clients x " + perClient + " requests, " + payload.name());
    try (ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_CLIENTS)) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<Sample>>> futures = new ArrayList<>();
      for (int c = 0; c < CONCURRENT_CLIENTS; c++) {
        futures.add(pool.submit(clientLoop(payload, perClient, start)));
      }
      long t0 = System.nanoTime();
      start.countDown();
      List<Sample> all = new ArrayList<>();
      for (Future<List<Sample>> future : futures) {
        all.addAll(future.get());
      }
      double wallMs = (System.nanoTime() - t0) / 1e6;
      double[] ms = all.stream().mapToDouble(s -> s.nanos() / 1e6).sorted().toArray();
      return new ConcurrencyResult(
          payload.name(),
          CONCURRENT_CLIENTS,
          all.size(),
          wallMs,
          Stats.percentile(ms, 50),
          Stats.percentile(ms, 90));
    } catch (ExecutionException e) {
      notes.add("Concurrency case failed: " + e.getCause());
      return null;
    }
  }

  private Callable<List<Sample>> clientLoop(Payload payload, int requests, CountDownLatch start) {
    return () -> {
      HttpClient own = newClient();
      send(own, payload);
      start.await();
      List<Sample> samples = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        samples.add(send(own, payload));
      }
      return samples;
    };
  }

  private Sample send(HttpClient http, Payload payload)
      throws IOException, InterruptedException, HttpFailure {
    HttpRequest request =
        HttpRequest.newBuilder(target.url().resolve(payload.path()))
            .timeout(Duration.ofMinutes(2))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(payload.body()))
            .build();
    long t0 = System.nanoTime();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    long nanos = System.nanoTime() - t0;
    if (response.statusCode() != 200) {
      throw new HttpFailure(response.statusCode(), response.body());
    }
    return new Sample(
        nanos, lastInt(ORIGINAL, response.body()), lastInt(COMPRESSED, response.body()));
  }

  // The summary fields follow the (possibly large) compressed content, so take the last match.
  private static int lastInt(Pattern pattern, String body) throws IOException {
    Matcher m = pattern.matcher(body);
    int value = -1;
    while (m.find()) {
      value = Integer.parseInt(m.group(1));
    }
    if (value < 0) {
      throw new IOException("no " + pattern + " in the response");
    }
    return value;
  }

  static byte[] compressBody(String text) {
    String json =
        "{\"text\":"
            + Json.quote(text)
            + ",\"aggressiveness\":"
            + CompressionBench.AGGRESSIVENESS
            + "}";
    return json.getBytes(StandardCharsets.UTF_8);
  }
}

/** Minimal JSON string quoting; nothing else in the program needs a JSON library. */
final class Json {
  private Json() {}

  static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}

/** Percentiles by linear interpolation between closest ranks. */
final class Stats {
  private Stats() {}

  static double percentile(double[] sorted, double p) {
    if (sorted.length == 1) {
      return sorted[0];
    }
    double rank = p / 100.0 * (sorted.length - 1);
    int lo = (int) Math.floor(rank);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
  }
}

/**
 * Deterministic English-like prose: sentences of words from a fixed vocabulary, with commas,
 * numbers, question marks and paragraph breaks. Every size is a prefix of the same stream.
 */
final class ProseGenerator {
  static final long SEED = 20_250_101L;
  private static final String[] WORDS =
      ("the of and to in a is that for it as was with be by on not he this are or his from at"
              + " which but have an they you were her she there been one all we their has would"
              + " when if so no will more can about said what out up other into time only new"
              + " some could these two may first then do any like my now over such our man me"
              + " even most made after also did many before must through back years where much"
              + " your way well down should because each just those people how too little state"
              + " good very make world still own see men work long get here between both life"
              + " being under never day same another know while last might us great old year off"
              + " come since against go came right used take three states himself few house use"
              + " during without again place american around however home small found thought"
              + " went say part once general high upon school every does got united left number"
              + " course war until always away something fact though water less public put think"
              + " almost hand enough far took head yet government system better set told nothing"
              + " night end why called did eyes find going look asked later knew point next city"
              + " business give group toward young let room president side social given present"
              + " several order national possible rather second face per among form important"
              + " often things looked early white case john become large big need four within"
              + " felt along children saw best church ever least power development light thing"
              + " seemed family interest want members mind country area others done turned help"
              + " report budget meeting council request service customer account policy model"
              + " prompt token context answer question example document section review summary")
          .split(" ");
  private static final String[] UNITS = {"percent", "dollars", "minutes", "items", "days"};

  private final Random random = new Random(SEED);
  private final StringBuilder out;

  private ProseGenerator(int capacity) {
    out = new StringBuilder(capacity + 256);
  }

  /** About {@code chars} characters, ending at a sentence boundary. */
  static String generate(int chars) {
    ProseGenerator generator = new ProseGenerator(chars);
    while (generator.out.length() < chars) {
      generator.paragraph();
    }
    return generator.trimTo(chars);
  }

  private void paragraph() {
    int sentences = 3 + random.nextInt(5);
    for (int i = 0; i < sentences; i++) {
      sentence();
      out.append(i + 1 < sentences ? " " : "\n\n");
    }
  }

  private void sentence() {
    int words = 6 + random.nextInt(14);
    for (int i = 0; i < words; i++) {
      if (i > 0) {
        out.append(random.nextInt(9) == 0 ? ", " : " ");
      }
      String word = random.nextInt(14) == 0 ? number() : WORDS[random.nextInt(WORDS.length)];
      out.append(i == 0 ? capitalize(word) : word);
    }
    int end = random.nextInt(10);
    out.append(end == 0 ? '?' : end == 1 ? '!' : '.');
  }

  private String number() {
    return switch (random.nextInt(4)) {
      case 0 -> Integer.toString(1 + random.nextInt(99));
      case 1 -> Integer.toString(1900 + random.nextInt(130));
      case 2 -> (1 + random.nextInt(999)) + "." + random.nextInt(100) + " " + unit();
      default -> (1 + random.nextInt(99)) + " " + unit();
    };
  }

  private String unit() {
    return UNITS[random.nextInt(UNITS.length)];
  }

  private static String capitalize(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  private String trimTo(int chars) {
    int cut = chars;
    while (cut < out.length() && ".?!".indexOf(out.charAt(cut - 1)) < 0) {
      cut++;
    }
    return out.substring(0, Math.min(cut, out.length())).strip();
  }
}

/** Renders all results as Markdown. */
final class Report {
  static final double LINEARITY_TOLERANCE = 1.5;
  private static final String CASE_HEADER =
      "| case | rounds | median ms | p90 ms | req/s (c=1) | tokens in | tokens out | tokens/s |\n"
          + "|---|---:|---:|---:|---:|---:|---:|---:|\n";

  private final Options options;
  private final Target target;
  private final List<String> notes;
  private final List<CaseResult> texts;
  private final List<CaseResult> messages;
  private final List<CaseResult> synthetic;
  private final Optional<ConcurrencyResult> concurrent;

  Report(
      Options options,
      Target target,
      List<String> notes,
      List<CaseResult> texts,
      List<CaseResult> messages,
      List<CaseResult> synthetic,
      Optional<ConcurrencyResult> concurrent) {
    this.options = options;
    this.target = target;
    this.notes = notes;
    this.texts = texts;
    this.messages = messages;
    this.synthetic = synthetic;
    this.concurrent = concurrent;
  }

  String toMarkdown() {
    StringBuilder md = new StringBuilder();
    header(md);
    verdict(md);
    caseSection(md, "Corpus text — POST /compress", texts);
    caseSection(md, "Corpus messages — POST /v1/messages/compress", messages);
    syntheticSection(md);
    linearitySection(md);
    concurrencySection(md);
    notesSection(md);
    return md.toString();
  }

  private void header(StringBuilder md) {
    Runtime rt = Runtime.getRuntime();
    md.append("# Origin HTTP benchmark\n\n")
        .append("- Date: ")
        .append(
            ZonedDateTime.now()
                .truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
        .append('\n')
        .append("- Machine: ")
        .append(rt.availableProcessors())
        .append(" cores (Runtime.availableProcessors), Java ")
        .append(System.getProperty("java.version"))
        .append(" (")
        .append(System.getProperty("java.vm.name"))
        .append("), ")
        .append(System.getProperty("os.name"))
        .append(' ')
        .append(System.getProperty("os.version"))
        .append(' ')
        .append(System.getProperty("os.arch"))
        .append(loadAverage())
        .append('\n')
        .append("- Server: ")
        .append(target.description())
        .append('\n')
        .append(
            String.format(
                Locale.ROOT,
                "- Method: %d untimed warm-up requests, then up to %d timed sequential requests"
                    + " per case (at least 3; a case stops early after %d s), aggressiveness %.1f,"
                    + " HTTP/1.1 keep-alive. Wall time is measured in the client and includes"
                    + " sending the body and reading the whole response. Client and server run"
                    + " on the same machine and share its cores.\n",
                options.warmup(),
                options.rounds(),
                options.caseBudget().toSeconds(),
                CompressionBench.AGGRESSIVENESS))
        .append("- Figures are medians from one run on a shared, noisy machine")
        .append(" (other builds may run at the same time); treat small differences as noise.\n\n")
        .append(CompressionBench.TARGET_LINE)
        .append("\n\n");
  }

  // Other work on a shared machine skews every figure; the load at the end says how much there was.
  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return ", load average " + fields[0] + " " + fields[1] + " " + fields[2] + " at the end";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private void verdict(StringBuilder md) {
    md.append("## Verdict\n\n")
        .append("- 100K target: ")
        .append(targetVerdict())
        .append('\n')
        .append("- Linearity: ")
        .append(linearityVerdict())
        .append("\n\n");
  }

  private String targetVerdict() {
    CaseResult r = synthetic.get(Bench.indexOf(Bench.HUNDRED_K));
    if (!r.measured()) {
      return "not measured (" + r.skipped() + ")";
    }
    boolean met = r.medianMs() < CompressionBench.TARGET_100K_MS;
    return String.format(
        Locale.ROOT,
        "%s — median %.1f ms for %,d tokens vs %.0f ms target (p90 %.1f ms) on %d cores.",
        met ? "MET" : "NOT MET",
        r.medianMs(),
        r.tokensIn(),
        CompressionBench.TARGET_100K_MS,
        r.p90Ms(),
        Runtime.getRuntime().availableProcessors());
  }

  private String linearityVerdict() {
    CaseResult largest = synthetic.getLast();
    if (!largest.measured()) {
      return "not evaluated (1M case skipped: " + largest.skipped() + ")";
    }
    double worst = 0;
    for (CaseResult r : synthetic.subList(0, synthetic.size() - 1)) {
      if (r.measured()) {
        worst = Math.max(worst, largest.msPerThousandTokens() / r.msPerThousandTokens());
      }
    }
    return String.format(
        Locale.ROOT,
        "%s — ms per 1K tokens at 1M is at most %.2f× that of the smaller sizes"
            + " (linear if ≤ %.1f×).",
        worst <= LINEARITY_TOLERANCE ? "LINEAR" : "NOT LINEAR",
        worst,
        LINEARITY_TOLERANCE);
  }

  private void caseSection(StringBuilder md, String title, List<CaseResult> results) {
    md.append("## ").append(title).append("\n\n");
    if (results.isEmpty()) {
      md.append("No cases (corpus not found).\n\n");
      return;
    }
    md.append(CASE_HEADER);
    for (CaseResult r : results) {
      md.append(caseRow(r)).append('\n');
    }
    md.append('\n');
  }

  private static String caseRow(CaseResult r) {
    if (!r.measured()) {
      return "| " + r.name() + " | 0 | skipped: " + r.skipped() + " | | | | | |";
    }
    return String.format(
        Locale.ROOT,
        "| %s | %d | %.2f | %.2f | %.1f | %,d | %,d | %,.0f |",
        r.name(),
        r.rounds(),
        r.medianMs(),
        r.p90Ms(),
        r.requestsPerSecond(),
        r.tokensIn(),
        r.tokensOut(),
        r.tokensPerSecond());
  }

  private void syntheticSection(StringBuilder md) {
    caseSection(md, "Synthetic prose — POST /compress", synthetic);
    md.append("| size | requested tokens | original_tokens reported | body bytes |\n")
        .append("|---|---:|---:|---:|\n");
    for (CaseResult r : synthetic) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %s | %,d |\n",
              Bench.label(r.requestedTokens()),
              r.requestedTokens(),
              r.measured() ? String.format(Locale.ROOT, "%,d", r.tokensIn()) : "—",
              r.bodyBytes()));
    }
    md.append("\nProse from a fixed-seed generator (seed ")
        .append(ProseGenerator.SEED)
        .append("); each size is a prefix of the same stream.\n\n");
  }

  private void linearitySection(StringBuilder md) {
    md.append("## Linearity\n\n")
        .append("| size | ms per 1K tokens | 1M ÷ this |\n")
        .append("|---|---:|---:|\n");
    CaseResult largest = synthetic.getLast();
    for (CaseResult r : synthetic) {
      if (!r.measured()) {
        md.append("| ").append(Bench.label(r.requestedTokens())).append(" | skipped | — |\n");
        continue;
      }
      String ratio =
          largest.measured()
              ? String.format(
                  Locale.ROOT, "%.2f", largest.msPerThousandTokens() / r.msPerThousandTokens())
              : "—";
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.3f | %s |\n",
              Bench.label(r.requestedTokens()),
              r.msPerThousandTokens(),
              ratio));
    }
    md.append(
        "\nA ratio near 1 means the same cost per token; above 1 means 1M costs more per token"
            + " (superlinear). Small prompts carry fixed per-request cost, so ratios below 1"
            + " there are expected.\n\n");
  }

  private void concurrencySection(StringBuilder md) {
    md.append("## Concurrency — synthetic 100K, ")
        .append(Bench.CONCURRENT_CLIENTS)
        .append(" clients\n\n");
    if (concurrent.isEmpty()) {
      md.append("Not measured (see notes).\n\n");
      return;
    }
    ConcurrencyResult c = concurrent.get();
    CaseResult single = synthetic.get(Bench.indexOf(Bench.HUNDRED_K));
    md.append(
            "| clients | requests | wall s | throughput req/s | median ms | p90 ms |"
                + " req/s at c=1 |\n")
        .append("|---:|---:|---:|---:|---:|---:|---:|\n")
        .append(
            String.format(
                Locale.ROOT,
                "| %d | %d | %.2f | %.2f | %.1f | %.1f | %.2f |\n\n",
                c.clients(),
                c.requests(),
                c.wallMs() / 1000,
                c.throughput(),
                c.medianMs(),
                c.p90Ms(),
                single.requestsPerSecond()));
  }

  private void notesSection(StringBuilder md) {
    if (notes.isEmpty()) {
      return;
    }
    md.append("## Notes\n\n");
    for (String note : notes) {
      md.append("- ").append(note).append('\n');
    }
    md.append('\n');
  }
}
