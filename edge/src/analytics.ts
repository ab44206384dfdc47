/**
 * One Workers Analytics Engine data point per request, written beside its log line, for the
 * production checks of docs/metrics.md.
 *
 * A point is written only when the Worker has the {@link ANALYTICS_BINDING} binding (staging and
 * production in wrangler.jsonc); locally and in tests there is none and nothing is written. Its
 * fields are the log line's, in the fixed positions of {@link BLOBS} and {@link DOUBLES}, so they
 * are a closed list too: numbers, fixed words and the route's own path, never a prompt, a body or
 * a header value.
 *
 * The index, which Analytics Engine samples by, is the tenant: the first 16 hex digits of the
 * SHA-256 of the resolved tenant id, or {@link NO_TENANT}. Each tenant so keeps its own sampling
 * and can be counted, while the dataset, read by whoever holds an analytics token, holds no
 * tenant names; the raw id stays in the log line alone. The hash has no salt: it keeps names out
 * of the dataset, and anyone who knows a tenant's id can find its rows, as an operator must.
 *
 * Tokens saved are read from the answer only where that is cheap: a `200` JSON answer of a
 * compression route of at most {@link SAVINGS_READ_LIMIT} bytes, read from a copy after the
 * response has gone, from its top-level `tokens_saved` (`/compress`, `/v1/messages/compress`),
 * or `origin_tokens` minus `compressed_tokens` (`/v1/compress`). `savings_read` says whether it
 * was; where it was not, `tokens_saved` is 0 and queries leave the point out.
 *
 * Writing a point never fails the request: a failure is handed to `onFailure`, which logs it.
 */
import type { RequestLog } from "./telemetry";

/** The binding's name in wrangler.jsonc. */
export const ANALYTICS_BINDING = "ANALYTICS";

/** The part of the Analytics Engine binding the edge uses. */
export interface AnalyticsDataset {
  writeDataPoint(point: AnalyticsEngineDataPoint): void;
}

/** The index of a request that named no tenant. No hash prefix is this word. */
export const NO_TENANT = "none";

/** `blob1`, `blob2`, ...: the log line's field each position holds; `""` for null. */
export const BLOBS = [
  "path",
  "decision",
  "cache",
  "error",
  "skip_reason",
  "method",
  "edge_env",
] as const;

/** `double1`, `double2`, ...: the quantity each position holds; 0 for a null. */
export const DOUBLES = [
  "status",
  "origin_status",
  "edge_elapsed_ms",
  "origin_elapsed_ms",
  "tokens_saved",
  "savings_read",
  "body_bytes",
] as const;

/** Largest answer whose tokens saved are read: the cache's default bound for an answer. */
export const SAVINGS_READ_LIMIT = 262_144;

/** The routes whose answers say how many tokens they saved. */
const SAVING_PATHS: ReadonlySet<string> = new Set([
  "/compress",
  "/v1/compress",
  "/v1/messages/compress",
]);

/** Hex digits of the tenant's SHA-256 kept as the index: 64 bits, far from any collision. */
const TENANT_HASH_DIGITS = 16;

/**
 * Writes the request's data point when `env` has the binding. The answer's copy is taken before
 * this returns, so call it before the response is sent; the returned promise, which never
 * rejects, finishes the work and belongs in `waitUntil`.
 */
export function recordRequest(
  env: Record<string, unknown>,
  record: RequestLog,
  response: Response,
  onFailure: (failure: unknown) => void,
): Promise<void> {
  const dataset = env[ANALYTICS_BINDING];
  if (dataset === undefined) {
    return Promise.resolve();
  }

  try {
    const answer = mayHoldSavings(record, response) ? response.clone() : undefined;
    return write(dataset, record, answer).catch(onFailure);
  } catch (failure) {
    onFailure(failure);
    return Promise.resolve();
  }
}

async function write(
  dataset: unknown,
  record: RequestLog,
  answer: Response | undefined,
): Promise<void> {
  if (!isDataset(dataset)) {
    throw new TypeError(`${ANALYTICS_BINDING} is not an Analytics Engine binding`);
  }
  const saved = answer === undefined ? undefined : await tokensSaved(answer);
  const index = record.tenant_id === null ? NO_TENANT : await tenantHash(record.tenant_id);
  dataset.writeDataPoint(dataPoint(record, index, saved));
}

/** The point for `record`, with the tenant's index and the tokens saved, when they were read. */
export function dataPoint(
  record: RequestLog,
  index: string,
  saved: number | undefined,
): AnalyticsEngineDataPoint {
  const quantities: Record<(typeof DOUBLES)[number], number> = {
    status: record.status,
    origin_status: record.origin_status ?? 0,
    edge_elapsed_ms: record.edge_elapsed_ms,
    origin_elapsed_ms: record.origin_elapsed_ms ?? 0,
    tokens_saved: saved ?? 0,
    savings_read: saved === undefined ? 0 : 1,
    body_bytes: record.body_bytes,
  };
  return {
    indexes: [index],
    blobs: BLOBS.map((field) => record[field] ?? ""),
    doubles: DOUBLES.map((field) => quantities[field]),
  };
}

/** The index of a tenant id: the first hex digits of its SHA-256. */
export async function tenantHash(tenantId: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(tenantId));
  const hex = [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0"));
  return hex.join("").slice(0, TENANT_HASH_DIGITS);
}

function isDataset(value: unknown): value is AnalyticsDataset {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { writeDataPoint?: unknown }).writeDataPoint === "function"
  );
}

function mayHoldSavings(record: RequestLog, response: Response): boolean {
  const mediaType = (response.headers.get("Content-Type") ?? "").split(";")[0]?.trim();
  return (
    record.status === 200 &&
    SAVING_PATHS.has(record.path) &&
    mediaType?.toLowerCase() === "application/json" &&
    response.body !== null
  );
}

/**
 * The tokens the answer says it saved, or undefined when it is larger than the bound, is not
 * a JSON object or has no such count. The body is read no further than the bound.
 */
async function tokensSaved(answer: Response): Promise<number | undefined> {
  const body = await readUpTo(answer, SAVINGS_READ_LIMIT);
  if (body === undefined) {
    return undefined;
  }

  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(body));
  } catch {
    // Not JSON after all, whatever its media type said: there is nothing to read.
    return undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return undefined;
  }
  const fields = value as Record<string, unknown>;
  if (isCount(fields["tokens_saved"])) {
    return fields["tokens_saved"];
  }
  // /v1/compress speaks the library's names: its input and output counts.
  if (isCount(fields["origin_tokens"]) && isCount(fields["compressed_tokens"])) {
    return fields["origin_tokens"] - fields["compressed_tokens"];
  }
  return undefined;
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

/** The whole body when it has at most `limit` bytes; undefined, and the rest unread, if not. */
async function readUpTo(answer: Response, limit: number): Promise<Uint8Array | undefined> {
  const reader = answer.body?.getReader();
  if (reader === undefined) {
    return undefined;
  }
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    length += value.byteLength;
    if (length > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }

  const body = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
