/**
 * `GET /health`, answered by the edge itself: the edge is up whenever it can answer, so the
 * status is `ok` even with the origin down, and the origin's state is reported beside it.
 */
import type { BreakerReport } from "./breaker";
import type { Config } from "./config";
import { CredentialError } from "./google";
import { callOrigin, UNAVAILABLE_MESSAGE, type Fetcher } from "./origin";
import { EdgeError } from "./responses";

export const EDGE_VERSION = "0.1.0";

/** Longest wait for the origin's own `/health`; a slow origin must not make health slow. */
export const HEALTH_PROBE_TIMEOUT_MS = 1500;

/** Reported as `compressor` while the origin has never been seen healthy by this isolate. */
export const UNKNOWN_COMPRESSOR = "unknown@0";

/** What this isolate has seen of the origin, kept between requests. */
export class OriginState {
  private lastForwarded: { status: number; at: number } | undefined;
  private compressor: string | undefined;

  /**
   * Records the status of a forwarded call: the origin's, or the edge's own `503` or `504` when
   * the call failed, so that health shows a failing origin as well as an answering one.
   */
  recordForwarded(status: number, at: number): void {
    this.lastForwarded = { status, at };
  }

  recordCompressor(compressor: string): void {
    this.compressor = compressor;
  }

  lastCompressor(): string {
    return this.compressor ?? UNKNOWN_COMPRESSOR;
  }

  /** The last forwarded call's status and age, when there was one. */
  lastForwardedReport(now: number): { status: number; age_ms: number } | undefined {
    return (
      this.lastForwarded && {
        status: this.lastForwarded.status,
        age_ms: now - this.lastForwarded.at,
      }
    );
  }
}

export interface HealthReport {
  readonly body: Record<string, unknown>;
  /** The probe's HTTP status, when the origin answered it. */
  readonly originStatus?: number | undefined;
  readonly originElapsedMs?: number | undefined;
}

/**
 * Probes the origin's `/health` and reports the edge's health with what the probe found, and the
 * circuit breaker's `report` as `breaker`.
 *
 * While the breaker is open the probe is skipped and the origin reported `unavailable`: health
 * must answer at once, and calls no origin the breaker has given up on.
 */
export async function checkHealth(
  config: Config,
  state: OriginState,
  breaker: BreakerReport,
  fetcher: Fetcher,
  now: () => number,
  requestId: string,
  credentials: () => Promise<Record<string, string>>,
): Promise<HealthReport> {
  const options = {
    baseUrl: config.originBaseUrl,
    timeoutMs: Math.min(config.originTimeoutMs, HEALTH_PROBE_TIMEOUT_MS),
    fetcher,
    now,
  };
  let origin: Record<string, unknown>;
  let originStatus: number | undefined;
  let originElapsedMs: number | undefined;
  if (breaker.state === "open") {
    origin = { status: "unavailable" };
  } else {
    try {
      const answer = await callOrigin(options, {
        method: "GET",
        target: "/health",
        headers: new Headers(),
        requestId,
        credentials: await probeCredentials(credentials, options.timeoutMs),
      });
      originStatus = answer.status;
      originElapsedMs = answer.elapsedMs;
      origin = describeAnswer(answer.status, answer.body, state);
    } catch (failure) {
      if (!(failure instanceof EdgeError)) {
        throw failure;
      }
      origin = { status: probeFailure(failure) };
    }
  }

  const lastForwarded = state.lastForwardedReport(now());
  if (lastForwarded) {
    origin["last_forwarded"] = lastForwarded;
  }
  const body = {
    status: "ok",
    service: "edge",
    version: EDGE_VERSION,
    compressor: state.lastCompressor(),
    edge_env: config.edgeEnv,
    origin,
    breaker,
  };
  return { body, originStatus, originElapsedMs };
}

/**
 * The probe's credential, waited for no longer than the probe may take: a slow token refresh
 * goes on for the requests that share it, but health answers without it.
 */
async function probeCredentials(
  credentials: () => Promise<Record<string, string>>,
  timeoutMs: number,
): Promise<Record<string, string>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const cause = new CredentialError("timeout");
      reject(new EdgeError("origin_unavailable", UNAVAILABLE_MESSAGE, {}, cause));
    }, timeoutMs);
  });
  try {
    return await Promise.race([credentials(), deadline]);
  } finally {
    if (timer !== undefined) {
      clearTimeout(timer);
    }
  }
}

/** What a failed probe is reported as: no credential for the origin is its own state. */
function probeFailure(failure: EdgeError): string {
  if (failure.cause instanceof CredentialError) {
    return "no_credentials";
  }
  return failure.code === "origin_timeout" ? "timeout" : "unreachable";
}

/** The origin's health body when it is a healthy one, else its status as `unhealthy`. */
function describeAnswer(
  status: number,
  body: ArrayBuffer,
  state: OriginState,
): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(body));
  } catch {
    // An answer that is not JSON is reported by its status alone.
    parsed = undefined;
  }
  const healthy =
    status === 200 &&
    typeof parsed === "object" &&
    parsed !== null &&
    (parsed as Record<string, unknown>)["status"] === "ok";
  if (!healthy) {
    return { status: "unhealthy", http_status: status };
  }

  const report = { ...(parsed as Record<string, unknown>) };
  if (typeof report["compressor"] === "string") {
    state.recordCompressor(report["compressor"]);
  }
  return report;
}
