/**
 * The circuit breaker in front of the origin, one per isolate: after `threshold` consecutive
 * failures to reach the origin, forwarded routes are answered at once with `503
 * origin_unavailable` for `cooldownMs`, then one request is let through as a probe.
 *
 * Only a failure of reachability counts: the edge's own `503 origin_unavailable` (no connection,
 * the answer broken off, or a gateway's failure page in the origin's place: src/origin.ts) and
 * `504 origin_timeout`. An answer the origin wrote, of any status, a `5xx` or a body that is not
 * JSON included, shows that the origin is there and closes the breaker: such answers are the
 * client's to see, and a model error on one input says nothing about the next one.
 *
 * Security: while the breaker is open a failing origin costs the edge no connection and no wait
 * of up to `ORIGIN_TIMEOUT_MS`, so a dead origin cannot tie up the edge's requests.
 */

/** Where the breaker stands; `half-open` while its one probe is in flight. */
export type BreakerState = "closed" | "open" | "half-open";

/** What `/health` reports of the origin's reachability as forwarded calls have found it. */
export type Reachability = "ok" | "unavailable" | "unknown";

/** The breaker as `/health` reports it. */
export interface BreakerReport {
  readonly state: BreakerState;
  readonly status: Reachability;
  readonly consecutive_failures: number;
  /** Age of the last forwarded call's verdict, `null` before the first. */
  readonly last_checked_age_ms: number | null;
}

export interface BreakerSettings {
  readonly threshold: number;
  readonly cooldownMs: number;
}

export class Breaker {
  private failures = 0;
  private openedAt: number | undefined;
  private probing = false;
  private lastChecked: { reachable: boolean; at: number } | undefined;

  /**
   * Whether a forwarded call may go to the origin now. Once the cooldown has passed, the first
   * caller is let through as the probe and later callers are refused until it has settled, so a
   * recovering origin sees one request, not the whole backlog.
   */
  admit(settings: BreakerSettings, now: number): boolean {
    if (this.openedAt === undefined) {
      return true;
    }
    if (this.probing || now - this.openedAt < settings.cooldownMs) {
      return false;
    }
    this.probing = true;
    return true;
  }

  /** The origin answered, whatever its status: the breaker closes. */
  recordSuccess(now: number): void {
    this.failures = 0;
    this.openedAt = undefined;
    this.probing = false;
    this.lastChecked = { reachable: true, at: now };
  }

  /** The origin could not be reached or did not answer in time. */
  recordFailure(settings: BreakerSettings, now: number): void {
    this.failures += 1;
    this.lastChecked = { reachable: false, at: now };
    // A failed probe reopens the breaker for a whole new cooldown.
    if (this.probing || this.failures >= settings.threshold) {
      this.openedAt = now;
    }
    this.probing = false;
  }

  /**
   * Releases an admitted call that ended without reaching a verdict on the origin, so a probe
   * that failed for another reason does not hold the breaker half-open forever.
   */
  release(): void {
    this.probing = false;
  }

  state(settings: BreakerSettings, now: number): BreakerState {
    if (this.openedAt === undefined) {
      return "closed";
    }
    return this.probing || now - this.openedAt >= settings.cooldownMs ? "half-open" : "open";
  }

  /** For `/health`: the breaker, and what the last forwarded call found, with its age. */
  report(settings: BreakerSettings, now: number): BreakerReport {
    const reachability: Reachability =
      this.lastChecked === undefined
        ? "unknown"
        : this.lastChecked.reachable
          ? "ok"
          : "unavailable";
    return {
      state: this.state(settings, now),
      status: reachability,
      consecutive_failures: this.failures,
      last_checked_age_ms: this.lastChecked === undefined ? null : now - this.lastChecked.at,
    };
  }
}
