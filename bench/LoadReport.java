import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders a load run's figures as Markdown, with the settings and the machine they came from. */
record LoadReport(
    LoadOptions options,
    List<Payload> mix,
    List<Integer> tokens,
    LoadFigures figures,
    LoadReport.Machine atStart,
    LoadReport.Machine atEnd) {
  private static final double[] PERCENTILES = {50, 95, 99};
  private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"");

  /** How busy the machine was at one moment. */
  record Machine(String loadAverage, String cpuPressure) {
    static Machine now() {
      return new Machine(HostLoad.loadAverage(), HostLoad.cpuPressure());
    }
  }

  String toMarkdown() {
    StringBuilder md = new StringBuilder();
    header(md);
    verdict(md);
    latency(md);
    added(md);
    ownCost(md);
    throughput(md);
    errors(md);
    cpu(md);
    slices(md);
    return md.toString();
  }

  private void header(StringBuilder md) {
    md.append("# Load: the origin alone and through the Worker\n\n")
        .append(Report.dateAndMachine())
        .append('\n')
        .append(
            format(
                "- Load average %s at the start, %s at the end; CPU pressure (some) %s at the"
                    + " start, %s at the end\n",
                atStart.loadAverage(),
                atEnd.loadAverage(),
                atStart.cpuPressure(),
                atEnd.cpuPressure()))
        .append(servers())
        .append(
            format(
                "- Method: closed loop, %d clients per side, each with its own HTTP/1.1"
                    + " keep-alive connection, sending the next request as soon as the last is"
                    + " answered. %d s per side in %d slices of %.1f s, in the order %s, after"
                    + " %d s of untimed warm-up per side. Each client sends the payloads below in"
                    + " turn. Wall time per request is measured in the client: sending the body"
                    + " and reading the whole answer. Only 200 answers enter the percentiles,"
                    + " and through the Worker only forwarded ones (`X-Edge-Decision:"
                    + " origin`); the bare forwarder has no answer of its own and adds no such"
                    + " header.\n",
                options.concurrency(),
                options.perSide().toSeconds(),
                options.slices(),
                options.slice().toMillis() / 1000.0,
                sliceOrder(),
                options.warmup().toSeconds()))
        .append(
            "- The load client, the Worker's processes and the origin share the machine's cores"
                + " with each other and with other work, so the Worker's CPU time is taken from"
                + " the origin and the client as well. Neither runtime here is Cloudflare's"
                + " network: there the Worker runs on other machines, with nothing local in"
                + " front of it, but with a network hop to the origin that loopback does not"
                + " have.\n")
        .append(
            "- Figures are percentiles and medians from one run on a shared machine; the load"
                + " and CPU pressure above and the CPU table below say how much else ran.\n\n")
        .append(LoadBench.TARGET_LINE)
        .append(".\n\n");
    md.append("| payload | body bytes | tokens (origin's count) |\n|---|---:|---:|\n");
    for (int i = 0; i < mix.size(); i++) {
      md.append(
          format(
              "| %s | %,d | %,d |\n", mix.get(i).name(), mix.get(i).body().length, tokens.get(i)));
    }
    md.append(
        "\nProse from the fixed-seed generator of `bench/` (seed "
            + ProseGenerator.SEED
            + "); `/compress` at aggressiveness "
            + CompressionBench.AGGRESSIVENESS
            + ".\n\n");
  }

  // The origin, the bare forwarder, and the Worker on each runtime measured.
  private String servers() {
    StringBuilder lines = new StringBuilder(format("- Origin: %s\n", options.url(LoadSide.ORIGIN)));
    if (options.urls().containsKey(LoadSide.FORWARDER)) {
      lines.append(
          format(
              "- Bare forwarder on plain workerd: %s, the same workerd and compatibility date"
                  + " serving `bench/load/forwarder.js`, which passes each request to the origin"
                  + " (method, path, Content-Type, body bytes) and its answer back, and does"
                  + " nothing else (`edge/scripts/workerd-config.mjs --module`)\n",
              options.url(LoadSide.FORWARDER)));
    }
    if (options.urls().containsKey(LoadSide.WORKERD)) {
      lines.append(
          format(
              "- Worker on plain workerd: %s, workerd %s (`edge/node_modules/workerd`, the tests'"
                  + " runtime) serving the bundle `wrangler deploy --dry-run` builds, with nothing"
                  + " in front of it (`edge/scripts/workerd-config.mjs`)\n",
              options.url(LoadSide.WORKERD), packageVersion("workerd")));
    }
    if (options.urls().containsKey(LoadSide.WRANGLER_DEV)) {
      lines.append(
          format(
              "- Worker under wrangler dev: %s, `wrangler dev` %s (with workerd %s of its own):"
                  + " its proxy workerd on that URL, node relaying each log line, and the"
                  + " Worker's workerd behind them\n",
              options.url(LoadSide.WRANGLER_DEV),
              packageVersion("wrangler"),
              packageVersion("wrangler/node_modules/workerd")));
    }
    return lines
        .append(
            "- The Worker has the committed local settings of `edge/wrangler.jsonc` (rate limits,"
                + " cache, skip and transforms off) and forwards to that origin\n")
        .toString();
  }

  // Each side once in order and once back, as the slices go: origin, workerd, workerd, origin, ...
  private String sliceOrder() {
    List<String> names = new ArrayList<>();
    for (LoadSide side : options.sides()) {
      names.add(side.shortName);
    }
    for (LoadSide side : options.sides().reversed()) {
      names.add(side.shortName);
    }
    names.add(LoadSide.ORIGIN.shortName);
    return String.join(", ", names) + ", ...";
  }

  private void verdict(StringBuilder md) {
    md.append("## Verdict\n\n");
    for (LoadSide side : options.edgeWorkerSides()) {
      for (int i = 0; i < mix.size(); i++) {
        double p50 = figures.addedMs(side, i, 50);
        double p99 = figures.addedMs(side, i, 99);
        md.append(
            format(
                "- %s, %s: p50 %s (%+.2f ms, target ≤ %.0f ms); p99 %s (%+.2f ms, target ≤ %.0f"
                    + " ms)\n",
                mix.get(i).name(),
                side.label,
                metOrNot(p50 <= LoadBench.TARGET_P50_MS),
                p50,
                LoadBench.TARGET_P50_MS,
                metOrNot(p99 <= LoadBench.TARGET_P99_MS),
                p99,
                LoadBench.TARGET_P99_MS));
      }
    }
    if (options.hasFloor()) {
      for (int i = 0; i < mix.size(); i++) {
        md.append(
            format(
                "- %s, the Worker's own code (on plain workerd, over the bare forwarder): p50"
                    + " %+.2f ms, p99 %+.2f ms; the floor (the bare forwarder over origin alone):"
                    + " p50 %+.2f ms, p99 %+.2f ms\n",
                mix.get(i).name(),
                figures.ownCostMs(i, 50),
                figures.ownCostMs(i, 99),
                figures.addedMs(LoadSide.FORWARDER, i, 50),
                figures.addedMs(LoadSide.FORWARDER, i, 99)));
      }
    }
    List<String> bySide = new ArrayList<>();
    for (LoadSide side : options.sides()) {
      bySide.add(figures.failedRequests(side) + " " + side.label);
    }
    md.append(
            format(
                "- Errors: %s — %s (the rate limits are off, so no 429 is deliberate)\n\n",
                metOrNot(figures.failedRequests() == 0), String.join(", ", bySide)))
        .append(runtimeNote())
        .append(floorNote());
  }

  // Which figure answers what, when the floor is measured.
  private String floorNote() {
    if (!options.hasFloor()) {
      return "";
    }
    return "The floor is what the hop through a local workerd costs on this machine, whatever the"
        + " Worker in it does; the Worker's own code is its excess over that floor, on the same"
        + " runtime in neighbouring slices. Cloudflare's network, where the Worker runs on other"
        + " machines, is not measured.\n\n";
  }

  // Which lines answer the targets.
  private String runtimeNote() {
    boolean plain = options.urls().containsKey(LoadSide.WORKERD);
    boolean dev = options.urls().containsKey(LoadSide.WRANGLER_DEV);
    if (plain && dev) {
      return "Plain workerd's lines answer the targets: it runs the bundle `wrangler deploy`"
          + " uploads with nothing in front of it. Under `wrangler dev` the same Worker sits"
          + " behind local development's proxy and log relay, and its lines show what those add"
          + " (see the CPU table).\n\n";
    }
    if (dev) {
      return "Under `wrangler dev` the Worker sits behind local development's proxy and log relay,"
          + " which Cloudflare does not run; plain workerd (`--workerd`) measures it without"
          + " them.\n\n";
    }
    return "";
  }

  private void latency(StringBuilder md) {
    md.append("## Latency\n\n")
        .append("| payload | side | answered | req/s | p50 ms | p95 ms | p99 ms | max ms |\n")
        .append("|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (int i = 0; i < mix.size(); i++) {
      for (LoadSide side : options.sides()) {
        if (figures.answered(side, i) == 0) {
          md.append(format("| %s | %s | 0 | | | | | |\n", mix.get(i).name(), side.label));
          continue;
        }
        md.append(
            format(
                "| %s | %s | %,d | %.1f | %.2f | %.2f | %.2f | %.2f |\n",
                mix.get(i).name(),
                side.label,
                figures.answered(side, i),
                figures.answeredPerSecond(side, i),
                figures.percentileMs(side, i, 50),
                figures.percentileMs(side, i, 95),
                figures.percentileMs(side, i, 99),
                figures.maxMs(side, i)));
      }
    }
    md.append('\n');
  }

  private void added(StringBuilder md) {
    md.append("## Added latency over the origin alone\n\n")
        .append("| payload | side | p50 | p95 | p99 | p50 ratio | p95 ratio | p99 ratio |\n")
        .append("|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (int i = 0; i < mix.size(); i++) {
      for (LoadSide side : options.workerSides()) {
        md.append("| ").append(mix.get(i).name()).append(" | ").append(side.label);
        for (double p : PERCENTILES) {
          md.append(format(" | %+.2f ms", figures.addedMs(side, i, p)));
        }
        for (double p : PERCENTILES) {
          md.append(format(" | %.2f×", figures.ratioToOrigin(side, i, p)));
        }
        md.append(" |\n");
      }
    }
    md.append(
        "\nThe difference and the ratio are between two sides' percentiles (the side in front of"
            + " the origin minus, or over, origin alone), not percentiles of a difference per"
            + " request.\n\n");
  }

  // The Worker on plain workerd over the bare forwarder on the same runtime.
  private void ownCost(StringBuilder md) {
    if (!options.hasFloor()) {
      return;
    }
    md.append("## The Worker's own cost\n\n")
        .append(
            format(
                "%s minus %s: what the Worker's code adds over the floor.\n\n",
                LoadSide.WORKERD.label, LoadSide.FORWARDER.label))
        .append("| payload | p50 | p95 | p99 |\n|---|---:|---:|---:|\n");
    for (int i = 0; i < mix.size(); i++) {
      md.append("| ").append(mix.get(i).name());
      for (double p : PERCENTILES) {
        md.append(format(" | %+.2f ms", figures.ownCostMs(i, p)));
      }
      md.append(" |\n");
    }
    md.append(
        "\nLike the added latency, a difference between two sides' percentiles, not a percentile"
            + " of differences per request.\n\n");
  }

  private void throughput(StringBuilder md) {
    md.append("## Throughput\n\n")
        .append(
            "| side | requests | measured s | req/s | slice req/s: median (min–max) |"
                + " CPU stall share |\n")
        .append("|---|---:|---:|---:|---|---:|\n");
    for (LoadSide side : options.sides()) {
      LoadFigures.SliceRates rates = figures.sliceRates(side);
      md.append(
          format(
              "| %s | %,d | %.1f | %.1f | %.1f (%.1f–%.1f) | %s |\n",
              side.label,
              figures.requests(side),
              figures.measuredSeconds(side),
              figures.requestsPerSecond(side),
              rates.median(),
              rates.min(),
              rates.max(),
              percentOrUnknown(figures.stallPercent(side))));
    }
    md.append(
        "\nThe CPU stall share is the part of the side's slices in which some task on the"
            + " machine waited for a CPU (`/proc/pressure/cpu`). The load itself keeps both"
            + " cores busy, so most of it is the run's own.\n\n");
  }

  private void errors(StringBuilder md) {
    md.append("## Errors\n\n")
        .append("| payload | side | failed | by kind |\n|---|---|---:|---|\n");
    for (int i = 0; i < mix.size(); i++) {
      for (LoadSide side : options.sides()) {
        md.append(
            format(
                "| %s | %s | %d | %s |\n",
                mix.get(i).name(),
                side.label,
                figures.failed(side, i),
                kinds(figures.failures(side, i))));
      }
    }
    md.append(
        format(
            "\nFailed requests during the warm-up (not counted above): %d.\n\n",
            figures.warmupFailedRequests()));
  }

  private void cpu(StringBuilder md) {
    md.append("## CPU time per request\n\n");
    if (!options.hasProcessIds()) {
      md.append(
          "Not recorded: the process ids of the origin and of each side in front of it were not"
              + " all given (`--origin-pid`, `--forwarder-pid`, `--workerd-pid`,"
              + " `--wrangler-dev-pgid`).\n\n");
      return;
    }
    // The origin, the forwarder's and the Worker's plain workerd, then wrangler dev's processes by
    // name, then the client.
    TreeSet<String> workerNames = new TreeSet<>(figures.processes());
    workerNames.removeAll(List.of(LoadRun.CLIENT, LoadRun.ORIGIN));
    List<String> rows = new ArrayList<>(List.of(LoadRun.ORIGIN));
    for (String plain : List.of(LoadRun.FORWARDER_WORKERD, LoadRun.PLAIN_WORKERD)) {
      if (workerNames.remove(plain)) {
        rows.add(plain);
      }
    }
    rows.addAll(workerNames);
    rows.add(LoadRun.CLIENT);
    md.append("| process");
    for (LoadSide side : options.sides()) {
      md.append(" | ").append(side.label).append(": ms per request | cores busy");
    }
    md.append(" |\n|---").append("|---:|---:".repeat(options.sides().size())).append("|\n");
    for (String name : rows) {
      md.append(cpuRow(name, side -> figures.cpu(side, name)));
    }
    md.append(cpuRow("everything else on the machine", figures::otherCpu))
        .append(cpuRow("the whole machine", side -> figures.cpu(side, LoadRun.MACHINE)))
        .append(
            "\nCPU ticks (10 ms) from `/proc` over each side's slices, divided by its requests"
                + " and by its wall time. \"Everything else\" is the machine's busy time less"
                + " the processes above: other work that competed with the run.\n\n");
  }

  // A row of CPU figures, one column pair per side.
  private String cpuRow(String label, Function<LoadSide, LoadFigures.CpuUse> use) {
    StringBuilder row = new StringBuilder("| ").append(label);
    for (LoadSide side : options.sides()) {
      LoadFigures.CpuUse cpu = use.apply(side);
      row.append(format(" | %.3f | %.2f", cpu.msPerRequest(), cpu.coresBusy()));
    }
    return row.append(" |\n").toString();
  }

  private void slices(StringBuilder md) {
    md.append("## Slices in order\n\n| # | side | requests | req/s |\n|---:|---|---:|---:|\n");
    int n = 1;
    for (LoadRun.Slice s : figures.slices()) {
      md.append(
          format(
              "| %d | %s | %,d | %.1f |\n",
              n++, s.side().label, s.requests(), s.requestsPerSecond()));
    }
    md.append('\n');
  }

  private static String percentOrUnknown(OptionalDouble percent) {
    return percent.isPresent() ? format("%.0f%%", percent.getAsDouble()) : "unknown";
  }

  private static String kinds(Map<String, Integer> failures) {
    List<String> parts = new ArrayList<>();
    failures.forEach((kind, n) -> parts.add(kind + " × " + n));
    return parts.isEmpty() ? "—" : String.join(", ", parts);
  }

  private static String metOrNot(boolean met) {
    return met ? "MET" : "NOT MET";
  }

  // The version of an npm package the edge installed.
  private String packageVersion(String name) {
    try {
      String json =
          Files.readString(options.root().resolve("edge/node_modules/" + name + "/package.json"));
      Matcher m = VERSION.matcher(json);
      return m.find() ? m.group(1) : "(version unknown)";
    } catch (IOException e) {
      return "(version unknown)";
    }
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
