import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Renders all results as Markdown. */
final class Report {
  static final double LINEARITY_TOLERANCE = 1.5;
  private static final String CASE_HEADER =
      "| case | rounds | median ms | p90 ms | req/s (c=1) | tokens in | tokens out | tokens/s |\n"
          + "|---|---:|---:|---:|---:|---:|---:|---:|\n";

  private final Options options;
  private final Target target;
  private final List<String> notes;
  private final List<CaseResult> texts;
  private final List<CaseResult> messages;
  private final List<CaseResult> synthetic;
  private final Optional<ConcurrencyResult> concurrent;

  Report(
      Options options,
      Target target,
      List<String> notes,
      List<CaseResult> texts,
      List<CaseResult> messages,
      List<CaseResult> synthetic,
      Optional<ConcurrencyResult> concurrent) {
    this.options = options;
    this.target = target;
    this.notes = notes;
    this.texts = texts;
    this.messages = messages;
    this.synthetic = synthetic;
    this.concurrent = concurrent;
  }

  String toMarkdown() {
    StringBuilder md = new StringBuilder();
    header(md);
    verdict(md);
    caseSection(md, "Corpus text — POST /compress", texts);
    caseSection(md, "Corpus messages — POST /v1/messages/compress", messages);
    syntheticSection(md);
    linearitySection(md);
    concurrencySection(md);
    notesSection(md);
    return md.toString();
  }

  private void header(StringBuilder md) {
    md.append("# Origin HTTP benchmark\n\n")
        .append(dateAndMachine())
        .append(loadAverage())
        .append('\n')
        .append("- Server: ")
        .append(target.description())
        .append('\n')
        .append(
            String.format(
                Locale.ROOT,
                "- Method: %d untimed warm-up requests, then up to %d timed sequential requests"
                    + " per case (at least 3; a case stops early after %d s), aggressiveness %.1f,"
                    + " HTTP/1.1 keep-alive. Wall time is measured in the client and includes"
                    + " sending the body and reading the whole response. Client and server run"
                    + " on the same machine and share its cores.\n",
                options.warmup(),
                options.rounds(),
                options.caseBudget().toSeconds(),
                CompressionBench.AGGRESSIVENESS))
        .append("- Figures are medians from one run on a shared, noisy machine")
        .append(" (other builds may run at the same time); treat small differences as noise.\n\n")
        .append(CompressionBench.TARGET_LINE)
        .append("\n\n");
  }

  /**
   * Two Markdown list items without the last line break: the date and time now, and the machine's
   * cores, Java and operating system.
   */
  static String dateAndMachine() {
    return "- Date: "
        + ZonedDateTime.now()
            .truncatedTo(ChronoUnit.SECONDS)
            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
        + "\n- Machine: "
        + Runtime.getRuntime().availableProcessors()
        + " cores (Runtime.availableProcessors), Java "
        + System.getProperty("java.version")
        + " ("
        + System.getProperty("java.vm.name")
        + "), "
        + System.getProperty("os.name")
        + ' '
        + System.getProperty("os.version")
        + ' '
        + System.getProperty("os.arch");
  }

  // Other work on a shared machine skews every figure; the load at the end says how much there was.
  private static String loadAverage() {
    String load = HostLoad.loadAverage();
    return load.equals("unknown") ? "" : ", load average " + load + " at the end";
  }

  private void verdict(StringBuilder md) {
    md.append("## Verdict\n\n")
        .append("- 100K target: ")
        .append(targetVerdict())
        .append('\n')
        .append("- Linearity: ")
        .append(linearityVerdict())
        .append("\n\n");
  }

  private String targetVerdict() {
    CaseResult r = synthetic.get(Bench.indexOf(Bench.HUNDRED_K));
    if (!r.measured()) {
      return "not measured (" + r.skipped() + ")";
    }
    boolean met = r.medianMs() < CompressionBench.TARGET_100K_MS;
    return String.format(
        Locale.ROOT,
        "%s — median %.1f ms for %,d tokens vs %.0f ms target (p90 %.1f ms) on %d cores.",
        met ? "MET" : "NOT MET",
        r.medianMs(),
        r.tokensIn(),
        CompressionBench.TARGET_100K_MS,
        r.p90Ms(),
        Runtime.getRuntime().availableProcessors());
  }

