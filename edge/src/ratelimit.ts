/**
 * Rate limits, counted by the Workers Rate Limiting binding before the origin is called.
 *
 * Each policy is one binding (`ratelimits` in wrangler.jsonc), so its limit and period are set
 * per environment there: `/health`, `/tokens/estimate`, the two compression routes together, and
 * `/v1/messages/compress`, the one whose cost grows with the size of the chat it carries. A
 * request is counted against the first key it has, in this order: its API key (`X-API-Key`,
 * else `Authorization: Bearer`), hashed with SHA-256 so that no credential is kept or logged;
 * the body's `tenant_id`; the `X-Tenant-ID` header; the client's address in `CF-Connecting-IP`,
 * which Cloudflare sets itself. `X-Forwarded-For` and `X-Real-IP` are client text and are never
 * read. `/health` has no body and no credentials and is counted by address alone.
 *
 * Security: a refused request costs no origin call, and refusal needs nothing from the origin,
 * so the limits hold while it is down. The binding's counts are per Cloudflare location and
 * eventually consistent: a limit bounds abuse, it is not an exact quota.
 */
import { ConfigError, type Config } from "./config";
import { tenantOf, TENANT_HEADER } from "./requests";
import { EdgeError } from "./responses";
import type { RouteName } from "./routes";

/** The part of the Rate Limiting binding the edge uses. */
export interface RateLimiter {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

/** The binding that holds each route's policy. */
export const POLICY_BINDINGS: Readonly<Record<RouteName, string>> = {
  health: "RATE_LIMIT_HEALTH",
  estimate: "RATE_LIMIT_ESTIMATE",
  compress: "RATE_LIMIT_COMPRESS",
  v1_compress: "RATE_LIMIT_COMPRESS",
  messages_compress: "RATE_LIMIT_MESSAGES",
};

export const RATE_LIMITED_MESSAGE = "Too many compression requests. Retry later.";

/** The client's address as Cloudflare saw it; set by Cloudflare, never by the client. */
const CLIENT_IP_HEADER = "CF-Connecting-IP";

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * The key a request is counted under: `api_key:` and the SHA-256 of the key in hex, else
 * `tenant:` and the body's, then the header's, well-formed tenant id, else `ip:` and the
 * address (`ip:unknown` without one). The key itself is never returned.
 */
export async function clientKey(headers: Headers, body: unknown): Promise<string> {
  const apiKey = apiKeyOf(headers);
  if (apiKey !== undefined) {
    return `api_key:${await sha256Hex(apiKey)}`;
  }

  // The body names the tenant the work is for; the header is only a fallback.
  const tenant = tenantOf(null, body) ?? tenantOf(headers.get(TENANT_HEADER), undefined);
  if (tenant !== undefined) {
    return `tenant:${tenant}`;
  }
  return addressKey(headers);
}

/** The key of a request counted by the client's address alone. */
export function addressKey(headers: Headers): string {
  const address = headers.get(CLIENT_IP_HEADER)?.trim();
  return `ip:${address === undefined || address === "" ? "unknown" : address}`;
}

/**
 * What one request costs: on `/v1/messages/compress` one unit per started `unitBytes` of body
 * (at least one), elsewhere one. A chat request's origin time grows with its size, so a large
 * one spends as much of the limit as several small ones.
 */
export function unitsFor(route: RouteName, bodyBytes: number, unitBytes: number): number {
  return route === "messages_compress" ? Math.max(1, Math.ceil(bodyBytes / unitBytes)) : 1;
}

/**
 * Counts `units` against the route's policy, one `limit()` call per unit, and refuses the
 * request at the first that fails. Units counted before the refusal stay spent.
 *
 * A binding that fails to answer lets the request through, reported to `onFailure`: the limit
 * is a guardrail, and a fault in it must not refuse every client.
 *
 * @throws EdgeError `rate_limited` with `Retry-After` when over the limit
 * @throws ConfigError when the route's binding is missing
 */
export async function enforceRateLimit(
  env: Record<string, unknown>,
  config: Config,
  route: RouteName,
  key: string,
  units: number,
  onFailure: (failure: unknown) => void,
): Promise<void> {
  const limiter = limiterOf(env, POLICY_BINDINGS[route]);
  for (let unit = 0; unit < units; unit++) {
    let success: boolean;
    try {
      ({ success } = await limiter.limit({ key }));
    } catch (failure) {
      onFailure(failure);
      return;
    }
    if (!success) {
      throw new EdgeError("rate_limited", RATE_LIMITED_MESSAGE, {
        "Retry-After": String(config.rateLimitRetryAfterSeconds),
      });
    }
  }
}

function limiterOf(env: Record<string, unknown>, name: string): RateLimiter {
  const binding = env[name];
  if (
    typeof binding !== "object" ||
    binding === null ||
    typeof (binding as Partial<RateLimiter>).limit !== "function"
  ) {
    throw new ConfigError(name, "must be a rate limit binding (see ratelimits in wrangler.jsonc).");
  }
  return binding as RateLimiter;
}

function apiKeyOf(headers: Headers): string | undefined {
  const apiKey = headers.get("X-API-Key")?.trim();
  if (apiKey !== undefined && apiKey !== "") {
    return apiKey;
  }
  return BEARER.exec(headers.get("Authorization") ?? "")?.[1];
}

async function sha256Hex(value: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(value));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
