/**
 * Where the load run sends a request: to the origin directly, to the edge Worker in front of it,
 * run by plain workerd or by {@code wrangler dev}, or to a bare forwarder in the Worker's place.
 */
enum LoadSide {
  ORIGIN("origin alone", "origin", false),
  /**
   * {@code bench/load/forwarder.js} on the same plain workerd as {@link #WORKERD}: a Worker that
   * passes each request on and the answer back, so its added latency is the floor under any
   * Worker's on this machine.
   */
  FORWARDER("bare forwarder on plain workerd", "forwarder", false),
  /** The bundle {@code wrangler deploy} builds, in workerd with nothing in front of it. */
  WORKERD("Worker on plain workerd", "workerd", true),
  /** {@code wrangler dev}: its proxy workerd, node relaying the logs, then the Worker's workerd. */
  WRANGLER_DEV("Worker under wrangler dev", "wrangler dev", true);

  final String label;

  /** The side's name in lists, such as the order of the slices. */
  final String shortName;

  /**
   * Whether the side runs the edge Worker, which the targets are about, and which names in {@code
   * X-Edge-Decision} whether it forwarded a request or answered it itself.
   */
  final boolean runsEdgeWorker;

  LoadSide(String label, String shortName, boolean runsEdgeWorker) {
    this.label = label;
    this.shortName = shortName;
    this.runsEdgeWorker = runsEdgeWorker;
  }
}
