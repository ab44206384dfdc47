/**
 * Where the load run sends a request: to the origin directly, or to the Worker in front of it, run
 * by plain workerd or by {@code wrangler dev}.
 */
enum LoadSide {
  ORIGIN("origin alone", "origin"),
  /** The bundle {@code wrangler deploy} builds, in workerd with nothing in front of it. */
  WORKERD("Worker on plain workerd", "workerd"),
  /** {@code wrangler dev}: its proxy workerd, node relaying the logs, then the Worker's workerd. */
  WRANGLER_DEV("Worker under wrangler dev", "wrangler dev");

  final String label;

  /** The side's name in lists, such as the order of the slices. */
  final String shortName;

  LoadSide(String label, String shortName) {
    this.label = label;
    this.shortName = shortName;
  }
}
