import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
