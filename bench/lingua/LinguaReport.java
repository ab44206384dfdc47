import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OrtEnvironment;
import com.knuddels.jtokkit.Encodings;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The Markdown report: context, verdict, method and the tables of both parts. */
final class LinguaReport {
  static final double TARGET_RATIO = 5.0;
  static final double TARGET_OUTSIDE_SHARE = 0.10;

  /** Java's case, the reference's mode it is compared with, and whether the target applies. */
  private record Pairing(int callers, String referenceMode, boolean targeted) {}

  private static final List<Pairing> PAIRINGS =
      List.of(
          new Pairing(1, "1 thread", true),
          new Pairing(2, "2 processes", true),
          new Pairing(2, "2 threads", false));

  private final BenchOptions options;
  private final Instant started;
  private final String loadAtStart;
  private final List<String> notes;
  private final int textCount;
  private final Optional<ReferenceResults> reference;
  private final List<ThroughputRun.Result> throughput;
  private final List<LatencyRun.Result> latency;
  private final StringBuilder out = new StringBuilder();

  LinguaReport(
      BenchOptions options,
      Instant started,
      String loadAtStart,
      List<String> notes,
      int textCount,
      Optional<ReferenceResults> reference,
      List<ThroughputRun.Result> throughput,
      List<LatencyRun.Result> latency) {
    this.options = options;
    this.started = started;
    this.loadAtStart = loadAtStart;
    this.notes = notes;
    this.textCount = textCount;
    this.reference = reference;
    this.throughput = throughput;
    this.latency = latency;
  }

  String toMarkdown() {
    header();
    verdict();
    method();
    throughputTables();
    latencyTable();
    return out.toString();
  }

