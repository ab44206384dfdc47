import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

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
    return fromValues(flags(args));
  }

  /**
   * What {@code parse} makes of {@code args}; on a mistake in them, prints it and {@code usage} and
   * exits with status 2.
   */
  static <T> T parseOrExit(String[] args, Function<String[], T> parse, String usage) {
    try {
      return parse.apply(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(usage);
      System.exit(2);
      throw e;
    }
  }

  /** {@code --name value} and {@code --name=value} pairs by name; refuses anything else. */
  static Map<String, String> flags(String[] args) {
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
    return values;
  }

  private static Options fromValues(Map<String, String> values) {
    Path root = repoRoot();
    Optional<Path> jar = Optional.ofNullable(values.remove("start-jar")).map(Path::of);
    Optional<URI> url = Optional.ofNullable(values.remove("url")).map(raw -> loopback("url", raw));
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

  static Path path(Map<String, String> values, String name, Path fallback) {
    String raw = values.remove(name);
    return (raw == null ? fallback : Path.of(raw)).normalize();
  }

  static int positive(Map<String, String> values, String name, int fallback) {
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
  static URI loopback(String option, String raw) {
    URI uri = URI.create(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
    String host = uri.getHost();
    if (!"http".equals(uri.getScheme())
        || !("127.0.0.1".equals(host) || "localhost".equals(host))) {
      throw new IllegalArgumentException(
          "--" + option + " must be http://127.0.0.1:PORT, got " + raw);
    }
    return uri;
  }

  // Defaults are relative to the repository root, wherever the launcher was started from.
  static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("bench/CompressionBench.java"))) {
        return p;
      }
    }
    return dir;
  }
}
