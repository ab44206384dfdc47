import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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

  static HttpClient newClient() {
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
  static int lastInt(Pattern pattern, String body) throws IOException {
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
