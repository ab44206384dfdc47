import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** What the figures were measured on: CPU, load, and the versions of what ran. */
final class Machine {
  private Machine() {}

  /** The first {@code model name} of /proc/cpuinfo, or "unknown" off Linux. */
  static String cpuModel() {
    return procLines("/proc/cpuinfo").stream()
        .filter(line -> line.startsWith("model name"))
        .map(line -> line.substring(line.indexOf(':') + 1).strip())
        .findFirst()
        .orElse("unknown");
  }

  /** Processors listed in /proc/cpuinfo, as nproc counts them without affinity limits. */
  static long cpuinfoProcessors() {
    return procLines("/proc/cpuinfo").stream().filter(l -> l.startsWith("processor")).count();
  }

  /** The 1, 5 and 15 minute load averages. */
  static String loadAverage() {
    List<String> lines = procLines("/proc/loadavg");
    if (lines.isEmpty()) {
      return "unknown";
    }
    String[] fields = lines.getFirst().split(" ");
    return fields.length < 3 ? "unknown" : fields[0] + " " + fields[1] + " " + fields[2];
  }

  /**
   * The share of the last 60 s in which some runnable task waited for a CPU (Linux pressure stall
   * information), the clearest sign that other work competed with the benchmark.
   */
  static String cpuPressure() {
    for (String line : procLines("/proc/pressure/cpu")) {
      if (line.startsWith("some")) {
        for (String field : line.split(" ")) {
          if (field.startsWith("avg60=")) {
            return field.substring("avg60=".length()) + "%";
          }
        }
      }
    }
    return "unknown";
  }

  /**
   * Microseconds, since boot, during which some runnable task waited for a CPU (the {@code some
   * total} of /proc/pressure/cpu), or -1 where the kernel does not report it. The difference over a
   * case, divided by its wall time, says how much other work competed with it.
   */
  static long cpuStallMicros() {
    for (String line : procLines("/proc/pressure/cpu")) {
      if (line.startsWith("some")) {
        for (String field : line.split(" ")) {
          if (field.startsWith("total=")) {
            return Long.parseLong(field.substring("total=".length()));
          }
        }
      }
    }
    return -1;
  }

  /** The share of {@code wallNanos} with a task waiting for a CPU, or NaN if not reported. */
  static double stallShare(long stallBefore, long stallAfter, long wallNanos) {
    if (stallBefore < 0 || stallAfter < 0 || wallNanos <= 0) {
      return Double.NaN;
    }
    return (stallAfter - stallBefore) * 1000.0 / wallNanos;
  }

  /** The version in the name of the jar a class was loaded from, such as "1.28.0". */
  static String jarVersion(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null) {
      return "unknown";
    }
    String name = Path.of(source.getLocation().getPath()).getFileName().toString();
    int dash = name.lastIndexOf('-');
    return dash < 0 || !name.endsWith(".jar") ? name : name.substring(dash + 1, name.length() - 4);
  }

  /** The checked-out commit, and whether the working tree differs from it. */
  static String revision(Path root) {
    Optional<String> head = git(root, "rev-parse", "--short", "HEAD");
    if (head.isEmpty()) {
      return "unknown";
    }
    boolean dirty = git(root, "status", "--porcelain", "--untracked-files=no").isPresent();
    return head.get() + (dirty ? " with uncommitted changes" : "");
  }

  private static Optional<String> git(Path root, String... args) {
    try {
      List<String> command = new ArrayList<>(List.of("git", "-C", root.toString()));
      command.addAll(List.of(args));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes()).strip();
      if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
        return Optional.empty();
      }
      return out.isEmpty() ? Optional.empty() : Optional.of(out);
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static List<String> procLines(String file) {
    try {
      return Files.readAllLines(Path.of(file));
    } catch (IOException e) {
      return List.of();
    }
  }
}
