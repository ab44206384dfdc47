/**
 * One structured log line per request, written as JSON to the Workers log.
 *
 * The line holds identifiers, sizes and timings only. It never holds a prompt, a body, a
 * header value other than the ones named here, or anything from a credential header: the
 * fields are a closed list, and each is a number, a fixed word or a value already checked to
 * be a well-formed id (request id, tenant id). `path` is a route's own path, or
 * {@link UNMATCHED_PATH}: an unknown URL is client text and could carry anything.
 */
import type { CacheState, Decision } from "./responses";
import type { SkipReason } from "./skip";
import type { TransformLabel } from "./transforms";

export interface RequestLog {
  readonly request_id: string;
  readonly cf_ray: string | null;
  readonly edge_env: string | null;
  readonly method: string;
  readonly path: string;
  readonly tenant_id: string | null;
  readonly body_bytes: number;
  readonly decision: Decision;
  readonly cache: CacheState;
  readonly status: number;
  readonly error: string | null;
  readonly origin_status: number | null;
  readonly edge_elapsed_ms: number;
  readonly origin_elapsed_ms: number | null;
  /** Which rule made the edge answer unchanged (src/skip.ts), a label; null when it did not. */
  readonly skip_reason: SkipReason | null;
  /** Which rewrite the edge answered with itself (src/transforms.ts), a label; null otherwise. */
  readonly transform: TransformLabel | null;
  /** Why the edge itself failed, for `internal_error` and origin failures; never client text. */
  readonly reason?: string;
}

/** Where log lines go; `console.log` in production, a collector in tests. */
export type LogSink = (line: string) => void;

/** Logged as `path` for a request that matched no route, as the origin's access log does. */
export const UNMATCHED_PATH = "unmatched";

export function writeLog(sink: LogSink, record: RequestLog): void {
  sink(JSON.stringify(record));
}

/** A Cloudflare ray id: hex digits, then optionally `-` and a three-letter data centre code. */
const RAY_ID = /^[0-9a-fA-F]+(-[A-Z]{3})?$/;

/**
 * The `CF-Ray` header when it has the shape of a ray id, else null: a client can send the header
 * itself, and only a value checked to be an id may be written to the log.
 */
export function rayId(value: string | null): string | null {
  return value !== null && value.length <= 64 && RAY_ID.test(value) ? value : null;
}

/**
 * Logs a guardrail's failure (a cache call, the rate limit binding, the analytics binding) by the
 * failure's name only, with the request id: never its message, which could quote a key.
 */
export function failureReporter(
  sink: LogSink,
  requestId: string,
  event: string,
): (failure: unknown) => void {
  return (failure) => {
    const reason = failure instanceof Error ? failure.name : typeof failure;
    sink(JSON.stringify({ request_id: requestId, event, reason }));
  };
}
