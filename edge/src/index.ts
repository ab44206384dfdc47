/**
 * The edge Worker: the public entry point in front of the origin.
 *
 * Each request goes through the same steps, in the contract's order: request id, route (`404`),
 * method (`405`), media type (`415`), size (`413`), JSON syntax (`400`), rate limit (`429`), the
 * low-savings skip and the edge transforms (both answered by the edge itself), the
 * exact-response cache, then, unless the circuit breaker (breaker.ts) has given up on the
 * origin, one call to the origin with the original body bytes and the edge's credential
 * (credentials.ts), whose answer is returned as it
 * came, with the edge's headers added. Every failure on the way is turned into the error
 * envelope in one place, `errorResponse`, and every request, answered or refused, writes one
 * log line.
 */
import { recordRequest } from "./analytics";
import { Breaker, type BreakerSettings } from "./breaker";
import { cachePlace, isStorable, lookupQuietly, storeQuietly } from "./cache";
import { loadConfig, type Config } from "./config";
import { credentialHeaders, requireAccepted } from "./credentials";
import { IdTokens } from "./google";
import { checkHealth, OriginState } from "./health";
import { parseJsonBodyExactly } from "./json";
import {
  callOrigin,
  requireOriginWrote,
  UNAVAILABLE_MESSAGE,
  type Fetcher,
  type OriginAnswer,
} from "./origin";
import { addressKey, clientKey, enforceRateLimit, unitsFor } from "./ratelimit";
import {
  chooseRequestId,
  firstValue,
  readBody,
  requireJson,
  tenantOf,
  TENANT_HEADER,
} from "./requests";
import {
  EdgeError,
  errorResponse,
  internalReason,
  jsonResponse,
  withEdgeHeaders,
  type CacheState,
  type Decision,
} from "./responses";
import { findRoute, requireMethod, type Route } from "./routes";
import { ORIGIN_JSON_TYPE, skipAnswer, type SkipReason } from "./skip";
import { transformAnswer, type TransformLabel } from "./transforms";
import {
  failureReporter,
  rayId,
  UNMATCHED_PATH,
  writeLog,
  type LogSink,
  type RequestLog,
} from "./telemetry";

/** Everything the Worker takes from its surroundings, so tests can replace each part. */
export interface Dependencies {
  readonly fetcher: Fetcher;
  readonly now: () => number;
  readonly newId: () => string;
  readonly log: LogSink;
  readonly originState: OriginState;
  /** The isolate's circuit breaker in front of the origin. */
  readonly breaker: Breaker;
  /** The exact-response cache; `caches.default` in production. */
  readonly openCache: () => Promise<Cache>;
  /** The isolate's Google ID token for the origin (ORIGIN_AUTH_MODE google-iam). */
  readonly idTokens: IdTokens;
  /** Reaches Google's token and IAM endpoints; `fetch` in production. */
  readonly googleFetcher: Fetcher;
}

/** Lets work, such as a cache write, finish after the response is sent. */
export type WaitUntil = (promise: Promise<unknown>) => void;

type Handler = (
  request: Request,
  env: Record<string, unknown>,
  waitUntil: WaitUntil,
) => Promise<Response>;

/** What one exchange has learnt by the time it is answered, for its log line. */
interface Exchange {
  config?: Config;
  route?: Route;
  tenantId?: string | undefined;
  bodyBytes: number;
  decision: Decision;
  cache: CacheState;
  originStatus?: number | undefined;
  originElapsedMs?: number | undefined;
  skipReason?: SkipReason | undefined;
  transform?: TransformLabel | undefined;
}

/** Builds the request handler over the given dependencies. */
export function createHandler(deps: Dependencies): Handler {
  return async (request, env, waitUntil) => {
    const started = deps.now();
    const requestId = chooseRequestId(firstValue(request.headers.get("X-Request-ID")), deps.newId);
    const exchange: Exchange = { bodyBytes: 0, decision: "reject", cache: "bypass" };
    let response: Response;
    let failure: unknown;
    try {
      response = await serve(request, env, waitUntil, requestId, exchange, deps);
    } catch (caught) {
      failure = caught;
      response = errorResponse(caught, requestId, exchange.decision);
    }

    const record = logRecord(request, requestId, exchange, response, failure, deps.now() - started);
    writeLog(deps.log, record);
    // And, where the binding is configured, one analytics data point (analytics.ts).
    const onFailure = failureReporter(deps.log, requestId, "analytics_failed");
    waitUntil(recordRequest(env, record, response, onFailure));
    return response;
  };
}

async function serve(
  request: Request,
  env: Record<string, unknown>,
  waitUntil: WaitUntil,
  requestId: string,
  exchange: Exchange,
  deps: Dependencies,
): Promise<Response> {
  const config = loadConfig(env);
  exchange.config = config;
  const url = new URL(request.url);
  const route = findRoute(request.method, url.pathname);
  exchange.route = route;
  requireMethod(route, request.method);
  exchange.tenantId = tenantOf(request.headers.get(TENANT_HEADER), undefined);

  if (route.name === "health") {
    if (config.rateLimitEnabled) {
      const key = addressKey(request.headers);
      await enforceRateLimit(
        env,
        config,
        route.name,
        key,
        1,
        failureReporter(deps.log, requestId, "rate_limit_failed"),
      );
    }
    return health(config, requestId, exchange, deps);
  }
  const context = { env, waitUntil, url, route, config, requestId };
  return compression(request, context, exchange, deps);
}