  private void header() {
    line("# LLMLingua-2 benchmark: Java against the reference");
    line("");
    line("- Date: " + started.truncatedTo(ChronoUnit.SECONDS));
    line(
        "- Machine: %d cores (nproc; /proc/cpuinfo lists %d), CPU %s, %s %s; load average %s at"
            + " the start, %s at the end; CPU pressure (some, avg60) %s at the end",
        Runtime.getRuntime().availableProcessors(),
        Machine.cpuinfoProcessors(),
        Machine.cpuModel(),
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        loadAtStart,
        Machine.loadAverage(),
        Machine.cpuPressure());
    line(
        "- Java: %s (%s), ONNX Runtime %s, DJL tokenizers %s, JTokkit %s; repository at %s",
        Runtime.version(),
        System.getProperty("java.vm.name"),
        Machine.jarVersion(OrtEnvironment.class),
        Machine.jarVersion(HuggingFaceTokenizer.class),
        Machine.jarVersion(Encodings.class),
        Machine.revision(options.root()));
    reference.ifPresent(
        r ->
            line(
                "- Reference: Python %s, %s",
                r.python(),
                r.packages().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "))));
    line(
        "- Targets: Java at least %.0f× the reference's requests per second; under %.0f%% of a"
            + " request's time outside ONNX Runtime's run call on the 12-layer model.",
        TARGET_RATIO, 100 * TARGET_OUTSIDE_SHARE);
    for (String note : notes) {
      line("- Note: " + note);
    }
    line("");
  }

  private void verdict() {
    line("## Verdict");
    line("");
    for (String model : LinguaBench.TINY_MODELS) {
      for (Pairing pairing : PAIRINGS) {
        if (!pairing.targeted()) {
          continue;
        }
        ratio(model, pairing)
            .ifPresent(
                ratio ->
                    line(
                        "- Part A, %s, %s vs %s: Java %.1f req/s, reference %.2f"
                            + " req/s, %.1f× — %s",
                        model,
                        callers(pairing.callers()),
                        pairing.referenceMode(),
                        java(model, pairing.callers()).orElseThrow().medianRps(),
                        referenceRun(model, pairing.referenceMode()).orElseThrow().medianRps(),
                        ratio,
                        ratio >= TARGET_RATIO ? "MET (≥ 5×)" : "NOT MET (< 5×)"));
      }
    }
    for (String model : LinguaBench.TINY_MODELS) {
      Optional<ThroughputRun.Result> java = java(model, 1);
      Optional<ReferenceResults.Run> ref =
          referenceRun(model, "1 thread").filter(r -> r.passModelShare().length > 0);
      if (java.isPresent() && ref.isPresent()) {
        line(
            "- Part A, %s, 1 caller, split: in the model call %.1f ms per request (Java) vs"
                + " %.1f ms (reference); outside it %.1f ms vs %.1f ms (%.1f× less in Java)."
                + " With nothing at all outside the model call, Java would reach %.1f×.",
            model,
            java.get().inRunMsPerRequest(),
            ref.get().modelMsPerRequest(),
            java.get().outsideMsPerRequest(),
            ref.get().outsideMsPerRequest(),
            ref.get().outsideMsPerRequest() / java.get().outsideMsPerRequest(),
            1000 / ref.get().medianRps() / java.get().inRunMsPerRequest());
      }
    }
    List<LatencyRun.Result> base = latencyOf(options.baseModel().getFileName().toString(), 1);
    if (!base.isEmpty()) {
      String shares =
          base.stream()
              .map(
                  r ->
                      String.format(
                          Locale.ROOT,
                          "%.1f%% at %,d",
                          100 * r.medianOutsideShare(),
                          r.modelTokens()))
              .collect(Collectors.joining(", "));
      boolean met = base.stream().allMatch(r -> r.medianOutsideShare() < TARGET_OUTSIDE_SHARE);
      line(
          "- Part B, share of request time outside the run call (12-layer model, 1 inference"
              + " thread): %s model tokens — %s",
          shares, met ? "MET (< 10%)" : "NOT MET (≥ 10% somewhere)");
      LatencyRun.Result chunk = base.getFirst();
      line(
          "- Expected CPU latency of a BERT-base-sized LLMLingua-2 model: %.0f ms per 512-token"
              + " chunk on one core (%.0f ms for the whole %d-token request); %.0f ms per chunk"
              + " in batches of %d at %,d tokens.",
          chunk.inRunMsPerChunk(),
          chunk.medianRequestMs(),
          chunk.modelTokens(),
          base.getLast().inRunMsPerChunk(),
          ModelFolder.MAX_BATCH,
          base.getLast().modelTokens());
    }
    line("");
  }

  private void method() {
    line("## Method");
    line("");
    line(
        "Part A runs `LinguaCompressor.compressPrompt(List.of(text), rate 0.5)` and the"
            + " reference's `PromptCompressor(model_name=<folder>, device_map=\"cpu\","
            + " use_llmlingua2=True).compress_prompt(text, rate=0.5)` on the same tiny"
            + " random-weight models (hidden 32, 2 layers; Java reads the committed ONNX export,"
            + " the reference the PyTorch weights it was exported from) and the same %d texts of"
            + " `%s`, read at run time. Java opens each model as the service does (tokenizer,"
            + " `OnnxClassifier` with one ONNX Runtime thread per call, `InferencePool` with as"
            + " many platform threads as callers, batches of up to %d chunks).",
        textCount, options.corpus().resolve("text"), ModelFolder.MAX_BATCH);
    line("");
    line(
        "- Java: %d untimed round(s) over all texts, then %d passes of %d round(s) per caller;"
            + " callers are platform threads released together by a barrier. A decorator"
            + " around the `OnnxClassifier` records its calls, for the split below.",
        options.warmup(), options.passes(), options.iterations());
    reference.ifPresent(
        r ->
            line(
                "- Reference: %d untimed round(s), then %d passes of %d round(s) per caller,"
                    + " torch on one thread per operation; with 1 thread, hooks on the model"
                    + " add up the time of its forward calls. Its 2-core figure comes from 2"
                    + " processes,"
                    + " each with its own compressor: much of a request is Python code (chunking,"
                    + " word merging, a tiktoken call per word) that holds the GIL, so a Python"
                    + " service gets two cores' worth from processes. 2 threads in one process"
                    + " are shown too, without a target.",
                r.warmup(), r.passes(), r.iterations()));
    line(
        "- A pass's throughput is its requests over its wall time; the tables give the median"
            + " over passes and the range. Python pads every chunk to 512 positions (its"
            + " dataset's `max_len`); Java runs each chunk at its own length.");
    line("");
    line(
        "Part B times single requests (one at a time, after 1 untimed request per model and thread"
            + " count) of the first ~512, ~2K and ~8K model tokens of the corpus (texts joined in"
            + " file order), counted with the tiny BERT tokenizer, on a random-weight BERT token"
            + " classifier of BERT-base shape (12 layers, hidden 768, 12 heads, intermediate 3072)"
            + " with the tiny model's vocabulary, exported to ONNX by `export_base_model.py`. A"
            + " decorator around the `OnnxClassifier` records each `keepProbabilities` call (ONNX"
            + " Runtime's `session.run` plus the tensor copies and softmax around it); \"in run\""
            + " is the time during which at least one call was running, \"outside\" the rest of the"
            + " request. Up to %d timed requests per case; a case stops early once it has run %d"
            + " s and has 3. The tiny model is measured the same way: its model call is cheap"
            + " (hidden 32, 2 layers), so there the outside time is a visible share and shows what"
            + " the pipeline itself costs per token.",
        options.rounds(), options.caseBudget().toSeconds());
    line("");
    line(
        "Figures are medians from one run. The machine may be shared with other work; the load"
            + " average and CPU pressure above say how much, and under contention the 2-caller"
            + " figures suffer most.");
    line("");
  }

  private void throughputTables() {
    line("## Part A — requests per second, tiny models");
    line("");
    line(
        "| model | Java callers | Java req/s | Java range | Java CPU stall | reference |"
            + " reference req/s | reference range | reference CPU stall | Java / reference |");
    line("|---|---:|---:|---:|---:|---|---:|---:|---:|---:|");
    for (String model : LinguaBench.TINY_MODELS) {
      for (Pairing pairing : PAIRINGS) {
        Optional<ThroughputRun.Result> java = java(model, pairing.callers());
        if (java.isEmpty()) {
          continue;
        }
        Optional<ReferenceResults.Run> ref = referenceRun(model, pairing.referenceMode());
        line(
            "| %s | %d | %.1f | %s | %s | %s | %s | %s | %s | %s |",
            model,
            pairing.callers(),
            java.get().medianRps(),
            range(java.get().passRps()),
            percent(Stats.median(java.get().passCpuStall())),
            pairing.referenceMode() + (pairing.targeted() ? "" : " (no target)"),
            ref.map(r -> format("%.2f", r.medianRps())).orElse("—"),
            ref.map(r -> range(r.passRps())).orElse("—"),
            ref.map(r -> percent(Stats.median(r.passCpuStall()))).orElse("—"),
            ratio(model, pairing).map(x -> format("%.1f×", x)).orElse("—"));
      }
    }
    line("");
    line(
        "CPU stall: the median over passes of the share of a pass's time in which some task on"
            + " the machine waited for a CPU (/proc/pressure/cpu). With 1 caller it should be near"
            + " 0; tens of percent there mean other work competed and the figure is low. Java's"
            + " 2-caller case runs 4 threads (2 callers, 2 inference threads) on 2 cores, so some"
            + " stall there is its own.");
    line("");
    line(
        "Where a request's time goes with 1 caller, in ms per request at the median pass: inside"
            + " the model call (Java: the classifier's calls; reference: the model's forward) and"
            + " outside it.");
    line("");
    line(
        "| model | Java in model | Java outside | reference in model | reference outside |"
            + " outside, reference / Java |");
    line("|---|---:|---:|---:|---:|---:|");
    for (String model : LinguaBench.TINY_MODELS) {
      Optional<ThroughputRun.Result> java = java(model, 1);
      if (java.isEmpty()) {
        continue;
      }
      Optional<ReferenceResults.Run> ref =
          referenceRun(model, "1 thread").filter(r -> r.passModelShare().length > 0);
      line(
          "| %s | %.1f | %.1f | %s | %s | %s |",
          model,
          java.get().inRunMsPerRequest(),
          java.get().outsideMsPerRequest(),
          ref.map(r -> format("%.1f", r.modelMsPerRequest())).orElse("—"),
          ref.map(r -> format("%.1f", r.outsideMsPerRequest())).orElse("—"),
          ref.map(r -> format("%.1f×", r.outsideMsPerRequest() / java.get().outsideMsPerRequest()))
              .orElse("—"));
    }
    line("");
    line("Same output: cl100k tokens of one round over all texts, in and out.");
    line("");
    line(
        "| model | origin (Java) | origin (reference) | compressed (Java) | compressed (reference)"
            + " |");
    line("|---|---:|---:|---:|---:|");
    for (String model : LinguaBench.TINY_MODELS) {
      java(model, 1)
          .ifPresent(
              j -> {
                Optional<ReferenceResults.ModelRuns> ref = reference.flatMap(r -> r.model(model));
                line(
                    "| %s | %,d | %s | %,d | %s |",
                    model,
                    j.originTokens(),
                    ref.map(r -> format("%,d", r.originTokens())).orElse("—"),
                    j.compressedTokens(),
                    ref.map(r -> format("%,d", r.compressedTokens())).orElse("—"));
              });
    }
    line("");
  }

  private void latencyTable() {
    if (latency.isEmpty()) {
      return;
    }
    line("## Part B — request time and time outside the model call");
    line("");
    line(
        "| model | inference threads | model tokens | chunks | positions run | requests |"
            + " request ms | in run ms | outside ms | outside share | in run ms per chunk |"
            + " CPU stall |");
    line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (LatencyRun.Result r : latency) {
      line(
          "| %s | %d | %,d | %d | %,d | %d | %.1f | %.1f | %.1f | %.1f%% | %.1f | %s |",
          r.model(),
          r.threads(),
          r.modelTokens(),
          r.chunks(),
          r.positions(),
          r.requestMs().length,
          r.medianRequestMs(),
          r.medianInRunMs(),
          Stats.median(r.outsideMs()),
          100 * r.medianOutsideShare(),
          r.inRunMsPerChunk(),
          percent(r.cpuStall()));
    }
    line("");
    line(
        "Request, in-run and outside ms are medians over requests, each taken separately, and the"
            + " outside share is the median of each request's share. With 2 inference threads the"
            + " 8K request's batches (8, 8 and 3 chunks) run two at a time, so in-run time is wall"
            + " time with at least one batch running, not the sum over batches.");
  }

  private Optional<ThroughputRun.Result> java(String model, int callers) {
    return throughput.stream()
        .filter(r -> r.model().equals(model) && r.callers() == callers)
        .findFirst();
  }

  private Optional<ReferenceResults.Run> referenceRun(String model, String mode) {
    return reference.flatMap(r -> r.model(model)).flatMap(m -> m.run(mode));
  }

  private Optional<Double> ratio(String model, Pairing pairing) {
    Optional<ThroughputRun.Result> java = java(model, pairing.callers());
    Optional<ReferenceResults.Run> ref = referenceRun(model, pairing.referenceMode());
    if (java.isEmpty() || ref.isEmpty() || !(ref.get().medianRps() > 0)) {
      return Optional.empty();
    }
    return Optional.of(java.get().medianRps() / ref.get().medianRps());
  }

  private List<LatencyRun.Result> latencyOf(String model, int threads) {
    return latency.stream().filter(r -> r.model().equals(model) && r.threads() == threads).toList();
  }

  static String callers(int count) {
    return count == 1 ? "1 caller" : count + " callers";
  }

  private static String percent(double share) {
    return Double.isNaN(share) ? "—" : format("%.0f%%", 100 * share);
  }

  private static String range(double[] rates) {
    return format("%.2f–%.2f", Stats.min(rates), Stats.max(rates));
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }

  private void line(String pattern, Object... args) {
    out.append(args.length == 0 ? pattern : format(pattern, args)).append('\n');
  }
}