  private String linearityVerdict() {
    CaseResult largest = synthetic.getLast();
    if (!largest.measured()) {
      return "not evaluated (1M case skipped: " + largest.skipped() + ")";
    }
    double worst = 0;
    for (CaseResult r : synthetic.subList(0, synthetic.size() - 1)) {
      if (r.measured()) {
        worst = Math.max(worst, largest.msPerThousandTokens() / r.msPerThousandTokens());
      }
    }
    return String.format(
        Locale.ROOT,
        "%s — ms per 1K tokens at 1M is at most %.2f× that of the smaller sizes"
            + " (linear if ≤ %.1f×).",
        worst <= LINEARITY_TOLERANCE ? "LINEAR" : "NOT LINEAR",
        worst,
        LINEARITY_TOLERANCE);
  }

  private void caseSection(StringBuilder md, String title, List<CaseResult> results) {
    md.append("## ").append(title).append("\n\n");
    if (results.isEmpty()) {
      md.append("No cases (corpus not found).\n\n");
      return;
    }
    md.append(CASE_HEADER);
    for (CaseResult r : results) {
      md.append(caseRow(r)).append('\n');
    }
    md.append('\n');
  }

  private static String caseRow(CaseResult r) {
    if (!r.measured()) {
      return "| " + r.name() + " | 0 | skipped: " + r.skipped() + " | | | | | |";
    }
    return String.format(
        Locale.ROOT,
        "| %s | %d | %.2f | %.2f | %.1f | %,d | %,d | %,.0f |",
        r.name(),
        r.rounds(),
        r.medianMs(),
        r.p90Ms(),
        r.requestsPerSecond(),
        r.tokensIn(),
        r.tokensOut(),
        r.tokensPerSecond());
  }

  private void syntheticSection(StringBuilder md) {
    caseSection(md, "Synthetic prose — POST /compress", synthetic);
    md.append("| size | requested tokens | original_tokens reported | body bytes |\n")
        .append("|---|---:|---:|---:|\n");
    for (CaseResult r : synthetic) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %s | %,d |\n",
              Bench.label(r.requestedTokens()),
              r.requestedTokens(),
              r.measured() ? String.format(Locale.ROOT, "%,d", r.tokensIn()) : "—",
              r.bodyBytes()));
    }
    md.append("\nProse from a fixed-seed generator (seed ")
        .append(ProseGenerator.SEED)
        .append("); each size is a prefix of the same stream.\n\n");
  }

  private void linearitySection(StringBuilder md) {
    md.append("## Linearity\n\n")
        .append("| size | ms per 1K tokens | 1M ÷ this |\n")
        .append("|---|---:|---:|\n");
    CaseResult largest = synthetic.getLast();
    for (CaseResult r : synthetic) {
      if (!r.measured()) {
        md.append("| ").append(Bench.label(r.requestedTokens())).append(" | skipped | — |\n");
        continue;
      }
      String ratio =
          largest.measured()
              ? String.format(
                  Locale.ROOT, "%.2f", largest.msPerThousandTokens() / r.msPerThousandTokens())
              : "—";
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.3f | %s |\n",
              Bench.label(r.requestedTokens()),
              r.msPerThousandTokens(),
              ratio));
    }
    md.append(
        "\nA ratio near 1 means the same cost per token; above 1 means 1M costs more per token"
            + " (superlinear). Small prompts carry fixed per-request cost, so ratios below 1"
            + " there are expected.\n\n");
  }

  private void concurrencySection(StringBuilder md) {
    md.append("## Concurrency — synthetic 100K, ")
        .append(Bench.CONCURRENT_CLIENTS)
        .append(" clients\n\n");
    if (concurrent.isEmpty()) {
      md.append("Not measured (see notes).\n\n");
      return;
    }
    ConcurrencyResult c = concurrent.get();
    CaseResult single = synthetic.get(Bench.indexOf(Bench.HUNDRED_K));
    md.append(
            "| clients | requests | wall s | throughput req/s | median ms | p90 ms |"
                + " req/s at c=1 |\n")
        .append("|---:|---:|---:|---:|---:|---:|---:|\n")
        .append(
            String.format(
                Locale.ROOT,
                "| %d | %d | %.2f | %.2f | %.1f | %.1f | %.2f |\n\n",
                c.clients(),
                c.requests(),
                c.wallMs() / 1000,
                c.throughput(),
                c.medianMs(),
                c.p90Ms(),
                single.requestsPerSecond()));
  }

  private void notesSection(StringBuilder md) {
    if (notes.isEmpty()) {
      return;
    }
    md.append("## Notes\n\n");
    for (String note : notes) {
      md.append("- ").append(note).append('\n');
    }
    md.append('\n');
  }
}
