import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * LLMLingua-2 benchmark: throughput of {@code LinguaCompressor.compressPrompt} against the
 * reference on the tiny test models (part A), and request time on a BERT-base-sized model split
 * into time inside and outside the model call (part B).
 *
 * <p>Run from the repository root with {@code bench/lingua/run.sh}, which runs the reference first;
 * see bench/lingua/README.md.
 */
public final class LinguaBench {
  static final List<String> TINY_MODELS =
      List.of("tiny-bert-base-multilingual-cased", "tiny-xlm-roberta-large");
  static final int[] CALLERS = {1, 2};

  /** Model tokens per request in part B: one full chunk (512 positions framed), 2K and 8K. */
  static final int[] SIZES = {510, 2_048, 8_192};

  /** The size at which two inference threads are also measured: the one with two batches. */
  static final int TWO_THREAD_SIZE = 8_192;

  private LinguaBench() {}

  public static void main(String[] args) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(BenchOptions.USAGE);
      System.exit(2);
      return;
    }
    String loadAtStart = Machine.loadAverage();
    Instant started = Instant.now();
    List<String> notes = new ArrayList<>();
    List<String> texts = corpusTexts(options.corpus(), notes);
    Optional<ReferenceResults> reference = reference(options.reference(), notes);

    List<ThroughputRun.Result> throughput =
        texts.isEmpty() ? List.of() : throughput(options, texts);
    List<LatencyRun.Result> latency = texts.isEmpty() ? List.of() : latency(options, texts, notes);

    LinguaReport report =
        new LinguaReport(
            options, started, loadAtStart, notes, texts.size(), reference, throughput, latency);
    String markdown = report.toMarkdown();
    System.out.println(markdown);
    Files.createDirectories(options.out().getParent());
    Files.writeString(options.out(), markdown, StandardCharsets.UTF_8);
    log("wrote " + options.out());
  }

  private static List<String> corpusTexts(Path corpus, List<String> notes) throws IOException {
    Path dir = corpus.resolve("text");
    if (!Files.isDirectory(dir)) {
      note(notes, "Corpus folder " + dir + " not found: nothing was measured.");
      return List.of();
    }
    List<String> texts = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
        texts.add(Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    if (texts.isEmpty()) {
      note(notes, "Corpus folder " + dir + " holds no .txt files: nothing was measured.");
    }
    return texts;
  }

  private static Optional<ReferenceResults> reference(Path file, List<String> notes)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      note(notes, "No reference results at " + file + "; run bench/lingua/run.sh for them.");
      return Optional.empty();
    }
    ReferenceResults results = ReferenceResults.read(file);
    results.skipped().ifPresent(why -> note(notes, "The reference measured nothing: " + why));
    return Optional.of(results);
  }

  private static List<ThroughputRun.Result> throughput(BenchOptions options, List<String> texts)
      throws Exception {
    List<ThroughputRun.Result> results = new ArrayList<>();
    for (String name : TINY_MODELS) {
      Path dir = options.tinyModels().resolve(name);
      for (int callers : CALLERS) {
        // One inference thread per caller, as the service sizes its pool to the cores.
        try (ModelFolder.Timed timed = ModelFolder.openTimed(dir, callers)) {
          ThroughputRun.Result result =
              ThroughputRun.measure(
                  name,
                  timed,
                  texts,
                  callers,
                  options.warmup(),
                  options.iterations(),
                  options.passes());
          log(
              String.format(
                  Locale.ROOT,
                  "%s, %s: median %.1f req/s",
                  name,
                  LinguaReport.callers(callers),
                  result.medianRps()));
          results.add(result);
        }
      }
    }
    return results;
  }

  private static List<LatencyRun.Result> latency(
      BenchOptions options, List<String> texts, List<String> notes) throws IOException {
    Path tiny = options.tinyModels().resolve(TINY_MODELS.getFirst());
    List<LatencyRun.Result> results = new ArrayList<>();
    try (SizedText sized =
        SizedText.over(tiny.resolve("tokenizer.json"), texts, SIZES[SIZES.length - 1])) {
      if (ModelFolder.isModel(options.baseModel())) {
        results.addAll(measureLatency(options, options.baseModel(), 1, sized, SIZES));
        results.addAll(
            measureLatency(options, options.baseModel(), 2, sized, new int[] {TWO_THREAD_SIZE}));
      } else {
        note(
            notes,
            "No 12-layer model at "
                + options.baseModel()
                + "; make it with bench/lingua/export_base_model.py (run.sh does).");
      }
      // The tiny model's run costs next to nothing, so its outside share is the pipeline's own.
      results.addAll(measureLatency(options, tiny, 1, sized, SIZES));
    }
    return results;
  }

  private static List<LatencyRun.Result> measureLatency(
      BenchOptions options, Path dir, int threads, SizedText sized, int[] sizes) {
    return LatencyRun.measure(
        dir, threads, sized, sizes, 1, options.rounds(), options.caseBudget());
  }

  private static void note(List<String> notes, String note) {
    log(note);
    notes.add(note);
  }

  static void log(String message) {
    System.err.println("[lingua-bench] " + message);
  }
}
