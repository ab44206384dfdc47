import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * How busy the machine is, from Linux's /proc: load averages, CPU pressure, and the CPU time of the
 * machine and of single processes. Off Linux every figure is "unknown" or -1.
 *
 * <p>CPU times are in clock ticks of 10 ms: /proc reports them in USER_HZ, which is 100 on every
 * Linux build for x86-64 and arm64.
 */
final class HostLoad {
  static final double MS_PER_TICK = 10.0;

  private HostLoad() {}

  /** The 1, 5 and 15 minute load averages, such as "0.52 0.81 1.10". */
  static String loadAverage() {
    String[] fields = firstLine("/proc/loadavg").split(" ");
    return fields.length < 3 ? "unknown" : String.join(" ", fields[0], fields[1], fields[2]);
  }

  /**
   * The shares of the last 10, 60 and 300 s in which some runnable task waited for a CPU (pressure
   * stall information), such as "avg10 0.00%, avg60 1.20%, avg300 11.00%".
   */
  static String cpuPressure() {
    Map<String, String> some = somePressure();
    if (!some.containsKey("avg60")) {
      return "unknown";
    }
    return "avg10 %s%%, avg60 %s%%, avg300 %s%%"
        .formatted(some.get("avg10"), some.get("avg60"), some.get("avg300"));
  }

  /**
   * Microseconds since boot in which some runnable task waited for a CPU, or -1. Its growth over a
   * stretch of time, divided by that time, is the stretch's stall share.
   */
  static long cpuStallMicros() {
    String total = somePressure().get("total");
    return total == null ? -1 : Long.parseLong(total);
  }

  /** Busy ticks of all CPUs together since boot (all but idle and I/O wait), or -1. */
  static long machineBusyTicks() {
    String[] fields = firstLine("/proc/stat").trim().split("\\s+");
    if (fields.length < 9 || !fields[0].equals("cpu")) {
      return -1;
    }
    // user nice system idle iowait irq softirq steal
    long busy = 0;
    for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
      busy += Long.parseLong(fields[i]);
    }
    return busy;
  }

  /** User and system ticks of one process, all its threads, or -1 when it is gone. */
  static long processTicks(long pid) {
    String[] stat = stat(pid);
    return stat.length < 14 ? -1 : Long.parseLong(stat[12]) + Long.parseLong(stat[13]);
  }

  /**
   * User and system ticks of the members of a process group, summed by the label {@code label}
   * gives each member (from its process id and program name).
   */
  static Map<String, Long> groupTicks(long pgid, BiFunction<Long, String, String> label) {
    Map<String, Long> ticks = new HashMap<>();
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      for (Path entry : entries.toList()) {
        String name = entry.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        long pid = Long.parseLong(name);
        String[] stat = stat(pid);
        if (stat.length >= 14 && Long.parseLong(stat[3]) == pgid) {
          ticks.merge(
              label.apply(pid, stat[0]),
              Long.parseLong(stat[12]) + Long.parseLong(stat[13]),
              Long::sum);
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    return ticks;
  }

  /** The command line of a process, its arguments joined by spaces; empty when it is gone. */
  static String commandLine(long pid) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"));
      return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
    } catch (IOException e) {
      return "";
    }
  }

  private static Map<String, String> somePressure() {
    Map<String, String> fields = new HashMap<>();
    for (String line : lines("/proc/pressure/cpu")) {
      if (line.startsWith("some ")) {
        for (String pair : line.substring(5).split(" ")) {
          int eq = pair.indexOf('=');
          fields.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
    }
    return fields;
  }

  // The program name, then the fields after it (it is in parentheses and may hold spaces):
  // state, ppid, pgrp, ...; utime and stime are 12th and 13th after it. Empty when gone.
  private static String[] stat(long pid) {
    String line = firstLine("/proc/" + pid + "/stat");
    int open = line.indexOf('(');
    int close = line.lastIndexOf(')');
    if (open < 0 || close < open || close + 2 > line.length()) {
      return new String[0];
    }
    String[] after = line.substring(close + 2).split(" ");
    String[] stat = new String[after.length + 1];
    stat[0] = line.substring(open + 1, close);
    System.arraycopy(after, 0, stat, 1, after.length);
    return stat;
  }

  private static String firstLine(String file) {
    List<String> lines = lines(file);
    return lines.isEmpty() ? "" : lines.getFirst();
  }

  private static List<String> lines(String file) {
    try {
      return Files.readAllLines(Path.of(file));
    } catch (IOException e) {
      return List.of();
    }
  }
}
