import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders a load run as Markdown. */
record LoadReport(
    LoadOptions options,
    List<Payload> mix,
    List<Integer> tokens,
    LoadRun.Result result,
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
        .append(
            format(
                "- Origin: %s. Worker: %s, under `wrangler dev` %s with the committed local"
                    + " settings (rate limits, cache, skip and transforms off), forwarding to"
                    + " that origin\n",
                options.origin(), options.edge(), wranglerVersion()))
        .append(
            format(
                "- Method: closed loop, %d clients per side, each with its own HTTP/1.1"
                    + " keep-alive connection, sending the next request as soon as the last is"
                    + " answered. %d s per side in %d slices of %.1f s, in the order origin,"
                    + " Worker, Worker, origin, origin, ..., after %d s of untimed warm-up per"
                    + " side. Each client sends the payloads below in turn. Wall time per request"
                    + " is measured in the client: sending the body and reading the whole"
                    + " answer. Only 200 answers enter the percentiles, and through the Worker"
                    + " only forwarded ones (`X-Edge-Decision: origin`).\n",
                options.concurrency(),
                options.perSide().toSeconds(),
                options.slices(),
                options.slice().toMillis() / 1000.0,
                options.warmup().toSeconds()))
        .append(
            "- The load client, the Worker (`wrangler dev`: node and its workerd processes) and"
                + " the origin share the machine's cores with each other and with other work, so"
                + " the Worker's CPU time is taken from the origin and the client as well."
                + " `wrangler dev`'s local workerd is not Cloudflare's network: there the"
                + " Worker runs on other machines, with no local proxy in front of it and no"
                + " log line relayed through node, but with a network hop to the origin that"
                + " loopback does not have.\n")
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

  private void verdict(StringBuilder md) {
    md.append("## Verdict\n\n");
    for (int i = 0; i < mix.size(); i++) {
      double p50 = addedMs(i, 50);
      double p99 = addedMs(i, 99);
      md.append(
          format(
              "- %s: p50 %s (%+.2f ms, target ≤ %.0f ms); p99 %s (%+.2f ms, target ≤ %.0f ms)\n",
              mix.get(i).name(),
              metOrNot(p50 <= LoadBench.TARGET_P50_MS),
              p50,
              LoadBench.TARGET_P50_MS,
              metOrNot(p99 <= LoadBench.TARGET_P99_MS),
              p99,
              LoadBench.TARGET_P99_MS));
    }
    long originErrors = tally(LoadSide.ORIGIN).failedRequests();
    long edgeErrors = tally(LoadSide.EDGE).failedRequests();
    md.append(
        format(
            "- Errors: %s — %d origin alone, %d through the Worker (the rate limits are off, so"
                + " no 429 is deliberate)\n\n",
            metOrNot(originErrors + edgeErrors == 0), originErrors, edgeErrors));
  }

  private void latency(StringBuilder md) {
    md.append("## Latency\n\n")
        .append("| payload | side | answered | req/s | p50 ms | p95 ms | p99 ms | max ms |\n")
        .append("|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (int i = 0; i < mix.size(); i++) {
      for (LoadSide side : LoadSide.values()) {
        double[] ms = tally(side).sortedMillis(i);
        if (ms.length == 0) {
          md.append(format("| %s | %s | 0 | | | | | |\n", mix.get(i).name(), side.label));
          continue;
        }
        md.append(
            format(
                "| %s | %s | %,d | %.1f | %.2f | %.2f | %.2f | %.2f |\n",
                mix.get(i).name(),
                side.label,
                ms.length,
                ms.length / measuredSeconds(side),
                Stats.percentile(ms, 50),
                Stats.percentile(ms, 95),
                Stats.percentile(ms, 99),
                ms[ms.length - 1]));
      }
    }
    md.append('\n');
  }

  private void added(StringBuilder md) {
    md.append("## The Worker's added latency\n\n")
        .append("| payload | p50 | p95 | p99 | p50 ratio | p95 ratio | p99 ratio |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (int i = 0; i < mix.size(); i++) {
      md.append("| ").append(mix.get(i).name());
      for (double p : PERCENTILES) {
        md.append(format(" | %+.2f ms", addedMs(i, p)));
      }
      for (double p : PERCENTILES) {
        md.append(
            format(
                " | %.2f×", percentile(LoadSide.EDGE, i, p) / percentile(LoadSide.ORIGIN, i, p)));
      }
      md.append(" |\n");
    }
    md.append(
        "\nThe difference and the ratio are between the two sides' percentiles (through the"
            + " Worker minus, or over, origin alone), not percentiles of a difference per"
            + " request.\n\n");
  }

  private void throughput(StringBuilder md) {
    md.append("## Throughput\n\n")
        .append(
            "| side | requests | measured s | req/s | slice req/s: median (min–max) |"
                + " CPU stall share |\n")
        .append("|---|---:|---:|---:|---|---:|\n");
    for (LoadSide side : LoadSide.values()) {
      double[] rates =
          sideSlices(side).stream()
              .mapToDouble(s -> s.requests() / (s.wallNanos() / 1e9))
              .sorted()
              .toArray();
      md.append(
          format(
              "| %s | %,d | %.1f | %.1f | %.1f (%.1f–%.1f) | %s |\n",
              side.label,
              tally(side).requests(),
              measuredSeconds(side),
              tally(side).requests() / measuredSeconds(side),
              Stats.percentile(rates, 50),
              rates[0],
              rates[rates.length - 1],
              stallShare(side)));
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
      for (LoadSide side : LoadSide.values()) {
        md.append(
            format(
                "| %s | %s | %d | %s |\n",
                mix.get(i).name(),
                side.label,
                tally(side).failed(i),
                kinds(tally(side).failures(i))));
      }
    }
    long warmupFailures = 0;
    for (LoadTally warm : result.warmup().values()) {
      warmupFailures += warm.failedRequests();
    }
    md.append(
        format(
            "\nFailed requests during the warm-up (not counted above): %d.\n\n", warmupFailures));
  }

  private void cpu(StringBuilder md) {
    md.append("## CPU time per request\n\n");
    if (options.originPid().isEmpty() || options.edgeGroup().isEmpty()) {
      md.append(
          "Not recorded: the origin's and the Worker's process ids were not given"
              + " (`--origin-pid`, `--edge-pgid`).\n\n");
      return;
    }
    TreeSet<String> edgeNames = new TreeSet<>();
    for (LoadRun.Slice s : result.slices()) {
      edgeNames.addAll(s.cpuTicks().keySet());
    }
    edgeNames.removeAll(List.of(LoadRun.MACHINE, LoadRun.CLIENT, LoadRun.ORIGIN));
    List<String> rows = new ArrayList<>(List.of(LoadRun.ORIGIN));
    rows.addAll(edgeNames);
    rows.add(LoadRun.CLIENT);
    md.append(
            "| process | origin alone: ms per request | cores busy | through the Worker: ms per"
                + " request | cores busy |\n")
        .append("|---|---:|---:|---:|---:|\n");
    for (String name : rows) {
      md.append(
          cpuRow(
              name.equals(LoadRun.ORIGIN) || name.equals(LoadRun.CLIENT)
                  ? name
                  : "wrangler dev: " + name,
              name));
    }
    md.append(cpuRow("everything else on the machine", null))
        .append(cpuRow("the whole machine", LoadRun.MACHINE))
        .append(
            "\nCPU ticks (10 ms) from `/proc` over each side's slices, divided by its requests"
                + " and by its wall time. \"Everything else\" is the machine's busy time less"
                + " the processes above: other work that competed with the run.\n\n");
  }

  // A row of CPU figures for one process, or (name null) for the machine less every process.
  private String cpuRow(String label, String name) {
    StringBuilder row = new StringBuilder("| ").append(label);
    for (LoadSide side : LoadSide.values()) {
      long ticks = 0;
      for (LoadRun.Slice s : sideSlices(side)) {
        ticks += name != null ? s.cpuTicks().getOrDefault(name, 0L) : otherTicks(s.cpuTicks());
      }
      double ms = ticks * HostLoad.MS_PER_TICK;
      row.append(
          format(
              " | %.3f | %.2f", ms / tally(side).requests(), ms / (measuredSeconds(side) * 1000)));
    }
    return row.append(" |\n").toString();
  }

  private static long otherTicks(Map<String, Long> ticks) {
    long other = ticks.getOrDefault(LoadRun.MACHINE, 0L);
    for (Map.Entry<String, Long> e : ticks.entrySet()) {
      if (!e.getKey().equals(LoadRun.MACHINE)) {
        other -= e.getValue();
      }
    }
    return Math.max(0, other);
  }

  private void slices(StringBuilder md) {
    md.append("## Slices in order\n\n| # | side | requests | req/s |\n|---:|---|---:|---:|\n");
    int n = 1;
    for (LoadRun.Slice s : result.slices()) {
      md.append(
          format(
              "| %d | %s | %,d | %.1f |\n",
              n++, s.side().label, s.requests(), s.requests() / (s.wallNanos() / 1e9)));
    }
    md.append('\n');
  }

  private double addedMs(int payload, double p) {
    return percentile(LoadSide.EDGE, payload, p) - percentile(LoadSide.ORIGIN, payload, p);
  }

  private double percentile(LoadSide side, int payload, double p) {
    double[] ms = tally(side).sortedMillis(payload);
    return ms.length == 0 ? Double.NaN : Stats.percentile(ms, p);
  }

  private LoadTally tally(LoadSide side) {
    return result.measured().get(side);
  }

  private List<LoadRun.Slice> sideSlices(LoadSide side) {
    return result.slices().stream().filter(s -> s.side() == side).toList();
  }

  private double measuredSeconds(LoadSide side) {
    return sideSlices(side).stream().mapToLong(LoadRun.Slice::wallNanos).sum() / 1e9;
  }

  private String stallShare(LoadSide side) {
    long stall = 0;
    for (LoadRun.Slice s : sideSlices(side)) {
      if (s.stallMicros() < 0) {
        return "unknown";
      }
      stall += s.stallMicros();
    }
    return format("%.0f%%", 100 * stall / (measuredSeconds(side) * 1e6));
  }

  private static String kinds(Map<String, Integer> failures) {
    List<String> parts = new ArrayList<>();
    failures.forEach((kind, n) -> parts.add(kind + " × " + n));
    return parts.isEmpty() ? "—" : String.join(", ", parts);
  }

  private static String metOrNot(boolean met) {
    return met ? "MET" : "NOT MET";
  }

  private String wranglerVersion() {
    try {
      String json =
          Files.readString(options.root().resolve("edge/node_modules/wrangler/package.json"));
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
