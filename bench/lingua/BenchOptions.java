import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Command-line options, already validated; every path defaults to its place in the repository.
 *
 * @param passes timed passes per throughput case
 * @param iterations rounds over all texts per caller in one pass
 * @param warmup untimed rounds over all texts before the passes
 * @param rounds timed requests per latency case
 * @param caseBudget time after which a latency case stops early (after at least 3 requests)
 */
record BenchOptions(
    Path root,
    Path corpus,
    Path tinyModels,
    Path baseModel,
    Path reference,
    Path out,
    int passes,
    int iterations,
    int warmup,
    int rounds,
    Duration caseBudget) {

  static final String USAGE =
      """
      usage: java --enable-native-access=ALL-UNNAMED -cp 'target/origin.jar:target/lib/*'
               bench/lingua/LinguaBench.java
             [--corpus DIR] [--tiny-models DIR] [--base-model DIR] [--reference FILE]
             [--out FILE] [--passes N] [--iterations N] [--warmup N] [--rounds N]
             [--case-budget-seconds S]
      """;

  static BenchOptions parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--") || arg.equals("--help")) {
        throw new IllegalArgumentException(
            arg.equals("--help") ? "usage requested" : "unexpected argument " + arg);
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
    Path root = repoRoot();
    BenchOptions options =
        new BenchOptions(
            root,
            path(values, "corpus", root.resolve("../shared/corpus")),
            path(values, "tiny-models", root.resolve("src/test/resources/lingua/models")),
            path(
                values,
                "base-model",
                root.resolve("bench/lingua/work/base-12-layer-bert-base-multilingual-cased")),
            path(values, "reference", root.resolve("bench/lingua/work/reference.json")),
            path(values, "out", root.resolve("bench/results/lingua.md")),
            count(values, "passes", 5),
            count(values, "iterations", 3),
            count(values, "warmup", 2),
            count(values, "rounds", 5),
            Duration.ofSeconds(count(values, "case-budget-seconds", 40)));
    if (!values.isEmpty()) {
      throw new IllegalArgumentException("unknown option(s) " + values.keySet());
    }
    return options;
  }

  private static Path path(Map<String, String> values, String name, Path fallback) {
    String raw = values.remove(name);
    return (raw == null ? fallback : Path.of(raw)).toAbsolutePath().normalize();
  }

  private static int count(Map<String, String> values, String name, int fallback) {
    String raw = values.remove(name);
    if (raw == null) {
      return fallback;
    }
    int value;
    try {
      value = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " is not a whole number: " + raw);
    }
    if (value < 1 || value > 1000) {
      throw new IllegalArgumentException("--" + name + " must be 1..1000, got " + value);
    }
    return value;
  }

  // Defaults are relative to the repository root, wherever the launcher was started from.
  private static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("bench/lingua/LinguaBench.java"))) {
        return p;
      }
    }
    return dir;
  }
}
