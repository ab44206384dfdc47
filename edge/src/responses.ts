/**
 * Responses the edge writes itself: the error envelope shared with the origin, and the headers
 * that say what the edge did. Every failure becomes a response in {@link errorResponse}, the one
 * place where errors are mapped to HTTP.
 */
import { ConfigError } from "./config";

/** The error codes the edge sends itself, each with its status (contracts/openapi.yaml). */
export const ERROR_STATUS = {
  bad_request: 400,
  invalid_json: 400,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  origin_unavailable: 503,
  origin_timeout: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** `X-Edge-Decision`: what the edge did with the request. */
export type Decision = "origin" | "cache-hit" | "skip-unchanged" | "transform" | "reject";

/** `X-Edge-Cache`: the cache's part in the answer. */
export type CacheState = "hit" | "miss" | "bypass" | "store" | "disabled";

/** A request the edge refuses or cannot serve, answered with the envelope and its status. */
export class EdgeError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "EdgeError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/** What the response headers report about the edge's part in one exchange. */
export interface EdgeOutcome {
  readonly requestId: string;
  readonly decision: Decision;
  readonly cache: CacheState;
  /** The origin's status when it was called and answered. */
  readonly originStatus?: number | undefined;
}

/** Adds `X-Request-ID` and the edge headers, replacing any the origin sent. */
export function withEdgeHeaders(headers: Headers, outcome: EdgeOutcome): Headers {
  headers.set("X-Request-ID", outcome.requestId);
  headers.set("X-Edge-Decision", outcome.decision);
  headers.set("X-Edge-Cache", outcome.cache);
  if (outcome.originStatus === undefined) {
    headers.delete("X-Origin-Status");
  } else {
    headers.set("X-Origin-Status", String(outcome.originStatus));
  }
  return headers;
}

/** A JSON answer written by the edge, serialized once. */
export function jsonResponse(status: number, body: unknown, outcome: EdgeOutcome): Response {
  const headers = withEdgeHeaders(new Headers({ "Content-Type": "application/json" }), outcome);
  return new Response(JSON.stringify(body), { status, headers });
}

/**
 * Turns any failure into the contract's envelope `{error, message, request_id}`.
 *
 * An {@link EdgeError} keeps its code, message and headers. Anything else is a fault of the edge,
 * including a bad configuration: the client gets a generic `internal_error`, never the
 * exception's text, while the log line carries the reason.
 */
export function errorResponse(
  failure: unknown,
  requestId: string,
  decision: Decision = "reject",
): Response {
  const error = failure instanceof EdgeError ? failure : internalError();
  const response = jsonResponse(
    error.status,
    { error: error.code, message: error.message, request_id: requestId },
    { requestId, decision, cache: "bypass" },
  );
  for (const [name, value] of Object.entries(error.headers)) {
    response.headers.set(name, value);
  }
  return response;
}

/** The reason to log for a failure that {@link errorResponse} hides from the client. */
export function internalReason(failure: unknown): string | undefined {
  if (failure instanceof EdgeError) {
    const cause = failure.cause;
    if (!(cause instanceof Error)) {
      return undefined;
    }
    // A cause may carry a fixed label saying which step failed (src/google.ts); never text.
    const detail = (cause as { detail?: unknown }).detail;
    return typeof detail === "string" ? `${cause.name}: ${detail}` : cause.name;
  }
  if (failure instanceof ConfigError) {
    return failure.message;
  }
  return failure instanceof Error ? failure.name : typeof failure;
}

function internalError(): EdgeError {
  return new EdgeError("internal_error", "The service failed to answer.");
}
