import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * The figures of a load run, from its slices and the sides' tallies: wall-time percentiles per side
 * and payload, the added latency over the origin alone, the Worker's own cost over the bare
 * forwarder, throughput, failures, the CPU stall share and CPU time per request.
 *
 * <p>Latencies are in milliseconds; a percentile of a side and payload with no answered request,
 * and every difference or ratio taken from it, is NaN.
 */
record LoadFigures(LoadRun.Result result) {

  /** The median, lowest and highest requests per second of one side's slices. */
  record SliceRates(double median, double min, double max) {}

  /** CPU time over one side's slices, per request and as the cores it kept busy on average. */
  record CpuUse(double msPerRequest, double coresBusy) {}

  /** Every measured slice, in the order they ran. */
  List<LoadRun.Slice> slices() {
    return result.slices();
  }

  int answered(LoadSide side, int payload) {
    return tally(side).answered(payload);
  }

  /** Answered requests of one payload per second of the side's measured time. */
  double answeredPerSecond(LoadSide side, int payload) {
    return answered(side, payload) / measuredSeconds(side);
  }

  double percentileMs(LoadSide side, int payload, double p) {
    double[] ms = tally(side).sortedMillis(payload);
    return ms.length == 0 ? Double.NaN : Stats.percentile(ms, p);
  }

  double maxMs(LoadSide side, int payload) {
    double[] ms = tally(side).sortedMillis(payload);
    return ms.length == 0 ? Double.NaN : ms[ms.length - 1];
  }

  /** A side's percentile minus the origin alone's, for the same payload. */
  double addedMs(LoadSide side, int payload, double p) {
    return percentileMs(side, payload, p) - percentileMs(LoadSide.ORIGIN, payload, p);
  }

  /** A side's percentile over the origin alone's, for the same payload. */
  double ratioToOrigin(LoadSide side, int payload, double p) {
    return percentileMs(side, payload, p) / percentileMs(LoadSide.ORIGIN, payload, p);
  }

  /**
   * The Worker on plain workerd minus the bare forwarder on the same runtime: the Worker's code
   * less the hop.
   */
  double ownCostMs(int payload, double p) {
    return percentileMs(LoadSide.WORKERD, payload, p)
        - percentileMs(LoadSide.FORWARDER, payload, p);
  }

  /** Every request a side sent while measured, answered or failed. */
  long requests(LoadSide side) {
    return tally(side).requests();
  }

  /** The wall time of a side's slices together. */
  double measuredSeconds(LoadSide side) {
    return sideSlices(side).stream().mapToLong(LoadRun.Slice::wallNanos).sum() / 1e9;
  }

  double requestsPerSecond(LoadSide side) {
    return requests(side) / measuredSeconds(side);
  }

  SliceRates sliceRates(LoadSide side) {
    double[] rates =
        sideSlices(side).stream().mapToDouble(LoadRun.Slice::requestsPerSecond).sorted().toArray();
    return new SliceRates(Stats.percentile(rates, 50), rates[0], rates[rates.length - 1]);
  }

  /**
   * The percentage of a side's measured time in which some task on the machine waited for a CPU;
   * empty when a slice of it had no such figure.
   */
  OptionalDouble stallPercent(LoadSide side) {
    long stall = 0;
    for (LoadRun.Slice s : sideSlices(side)) {
      if (s.stallMicros() < 0) {
        return OptionalDouble.empty();
      }
      stall += s.stallMicros();
    }
    return OptionalDouble.of(100 * stall / (measuredSeconds(side) * 1e6));
  }

  int failed(LoadSide side, int payload) {
    return tally(side).failed(payload);
  }

  /** One payload's failed requests on one side, by kind. */
  Map<String, Integer> failures(LoadSide side, int payload) {
    return tally(side).failures(payload);
  }

  long failedRequests(LoadSide side) {
    return tally(side).failedRequests();
  }

  /** Failed requests of every side while measured. */
  long failedRequests() {
    long failed = 0;
    for (LoadTally tally : result.measured().values()) {
      failed += tally.failedRequests();
    }
    return failed;
  }

  /** Failed requests of every side during the untimed warm-up. */
  long warmupFailedRequests() {
    long failed = 0;
    for (LoadTally tally : result.warmup().values()) {
      failed += tally.failedRequests();
    }
    return failed;
  }

  /** The processes whose CPU ticks some slice recorded, by name, sorted. */
  Set<String> processes() {
    TreeSet<String> names = new TreeSet<>();
    for (LoadRun.Slice s : result.slices()) {
      names.addAll(s.cpuTicks().keySet());
    }
    names.remove(LoadRun.MACHINE);
    return names;
  }

  /** One process's CPU time, or with {@link LoadRun#MACHINE} the whole machine's busy time. */
  CpuUse cpu(LoadSide side, String process) {
    return cpuUse(side, ticks -> ticks.getOrDefault(process, 0L));
  }

  /** The machine's busy time less that of every process recorded: other work on the machine. */
  CpuUse otherCpu(LoadSide side) {
    return cpuUse(side, LoadFigures::otherTicks);
  }

  private CpuUse cpuUse(LoadSide side, ToLongFunction<Map<String, Long>> ticksOfSlice) {
    long ticks = 0;
    for (LoadRun.Slice s : sideSlices(side)) {
      ticks += ticksOfSlice.applyAsLong(s.cpuTicks());
    }
    double ms = ticks * HostLoad.MS_PER_TICK;
    return new CpuUse(ms / requests(side), ms / (measuredSeconds(side) * 1000));
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

  private LoadTally tally(LoadSide side) {
    return result.measured().get(side);
  }

  private List<LoadRun.Slice> sideSlices(LoadSide side) {
    return result.slices().stream().filter(s -> s.side() == side).toList();
  }
}
