/**
 * The exact-response cache: a `200` JSON answer of the origin, replayed for a request that
 * asks exactly the same question.
 *
 * The key is the SHA-256 of the RFC 8785 (JCS) canonical JSON of the cache schema version, the
 * route, the resolved tenant, the origin's API version and base URL, and the body as the origin
 * reads it: the body written compactly as the origin writes JSON (origin-json.ts), whitespace
 * between tokens dropped and string escapes spelled one way, but keys in the order sent and
 * numbers as written. The origin echoes both on `/v1/messages/compress`, so two bodies that
 * differ in key order or in how a number is written are answered differently and must not share
 * an entry, while bodies that differ only in whitespace or escape spelling are the same question.
 * Answers are kept in the Cache API under a synthetic GET URL made from
 * the key, since the Cache API stores GET requests only; the URL's host is never resolved.
 *
 * Security: the tenant is in the key, so no tenant can be answered from another's entry; a
 * request whose `X-Tenant-ID` is present but malformed is never cached, since its tenant cannot
 * be resolved. Only what the origin sent is stored (the allowlisted headers and the body), never
 * a request header.
 */
import canonicalize from "canonicalize";
import type { Config } from "./config";
import type { JsonValue, ParsedBody } from "./json";
import { originJson } from "./origin-json";
import type { OriginAnswer } from "./origin";
import { TENANT_HEADER } from "./requests";
import type { CacheState } from "./responses";
import type { RouteName } from "./routes";

/** Changes whenever what is stored or how the key is made changes, so old entries go unread. */
export const CACHE_SCHEMA_VERSION = 3;

/** Where the synthetic key URLs live; `.invalid` names no host (RFC 2606). */
const KEY_URL_BASE = "https://exact-response-cache.invalid/v1/";

/** Carries the origin's headers, as JSON pairs, through the stored response. */
const STORED_HEADERS = "X-Edge-Stored-Headers";

/** The cache and the way to finish a write after the response, as the runtime provides them. */
export interface CacheSetting {
  readonly cache: Cache;
  readonly waitUntil: (promise: Promise<unknown>) => void;
}

/** An answer read back from the cache: the origin's status, headers and body bytes. */
export interface CachedAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: ArrayBuffer;
}

/**
 * Whether the request must not touch the cache: the client sent `Cache-Control: no-store`,
 * the body asks for `debug` (its figures describe one run), or `X-Tenant-ID` is sent but is not
 * a well-formed tenant id.
 */
export function shouldBypass(
  headers: Headers,
  body: JsonValue,
  resolvedTenant: string | undefined,
): boolean {
  if (hasNoStore(headers.get("Cache-Control"))) {
    return true;
  }
  if (typeof body === "object" && body !== null && !Array.isArray(body) && body["debug"] === true) {
    return true;
  }
  return headers.has(TENANT_HEADER) && resolvedTenant !== headers.get(TENANT_HEADER);
}

/**
 * Whether the tenant's registered profile lets its answers be cached. A tenant without a
 * profile, or without `cache_enabled` in it, follows `CACHE_ENABLED`; an inline
 * `tenant_profile` cannot turn caching on or off, as on the origin.
 */
export function tenantMayCache(config: Config, tenant: string | undefined): boolean {
  return tenant === undefined || config.tenantProfiles.get(tenant)?.cacheEnabled !== false;
}

/** The synthetic URL an answer is stored under. */
export async function cacheKeyUrl(
  config: Config,
  route: RouteName,
  tenant: string | undefined,
  body: ParsedBody,
): Promise<string> {
  const canonical = canonicalize({
    schema: CACHE_SCHEMA_VERSION,
    route,
    tenant: tenant ?? null,
    origin_api_version: config.originApiVersion,
    // Another origin may compress differently under the same API version (one with a model,
    // one without; a fallback origin switched to), so its answers are kept apart.
    origin: config.originBaseUrl,
    body: originJson(body.text, 0, body.text.length),
  });
  if (canonical === undefined) {
    throw new TypeError("a parsed JSON body has no canonical form");
  }
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonical));
  const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0"));
  return KEY_URL_BASE + hex.join("");
}

