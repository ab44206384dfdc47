/**
 * A Worker handler wired to a fake origin, a fake clock and a log collector, so tests can see
 * exactly what reaches the origin and what is logged, without any network.
 */
import { Breaker } from "../src/breaker";
import { ConfigError, parseConfig } from "../src/config";
import { IdTokens } from "../src/google";
import { OriginState } from "../src/health";
import { createHandler } from "../src/index";
import type { Fetcher } from "../src/origin";

export const EDGE = "https://edge.test";

export const ENV = {
  ORIGIN_BASE_URL: "https://origin.test",
  EDGE_ENV: "staging",
  MAX_BODY_BYTES: "1024",
  ORIGIN_TIMEOUT_MS: "50",
  CACHE_ENABLED: "false",
  CACHE_TTL_SECONDS: "60",
  CACHE_MAX_BODY_BYTES: "512",
  ORIGIN_API_VERSION: "0.1.0",
  RATE_LIMIT_ENABLED: "false",
  RATE_LIMIT_UNIT_BYTES: "256",
  RATE_LIMIT_RETRY_AFTER_SECONDS: "60",
  ORIGIN_AUTH_MODE: "none",
  ORIGIN_FAILURE_THRESHOLD: "3",
  ORIGIN_COOLDOWN_MS: "10000",
  TENANT_PROFILES: "{}",
  SKIP_ENABLED: "false",
  MIN_COMPRESS_TEXT_CHARS: "240",
  MIN_COMPRESS_ESTIMATED_TOKENS: "80",
  MIN_EXPECTED_SAVINGS_TOKENS: "25",
  EDGE_TRANSFORMS: "none",
  TOON_MIN_JSON_TOKENS: "50",
  TOON_MIN_SAVINGS_RATIO: "0.15",
} as const;

/** A request as the origin received it. */
export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly body: Uint8Array;
}

export interface Harness {
  readonly handle: (request: Request, env?: Record<string, unknown>) => Promise<Response>;
  readonly received: ReceivedRequest[];
  readonly logs: string[];
  readonly state: OriginState;
  /** Moves the handler's clock forward by `ms`, without waiting. */
  readonly advance: (ms: number) => void;
  /** Waits for the work the handler left to finish after its responses (cache writes). */
  readonly settle: () => Promise<void>;
}

/**
 * An origin that answers `status` with `body` and the given headers, echoing the request id as
 * the origin does on every answer.
 */
export function answering(
  status: number,
  body: string,
  headers: Record<string, string> = { "Content-Type": "application/json" },
): Fetcher {
  return async (request) => originResponse(request, body, { status, headers });
}

/** A response as the origin writes it to `request`: with the request id echoed. */
export function originResponse(
  request: Request,
  body: BodyInit | null,
  init: { status?: number; headers?: Record<string, string> } = {},
): Response {
  const headers = new Headers(init.headers);
  const requestId = request.headers.get("X-Request-ID");
  if (requestId !== null && !headers.has("X-Request-ID")) {
    headers.set("X-Request-ID", requestId);
  }
  return new Response(body, { status: init.status ?? 200, headers });
}

/**
 * Something between the edge and the origin answering in its place (Cloud Run's front end, a
 * load balancer): `status` with `body`, and no echo of the request id.
 */
export function gateway(
  status: number,
  body: string,
  headers: Record<string, string> = { "Content-Type": "text/html" },
): Fetcher {
  return async () => new Response(body, { status, headers });
}

/** An origin that never answers, until the edge gives up on it. */
export const hanging: Fetcher = (request) =>
  new Promise((_, reject) => {
    request.signal.addEventListener("abort", () => reject(new Error("aborted")));
  });

/** An origin that cannot be reached. */
export const unreachable: Fetcher = async () => {
  throw new TypeError("Network connection lost.");
};

/**
 * A handler over a fake origin. Each harness has a cache of its own, so no test sees another's
 * entries.
 */
export function harness(
  origin: Fetcher = answering(200, '{"ok":true}'),
  openCache?: () => Promise<Cache>,
  google: { fetcher?: Fetcher; idTokens?: IdTokens } = {},
): Harness {
  const received: ReceivedRequest[] = [];
  const pending: Promise<unknown>[] = [];
  const cacheName = `test-${crypto.randomUUID()}`;
  const logs: string[] = [];
  const state = new OriginState();
  let skew = 0;
  let ids = 0;
  const handler = createHandler({
    fetcher: async (request) => {
      const body = new Uint8Array(await request.clone().arrayBuffer());
      received.push({ method: request.method, url: request.url, headers: request.headers, body });
      return origin(request);
    },
    now: () => Date.now() + skew,
    newId: () => `generated-${++ids}`,
    log: (line) => logs.push(line),
    originState: state,
    breaker: new Breaker(),
    openCache: openCache ?? (() => caches.open(cacheName)),
    idTokens: google.idTokens ?? new IdTokens(),
    googleFetcher: google.fetcher ?? unreachable,
  });
  return {
    handle: (request, env = ENV) => handler(request, env, (promise) => pending.push(promise)),
    received,
    logs,
    state,
    advance: (ms) => {
      skew += ms;
    },
    settle: async () => {
      await Promise.all(pending.splice(0));
    },
  };
}

/** A JSON POST to the edge. */
export function post(path: string, body: string, headers: Record<string, string> = {}): Request {
  return new Request(EDGE + path, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body,
  });
}

/** The error envelope of a response, checked for its shape. */
export async function envelope(
  response: Response,
): Promise<{ error: string; message: string; request_id: string }> {
  const body = (await response.json()) as Record<string, unknown>;
  if (
    typeof body["error"] !== "string" ||
    typeof body["message"] !== "string" ||
    typeof body["request_id"] !== "string"
  ) {
    throw new Error(`not an error envelope: ${JSON.stringify(body)}`);
  }
  return body as { error: string; message: string; request_id: string };
}

/** The one log line of a harness, parsed. */
export function onlyLog(h: Harness): Record<string, unknown> {
  if (h.logs.length !== 1) {
    throw new Error(`expected one log line, got ${h.logs.length}`);
  }
  return JSON.parse(h.logs[0] ?? "") as Record<string, unknown>;
}

/** Every log line of a harness, parsed. */
export function logLines(h: Harness): Record<string, unknown>[] {
  return h.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The ConfigError `parseConfig` throws for `env`; fails the test when it is accepted. */
export function configRefusal(env: Record<string, unknown>): ConfigError {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      return error;
    }
    throw error;
  }
  throw new Error("the configuration was accepted");
}
