package com.usagetap.compression.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A hub on 127.0.0.1 that serves one repository from a folder with the parts of the Hugging Face
 * protocol the downloader uses, and a CDN on another port, the other origin that the hub redirects
 * LFS downloads to. Every request to either is recorded.
 *
 * <p>Files whose names end in {@code .onnx} or {@code .onnx_data} are listed as LFS files with
 * their SHA-256; the others as git blobs. {@code onnx/model.onnx} is served through a 302 to the
 * CDN, as the real hub serves LFS files.
 */
final class FakeHub implements AutoCloseable {
  static final String REPO = "acme/tiny-lingua";
  static final String REVISION = "0123456789abcdef0123456789abcdef01234567";
  static final String LISTING = "listing";
  static final String REDIRECTED = "onnx/model.onnx";

  /** One request as it arrived. */
  record Request(String server, String path, Optional<String> authorization) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path repo;
  private final HttpServer hub;
  private final HttpServer cdn;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Set<String> unlisted = ConcurrentHashMap.newKeySet();
  private final Map<String, byte[]> servedInstead = new ConcurrentHashMap<>();
  private final Map<String, Deque<Integer>> failures = new ConcurrentHashMap<>();
  private final Map<String, Integer> stalls = new ConcurrentHashMap<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private volatile Optional<String> listingInstead = Optional.empty();
  private volatile Duration listingDelay = Duration.ZERO;

  private FakeHub(Path repo) throws IOException {
    this.repo = repo;
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    hub = HttpServer.create(loopback, 0);
    cdn = HttpServer.create(loopback, 0);
    hub.createContext("/", exchange -> handle("hub", exchange));
    cdn.createContext("/", exchange -> handle("cdn", exchange));
    hub.setExecutor(executor);
    cdn.setExecutor(executor);
    hub.start();
    cdn.start();
  }

  /** Serves the repository in {@code repo}, as written by {@link #writeRepository}. */
  static FakeHub serve(Path repo) throws IOException {
    return new FakeHub(repo);
  }