/**
 * The four POST routes: checked in full before the origin is called, then forwarded.
 *
 * Security: nothing reaches the origin that the origin would refuse as unreadable (wrong media
 * type, oversized, malformed JSON) or that is over its rate limit, so such traffic costs no
 * origin call and no model time.
 * The body is forwarded as the bytes that were checked, never re-serialized, so the origin
 * judges exactly what the client sent; and only allowlisted headers go with it, so client
 * credentials never reach the origin.
 */
async function compression(
  request: Request,
  context: Context,
  exchange: Exchange,
  deps: Dependencies,
): Promise<Response> {
  const { env, url, route, config, requestId } = context;
  const contentType = firstValue(request.headers.get("Content-Type"));
  requireJson(contentType);
  const body = await readBody(request, config.maxBodyBytes);
  exchange.bodyBytes = body.byteLength;
  const parsedBody = parseJsonBodyExactly(body);
  const parsed = parsedBody.value;
  exchange.tenantId = tenantOf(request.headers.get(TENANT_HEADER), parsed);
  if (config.rateLimitEnabled) {
    const key = await clientKey(request.headers, parsed);
    const units = unitsFor(route.name, body.byteLength, config.rateLimitUnitBytes);
    const onFailure = failureReporter(deps.log, requestId, "rate_limit_failed");
    await enforceRateLimit(env, config, route.name, key, units, onFailure);
  }

  const skip = skipAnswer(route.name, parsedBody, request.headers.get(TENANT_HEADER), config);
  if (skip !== undefined) {
    exchange.decision = "skip-unchanged";
    exchange.skipReason = skip.reason;
    return ownAnswer(skip.body, skip.tenantId, requestId, "skip-unchanged");
  }

  // A transform answer is computed from the request each time, so it is neither looked up nor
  // stored.
  const transform = transformAnswer(
    route.name,
    parsedBody,
    request.headers.get(TENANT_HEADER),
    config,
    deps.originState.lastCompressor(),
  );
  if (transform?.kind === "answer") {
    exchange.decision = "transform";
    exchange.transform = transform.label;
    return ownAnswer(transform.body, transform.tenantId, requestId, "transform");
  }

  const place = await cachePlace(
    config,
    route.name,
    url,
    request.headers,
    parsedBody,
    exchange.tenantId,
    deps.openCache,
  );
  exchange.cache = place.state;
  const slot = place.slot;
  const hit =
    slot === undefined
      ? undefined
      : await lookupQuietly(slot, failureReporter(deps.log, requestId, "cache_lookup_failed"));
  if (hit !== undefined) {
    exchange.decision = "cache-hit";
    exchange.cache = "hit";
    const headers = withEdgeHeaders(hit.headers, {
      requestId,
      decision: "cache-hit",
      cache: "hit",
    });
    return new Response(hit.body, { status: hit.status, headers });
  }

  // An open breaker answers for the origin without calling it; the decision stays `reject`,
  // since the origin was not asked.
  const settings = breakerSettings(config);
  if (!deps.breaker.admit(settings, deps.now())) {
    throw new EdgeError("origin_unavailable", UNAVAILABLE_MESSAGE);
  }
  exchange.decision = "origin";
  // A credential that cannot be had, or that the origin refuses, fails like an unreachable
  // origin, and counts as one.
  const answer = await forward(deps, settings, async () => {
    const credential = await credentials(config, deps);
    const reply = await callOrigin(
      {
        baseUrl: config.originBaseUrl,
        timeoutMs: config.originTimeoutMs,
        fetcher: deps.fetcher,
        now: deps.now,
      },
      {
        method: "POST",
        target: url.pathname + url.search,
        headers: forwardedHeaders(request.headers, contentType),
        requestId,
        body,
        credentials: credential,
      },
    );
    // Logged also when the answer is refused below: the call was made and answered.
    exchange.originStatus = reply.status;
    exchange.originElapsedMs = reply.elapsedMs;
    requireAccepted(config, reply.status, deps.idTokens);
    requireOriginWrote(reply, requestId);
    return reply;
  });
  if (slot !== undefined && isStorable(answer, config)) {
    exchange.cache = "store";
    const onFailure = failureReporter(deps.log, requestId, "cache_store_failed");
    context.waitUntil(storeQuietly(slot, answer, config, onFailure));
  }

  const headers = withEdgeHeaders(answer.headers, {
    requestId,
    decision: "origin",
    cache: exchange.cache,
    originStatus: answer.status,
  });
  // A null-body status cannot carry a body in a Response, whatever the origin sent.
  const hasBody = answer.status !== 204 && answer.status !== 304;
  return new Response(hasBody ? answer.body : null, { status: answer.status, headers });
}

/**
 * A `200` the edge computed itself in the origin's bytes: the origin's media type and, as the
 * origin echoes it, the resolved tenant in `X-Tenant-ID`. Never from the cache, never stored.
 */
