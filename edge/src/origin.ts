/**
 * The origin client: one bounded call per request, with an allowlist of headers each way.
 *
 * Request headers are forwarded by allowlist, so the client's credentials (`Authorization`,
 * `Cookie`, `X-API-Key`), a client's `X-Origin-Auth` and hop-by-hop headers (RFC 9110, section
 * 7.6.1) never reach the origin, whatever their spelling; the origin authenticates the edge, not
 * the client, with the credential headers the edge adds last (src/credentials.ts). The request
 * id the edge chose replaces the client's, so both sides log the same id.
 */
import { EdgeError } from "./responses";

/** How the edge reaches the network; `fetch` in production, a fake in tests. */
export type Fetcher = (request: Request) => Promise<Response>;

/** Request headers passed to the origin as the client sent them. */
const FORWARDED_REQUEST_HEADERS = [
  "Accept",
  "Accept-Encoding",
  "Accept-Language",
  "Content-Type",
  "User-Agent",
  "X-Tenant-ID",
] as const;

/**
 * Origin response headers passed to the client; the edge adds its own after these.
 * `Content-Encoding` is not one: the runtime's fetch hands over the body decoded, so the header
 * would describe bytes the edge does not have, and a response that carries it is encoded again
 * on its way out whatever the client accepts. The runtime compresses for clients that ask.
 */
const FORWARDED_RESPONSE_HEADERS = [
  "Allow",
  "Cache-Control",
  "Content-Language",
  "Content-Type",
  "Retry-After",
  "Vary",
  "X-Tenant-ID",
] as const;

export const UNAVAILABLE_MESSAGE = "Model-backed compression is temporarily unavailable.";

export interface OriginRequest {
  readonly method: string;
  /** Path and query, as the client sent them. */
  readonly target: string;
  readonly headers: Headers;
  readonly requestId: string;
  readonly body?: Uint8Array | undefined;
  /** The edge's own credential for the origin, set after the client's headers. */
  readonly credentials?: Record<string, string> | undefined;
}

/** The origin's complete answer, body read to its end. */
export interface OriginAnswer {
  readonly status: number;
  /** The answer's headers that reach the client (the allowlist). */
  readonly headers: Headers;
  readonly body: ArrayBuffer;
  readonly elapsedMs: number;
  /** The answer's `X-Request-ID`, which the origin sets to the id the edge sent. */
  readonly requestIdEcho: string | null;
}

export interface OriginClientOptions {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly fetcher: Fetcher;
  readonly now: () => number;
}

/**
 * Calls the origin and reads its whole answer within `timeoutMs`.
 *
 * Any status the origin writes is an answer: its 4xx and 5xx are the client's to see, with their
 * bodies. A failure status that something in between wrote in its place is not (see
 * {@link requireOriginWrote}).
 *
 * @throws EdgeError `origin_timeout` when the answer is not complete in time, `origin_unavailable`
 *     when the origin cannot be reached, breaks off its answer, or a gateway answers for it
 */
export async function callOrigin(
  options: OriginClientOptions,
  request: OriginRequest,
): Promise<OriginAnswer> {
  const headers = new Headers();
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) {
      headers.set(name, value);
    }
  }
  headers.set("X-Request-ID", request.requestId);
  for (const [name, value] of Object.entries(request.credentials ?? {})) {
    headers.set(name, value);
  }

  const init: RequestInit = { method: request.method, headers, redirect: "manual" };
  if (request.body !== undefined) {
    init.body = request.body;
  }
  const url = options.baseUrl + request.target;
  const answer = await withTimeout(options, (signal) =>
    options.fetcher(new Request(url, { ...init, signal })),
  );

  const forwarded = new Headers();
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = answer.headers.get(name);
    if (value !== null) {
      forwarded.set(name, value);
    }
  }
  return { ...answer, headers: forwarded };
}

/**
 * An answer written by something in the origin's place: Cloud Run's front end when no instance
 * can start or serve (`429`, `500`, `503`) or the service is gone (`404`), a load balancer, the
 * edge platform itself (`530`), or another server at a mistaken `ORIGIN_BASE_URL`. Only the
 * label is kept; the page it came with is never logged.
 */
export class GatewayAnswer extends Error {
  constructor(readonly detail: string) {
    super(`gateway answered for the origin: ${detail}`);
    this.name = "GatewayAnswer";
  }
}

/**
 * Refuses an answer the origin did not write. The origin echoes the request id the edge sent on
 * every answer, its errors included; an answer without it, of any status, is a gateway's page
 * (HTML, or a platform's own JSON), not the contract's, so the client gets `503
 * origin_unavailable` instead and the breaker counts an unreachable origin. Called after
 * `requireAccepted`, so a refused credential is reported as such.
 *
 * @throws EdgeError `origin_unavailable`, with a {@link GatewayAnswer} naming the status
 */
export function requireOriginWrote(answer: OriginAnswer, requestId: string): void {
  if (answer.requestIdEcho !== requestId) {
    throw new EdgeError(
      "origin_unavailable",
      UNAVAILABLE_MESSAGE,
      {},
      new GatewayAnswer(`status ${answer.status}`),
    );
  }
}

/** Sends with `send` and reads the whole answer, all within the timeout. */
async function withTimeout(
  options: OriginClientOptions,
  send: (signal: AbortSignal) => Promise<Response>,
): Promise<OriginAnswer> {
  const started = options.now();
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The race ends the wait even if a fetcher ignores the abort signal.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new EdgeError("origin_timeout", timeoutMessage(options.timeoutMs)));
    }, options.timeoutMs);
  });

  try {
    return await Promise.race([read(options, send(controller.signal), started), deadline]);
  } catch (failure) {
    // Once the deadline has passed, whatever the aborted fetch threw is the timeout.
    if (failure instanceof EdgeError || controller.signal.aborted) {
      throw new EdgeError("origin_timeout", timeoutMessage(options.timeoutMs));
    }
    throw new EdgeError("origin_unavailable", UNAVAILABLE_MESSAGE, {}, failure);
  } finally {
    if (timer !== undefined) {
      clearTimeout(timer);
    }
  }
}

async function read(
  options: OriginClientOptions,
  sent: Promise<Response>,
  started: number,
): Promise<OriginAnswer> {
  const response = await sent;
  const body = await response.arrayBuffer();
  return {
    status: response.status,
    headers: response.headers,
    body,
    elapsedMs: options.now() - started,
    requestIdEcho: response.headers.get("X-Request-ID"),
  };
}

function timeoutMessage(timeoutMs: number): string {
  return `The origin did not answer within ${timeoutMs} ms.`;
}
