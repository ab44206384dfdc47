import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * End-to-end HTTP latency benchmark for the origin compression API.
 *
 * <p>Run from the repository root: {@code java bench/CompressionBench.java --start-jar
 * target/origin.jar}. See bench/README.md.
 */
public final class CompressionBench {
  static final String TARGET_LINE =
      "Target: a 100,000-token prompt in under 85 ms end to end on a 2-core machine;"
          + " cost linear from 1K to 1M tokens";
  static final double TARGET_100K_MS = 85.0;
  static final double AGGRESSIVENESS = 0.5;

  private CompressionBench() {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parseOrExit(args, Options::parse, Options.USAGE);
    try (Target target = Target.open(options)) {
      Report report = new Bench(options, target).run();
      String markdown = report.toMarkdown();
      System.out.println(markdown);
      Files.createDirectories(options.out().toAbsolutePath().getParent());
      Files.writeString(options.out(), markdown, StandardCharsets.UTF_8);
      System.err.println("wrote " + options.out());
    }
  }

  static void log(String message) {
    System.err.println("[bench] " + message);
  }
}