function ownAnswer(
  body: string,
  tenantId: string | undefined,
  requestId: string,
  decision: "skip-unchanged" | "transform",
): Response {
  const outcome = { requestId, decision, cache: "bypass" } as const;
  const headers = withEdgeHeaders(new Headers({ "Content-Type": ORIGIN_JSON_TYPE }), outcome);
  if (tenantId !== undefined) {
    headers.set(TENANT_HEADER, tenantId);
  }
  return new Response(body, { status: 200, headers });
}

/** What a compression request is served in, beside the request itself. */
interface Context {
  readonly env: Record<string, unknown>;
  readonly waitUntil: WaitUntil;
  readonly url: URL;
  readonly route: Route;
  readonly config: Config;
  readonly requestId: string;
}

function credentials(config: Config, deps: Dependencies): Promise<Record<string, string>> {
  return credentialHeaders(config, {
    idTokens: deps.idTokens,
    fetcher: deps.googleFetcher,
    now: deps.now,
  });
}

function breakerSettings(config: Config): BreakerSettings {
  return { threshold: config.originFailureThreshold, cooldownMs: config.originCooldownMs };
}

/**
 * Makes the origin call, recording its outcome for `/health`: the origin's status, or the edge's
 * own `503` or `504` when the call failed, since a failing origin is what health must show.
 * The breaker counts only the failures to reach the origin; any answer closes it.
 */
async function forward(
  deps: Dependencies,
  settings: BreakerSettings,
  call: () => Promise<OriginAnswer>,
): Promise<OriginAnswer> {
  try {
    const answer = await call();
    deps.originState.recordForwarded(answer.status, deps.now());
    deps.breaker.recordSuccess(deps.now());
    return answer;
  } catch (failure) {
    if (failure instanceof EdgeError) {
      deps.originState.recordForwarded(failure.status, deps.now());
      deps.breaker.recordFailure(settings, deps.now());
    } else {
      deps.breaker.release();
    }
    throw failure;
  }
}

/**
 * The client's headers with `Content-Type` reduced to the first value, the one that was checked:
 * a joined repeat would reach the origin as one value that is not a media type.
 */
function forwardedHeaders(headers: Headers, contentType: string | null): Headers {
  const forwarded = new Headers(headers);
  if (contentType !== null) {
    forwarded.set("Content-Type", contentType);
  }
  return forwarded;
}

/**
 * `GET /health`, answered by the edge with a probe of the origin's own health.
 *
 * Security: the probe carries no client header but the request id (and the edge's own
 * credential), and its wait is bounded well under the origin timeout, so health checks can
 * neither carry a client's credentials to the origin nor be slowed by it into tying up the edge.
 */
async function health(
  config: Config,
  requestId: string,
  exchange: Exchange,
  deps: Dependencies,
): Promise<Response> {
  exchange.decision = "origin";
  const report = await checkHealth(
    config,
    deps.originState,
    deps.breaker.report(breakerSettings(config), deps.now()),
    deps.fetcher,
    deps.now,
    requestId,
    () => credentials(config, deps),
  );
  exchange.originStatus = report.originStatus;
  exchange.originElapsedMs = report.originElapsedMs;
  return jsonResponse(200, report.body, {
    requestId,
    decision: "origin",
    cache: "bypass",
    originStatus: report.originStatus,
  });
}

function logRecord(
  request: Request,
  requestId: string,
  exchange: Exchange,
  response: Response,
  failure: unknown,
  elapsedMs: number,
): RequestLog {
  const record: RequestLog = {
    request_id: requestId,
    cf_ray: rayId(request.headers.get("CF-Ray")),
    edge_env: exchange.config?.edgeEnv ?? null,
    method: request.method,
    path: exchange.route?.path ?? UNMATCHED_PATH,
    tenant_id: exchange.tenantId ?? null,
    body_bytes: exchange.bodyBytes,
    decision: exchange.decision,
    cache: exchange.cache,
    status: response.status,
    error:
      failure instanceof EdgeError ? failure.code : failure === undefined ? null : "internal_error",
    origin_status: exchange.originStatus ?? null,
    edge_elapsed_ms: elapsedMs,
    origin_elapsed_ms: exchange.originElapsedMs ?? null,
    skip_reason: exchange.skipReason ?? null,
    transform: exchange.transform ?? null,
  };
  const reason = failure === undefined ? undefined : internalReason(failure);
  return reason === undefined ? record : { ...record, reason };
}

const originState = new OriginState();
const breaker = new Breaker();

const handle = createHandler({
  fetcher: (request) => fetch(request),
  now: () => Date.now(),
  newId: () => crypto.randomUUID(),
  log: (line) => console.log(line),
  originState,
  breaker,
  openCache: async () => caches.default,
  idTokens: new IdTokens(),
  googleFetcher: (request) => fetch(request),
});

export default {
  fetch(request, env, ctx) {
    return handle(request, env as unknown as Record<string, unknown>, (promise) =>
      ctx.waitUntil(promise),
    );
  },
} satisfies ExportedHandler<Env>;
