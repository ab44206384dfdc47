import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code reference_bench.py} measured, read from its JSON file.
 *
 * @param python the interpreter's version
 * @param packages versions of the packages that do the work, by name
 * @param skipped why nothing was measured, when nothing was
 * @param models per model, the throughput of each way of using the cores
 */
record ReferenceResults(
    String python,
    Map<String, String> packages,
    int passes,
    int iterations,
    int warmup,
    Optional<String> skipped,
    List<ModelRuns> models) {

  /** One model's runs, and the tokens of one round over the texts as a check on the output. */
  record ModelRuns(String name, long originTokens, long compressedTokens, List<Run> runs) {
    Optional<Run> run(String mode) {
      return runs.stream().filter(r -> r.mode().equals(mode)).findFirst();
    }
  }

  /**
   * One way of using the cores, such as {@code "2 processes"}.
   *
   * @param passModelShare each pass's share of wall time inside the model's forward call; empty
   *     where it was not measured
   * @param passCpuStall each pass's share of wall time in which some task waited for a CPU, NaN
   *     where the kernel does not report it
   */
  @SuppressWarnings("ArrayRecordComponent") // a result carrier; never compared
  record Run(
      String mode,
      int callers,
      double[] passRps,
      double medianRps,
      double[] passModelShare,
      double[] passCpuStall) {
    /** Milliseconds per request inside the model call, at the median pass. */
    double modelMsPerRequest() {
      return 1000 * Stats.median(passModelShare) / medianRps;
    }

    /** Milliseconds per request outside the model call, at the median pass. */
    double outsideMsPerRequest() {
      return 1000 * (1 - Stats.median(passModelShare)) / medianRps;
    }
  }

  static ReferenceResults read(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(file));
    Map<String, String> packages = new LinkedHashMap<>();
    root.path("packages")
        .properties()
        .forEach(e -> packages.put(e.getKey(), e.getValue().asText()));
    List<ModelRuns> models = new ArrayList<>();
    for (JsonNode model : root.path("models")) {
      List<Run> runs = new ArrayList<>();
      for (JsonNode run : model.path("runs")) {
        runs.add(
            new Run(
                run.path("mode").asText(),
                run.path("callers").asInt(),
                doubles(run.path("pass_rps")),
                run.path("median_rps").asDouble(),
                doubles(run.path("pass_model_share")),
                doubles(run.path("pass_cpu_stall"))));
      }
      models.add(
          new ModelRuns(
              model.path("name").asText(),
              model.path("origin_tokens").asLong(),
              model.path("compressed_tokens").asLong(),
              runs));
    }
    JsonNode skipped = root.get("skipped");
    return new ReferenceResults(
        root.path("python").asText("?"),
        packages,
        root.path("passes").asInt(),
        root.path("iterations").asInt(),
        root.path("warmup").asInt(),
        skipped == null ? Optional.empty() : Optional.of(skipped.asText()),
        models);
  }

  private static double[] doubles(JsonNode array) {
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      JsonNode value = array.get(i);
      values[i] = value.isNumber() ? value.asDouble() : Double.NaN;
    }
    return values;
  }

  Optional<ModelRuns> model(String name) {
    return models.stream().filter(m -> m.name().equals(name)).findFirst();
  }
}