/** The answer stored under `keyUrl`, if there is one still fresh. */
export async function lookup(cache: Cache, keyUrl: string): Promise<CachedAnswer | undefined> {
  const stored = await cache.match(keyUrl);
  if (stored === undefined) {
    return undefined;
  }

  const pairs = JSON.parse(stored.headers.get(STORED_HEADERS) ?? "[]") as [string, string][];
  return { status: stored.status, headers: new Headers(pairs), body: await stored.arrayBuffer() };
}

/**
 * Whether an origin answer may be stored: a `200` with a JSON media type, no `no-store` in its
 * own `Cache-Control`, and a body of at most `CACHE_MAX_BODY_BYTES`.
 */
export function isStorable(answer: OriginAnswer, config: Config): boolean {
  const mediaType = (answer.headers.get("Content-Type") ?? "").split(";")[0]?.trim().toLowerCase();
  return (
    answer.status === 200 &&
    mediaType === "application/json" &&
    !hasNoStore(answer.headers.get("Cache-Control")) &&
    answer.body.byteLength <= config.cacheMaxBodyBytes
  );
}

/**
 * Stores the answer for `CACHE_TTL_SECONDS`. The origin's headers travel as one JSON header, so
 * they come back exactly as sent while the stored response carries only the edge's own
 * `Cache-Control`, which sets the entry's lifetime.
 */
export async function store(
  cache: Cache,
  keyUrl: string,
  answer: OriginAnswer,
  config: Config,
): Promise<void> {
  const headers = new Headers({
    "Content-Type": "application/json",
    "Cache-Control": `max-age=${config.cacheTtlSeconds}`,
    [STORED_HEADERS]: JSON.stringify([...answer.headers]),
  });
  await cache.put(keyUrl, new Response(answer.body, { status: 200, headers }));
}

function hasNoStore(cacheControl: string | null): boolean {
  return (cacheControl ?? "")
    .split(",")
    .some((directive) => directive.trim().toLowerCase() === "no-store");
}

/** Where a request's answer is looked up and stored. */
export interface CacheSlot {
  readonly cache: Cache;
  readonly keyUrl: string;
}

/**
 * The cache's part in a request: the `X-Edge-Cache` state it starts with (`miss` until the
 * origin's answer is stored), and the slot, when the cache is consulted at all.
 */
export interface CachePlace {
  readonly state: CacheState;
  readonly slot?: CacheSlot;
}

/**
 * Where a request stands with the cache. With the cache off the state is `bypass`, as it was
 * before the edge had a cache, so a deployment with the flag off behaves as before; `disabled`
 * is the tenant's own switch; the client's `no-store`, `debug` and a malformed tenant header
 * bypass it, and so does a query string, which the key does not hold.
 */
export async function cachePlace(
  config: Config,
  route: RouteName,
  url: URL,
  headers: Headers,
  body: ParsedBody,
  tenant: string | undefined,
  openCache: () => Promise<Cache>,
): Promise<CachePlace> {
  if (!config.cacheEnabled) {
    return { state: "bypass" };
  }
  if (!tenantMayCache(config, tenant)) {
    return { state: "disabled" };
  }
  if (shouldBypass(headers, body.value, tenant) || url.search !== "") {
    return { state: "bypass" };
  }
  const keyUrl = await cacheKeyUrl(config, route, tenant, body);
  return { state: "miss", slot: { cache: await openCache(), keyUrl } };
}

/**
 * The stored answer for the slot. A lookup that fails is a miss, reported: the origin can still
 * answer, and the cache must not be what refuses a client.
 */
export async function lookupQuietly(
  slot: CacheSlot,
  onFailure: (failure: unknown) => void,
): Promise<CachedAnswer | undefined> {
  try {
    return await lookup(slot.cache, slot.keyUrl);
  } catch (failure) {
    onFailure(failure);
    return undefined;
  }
}

/**
 * Writes the answer after the response has gone. A failed write loses only a later hit, so it is
 * reported and otherwise ignored.
 */
export async function storeQuietly(
  slot: CacheSlot,
  answer: OriginAnswer,
  config: Config,
  onFailure: (failure: unknown) => void,
): Promise<void> {
  try {
    await store(slot.cache, slot.keyUrl, answer, config);
  } catch (failure) {
    onFailure(failure);
  }
}