  /**
   * Writes a repository laid out as transformers.js exports are: the graphs under {@code onnx/},
   * the tokenizer and configuration at the root, and files the model does not need.
   */
  static void writeRepository(Path repo) throws IOException {
    Files.createDirectories(repo.resolve("onnx"));
    Files.writeString(repo.resolve("config.json"), "{\"model_type\": \"xlm-roberta\"}");
    Files.writeString(repo.resolve("tokenizer.json"), "{\"version\": \"1.0\", \"model\": {}}");
    Files.writeString(repo.resolve("tokenizer_config.json"), "{\"model_max_length\": 512}");
    Files.writeString(repo.resolve("special_tokens_map.json"), "{\"cls_token\": \"<s>\"}");
    Files.writeString(repo.resolve("README.md"), "# tiny lingua\n");
    Files.write(repo.resolve("onnx/model.onnx"), pattern(300_000, 7));
    Files.write(repo.resolve("onnx/model.onnx_data"), pattern(20_000, 11));
    Files.write(repo.resolve("onnx/model_quantized.onnx"), pattern(1_000, 13));
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + hub.getAddress().getPort());
  }

  HubModel model() {
    return new HubModel(url(), REPO, REVISION, Optional.of("onnx"));
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Paths of the repository whose content was asked for, from the hub or the CDN. */
  List<String> downloads() {
    return requests.stream()
        .map(Request::path)
        .filter(path -> path.startsWith(resolvePrefix()) || path.startsWith("/blobs/"))
        .map(
            path ->
                path.startsWith("/blobs/")
                    ? path.substring(7)
                    : path.substring(resolvePrefix().length()))
        .toList();
  }

  /**
   * What {@link #downloads()} lists after one complete download of {@link #model()}: each model
   * file once, and the graph a second time at the CDN it is redirected to.
   */
  static List<String> modelDownloads() {
    return List.of(
        "onnx/model.onnx",
        REDIRECTED,
        "tokenizer.json",
        "config.json",
        "tokenizer_config.json",
        "special_tokens_map.json",
        "onnx/model.onnx_data");
  }

  void clearRequests() {
    requests.clear();
  }

  /** Leaves a file out of the listing; it is still served. */
  void unlist(String path) {
    unlisted.add(path);
  }

  /** Serves other bytes for a file than those the listing describes. */
  void serveInstead(String path, byte[] content) {
    servedInstead.put(path, content);
  }

  /** Answers the next {@code times} requests for a file, or for {@link #LISTING}, with a status. */
  void fail(String path, int status, int times) {
    Deque<Integer> queue = new ArrayDeque<>();
    for (int i = 0; i < times; i++) {
      queue.add(status);
    }
    failures.put(path, queue);
  }

  /** Sends half of a file for the next {@code times} requests, then nothing more. */
  void stall(String path, int times) {
    stalls.put(path, times);
  }

  void replaceListing(String body) {
    listingInstead = Optional.of(body);
  }

  /** Holds every listing answer back, so that downloads started together overlap. */
  void delayListing(Duration delay) {
    listingDelay = delay;
  }

  private void handle(String server, HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    requests.add(
        new Request(
            server,
            path,
            Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"))));
    try (exchange) {
      if (server.equals("cdn") && path.startsWith("/blobs/")) {
        serveFile(exchange, path.substring(7));
      } else if (server.equals("hub") && path.equals(listingPath())) {
        serveListing(exchange);
      } else if (server.equals("hub") && path.startsWith(resolvePrefix())) {
        serveResolve(exchange, path.substring(resolvePrefix().length()));
      } else {
        answer(exchange, 404, path.contains(REPO) ? "RevisionNotFound" : "RepoNotFound");
      }
    }
  }

  private void serveListing(HttpExchange exchange) throws IOException {
    if (!"blobs=true".equals(exchange.getRequestURI().getRawQuery())) {
      answer(exchange, 400, "BadRequest");
      return;
    }
    sleep(listingDelay);
    if (injectedFailure(exchange, LISTING)) {
      return;
    }
    byte[] body = listingInstead.orElseGet(this::listing).getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
  }

  private void serveResolve(HttpExchange exchange, String path) throws IOException {
    if (path.equals(REDIRECTED) && Files.isRegularFile(repo.resolve(path))) {
      String cdnUrl = "http://127.0.0.1:" + cdn.getAddress().getPort() + "/blobs/" + path;
      exchange.getResponseHeaders().set("Location", cdnUrl + "?X-Amz-Signature=abc123");
      exchange.sendResponseHeaders(302, -1);
      return;
    }
    serveFile(exchange, path);
  }

  private void serveFile(HttpExchange exchange, String path) throws IOException {
    if (injectedFailure(exchange, path)) {
      return;
    }
    Path file = repo.resolve(path);
    if (!Files.isRegularFile(file)) {
      answer(exchange, 404, "EntryNotFound");
      return;
    }
    byte[] content = servedInstead.getOrDefault(path, Files.readAllBytes(file));
    exchange.sendResponseHeaders(200, content.length);
    OutputStream body = exchange.getResponseBody();
    if (stalls.merge(path, -1, Integer::sum) >= 0) {
      body.write(content, 0, content.length / 2);
      body.flush();
      awaitRelease();
      return;
    }
    body.write(content);
  }

  private boolean injectedFailure(HttpExchange exchange, String key) throws IOException {
    Deque<Integer> queue = failures.get(key);
    Integer status = queue == null ? null : queue.poll();
    if (status == null) {
      return false;
    }
    answer(exchange, status, "Injected");
    return true;
  }

  private String listing() {
    ObjectNode root = JSON.createObjectNode().put("id", REPO).put("sha", REVISION);
    ArrayNode siblings = root.putArray("siblings");
    try (Stream<Path> files = Files.walk(repo)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String path = repo.relativize(file).toString().replace('\\', '/');
        if (unlisted.contains(path)) {
          continue;
        }
        byte[] content = Files.readAllBytes(file);
        ObjectNode sibling = siblings.addObject().put("rfilename", path);
        sibling.put("size", content.length).put("blobId", gitBlobSha1(content));
        if (path.endsWith(".onnx") || path.endsWith(".onnx_data")) {
          sibling
              .putObject("lfs")
              .put("sha256", sha256(content))
              .put("size", content.length)
              .put("pointerSize", 134);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return root.toString();
  }

  private static void answer(HttpExchange exchange, int status, String errorCode)
      throws IOException {
    exchange.getResponseHeaders().set("X-Error-Code", errorCode);
    exchange.sendResponseHeaders(status, -1);
  }

  private static String listingPath() {
    return "/api/models/" + REPO + "/revision/" + REVISION;
  }

  private static String resolvePrefix() {
    return "/" + REPO + "/resolve/" + REVISION + "/";
  }

  static byte[] pattern(int length, int seed) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = (byte) (i * seed + i / 251);
    }
    return bytes;
  }

  static String sha256(byte[] content) {
    return hex("SHA-256", new byte[0], content);
  }

  static String gitBlobSha1(byte[] content) {
    byte[] header = ("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII);
    return hex("SHA-1", header, content);
  }

  private static String hex(String algorithm, byte[] header, byte[] content) {
    try {
      MessageDigest digest = MessageDigest.getInstance(algorithm);
      digest.update(header);
      return HexFormat.of().formatHex(digest.digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void awaitRelease() {
    try {
      released.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    released.countDown();
    hub.stop(0);
    cdn.stop(0);
    executor.shutdownNow();
  }
}
