/**
 * The Worker's settings, read from its `vars` and validated once per isolate.
 *
 * A bad value is a deployment mistake, not a client's: it fails every request with a
 * {@link ConfigError} naming the variable and the value, instead of being clamped or defaulted.
 */

/** Environments a deployment can declare itself as, in `EDGE_ENV`. */
export const EDGE_ENVS = ["dev", "staging", "prod"] as const;

/** How the edge authenticates to the origin; only `none` is implemented so far. */
export const ORIGIN_AUTH_MODES = ["none", "shared-secret", "google-iam"] as const;

import { parseTenantProfiles, type EdgeTenantProfile } from "./tenants";

/** What the edge may answer itself by the origin's loss-free rewrites (src/transforms.ts). */
export const EDGE_TRANSFORMS = ["none", "whitespace", "toon"] as const;

export type EdgeEnv = (typeof EDGE_ENVS)[number];
export type EdgeTransforms = (typeof EDGE_TRANSFORMS)[number];
export type OriginAuthMode = (typeof ORIGIN_AUTH_MODES)[number];

export interface Config {
  /** The origin's base URL, without a trailing slash. */
  readonly originBaseUrl: string;
  readonly edgeEnv: EdgeEnv;
  readonly maxBodyBytes: number;
  readonly originTimeoutMs: number;
  readonly cacheEnabled: boolean;
  /** How long a stored answer is served. */
  readonly cacheTtlSeconds: number;
  /** Largest answer body that is stored. */
  readonly cacheMaxBodyBytes: number;
  /** The origin's API version (contracts/openapi.yaml), part of every cache key. */
  readonly originApiVersion: string;
  readonly rateLimitEnabled: boolean;
  /** Body bytes that cost one rate limit unit on `/v1/messages/compress`. */
  readonly rateLimitUnitBytes: number;
  /** `Retry-After` of a `429`: the longest period of the `ratelimits` bindings. */
  readonly rateLimitRetryAfterSeconds: number;
  readonly originAuthMode: OriginAuthMode;
  /** Consecutive failures to reach the origin that open the circuit breaker. */
  readonly originFailureThreshold: number;
  /** How long an open breaker answers for the origin before it lets a probe through. */
  readonly originCooldownMs: number;
  /** The registered tenant profiles (`TENANT_PROFILES`), by tenant id. */
  readonly tenantProfiles: ReadonlyMap<string, EdgeTenantProfile>;
  /** Whether requests that compression cannot pay for are answered unchanged (src/skip.ts). */
  readonly skipEnabled: boolean;
  /** Code points of user text below which a request is not worth compressing. */
  readonly minCompressTextChars: number;
  /** Tokens of user text below which a request is not worth compressing. */
  readonly minCompressEstimatedTokens: number;
  /** Tokens a compression is expected to save below which it is not worth the origin call. */
  readonly minExpectedSavingsTokens: number;
  /** Which requests the edge answers itself with the origin's loss-free rewrites. */
  readonly edgeTransforms: EdgeTransforms;
  /** The origin's `TOON_MIN_JSON_TOKENS`: the smallest minified JSON `toon: auto` converts. */
  readonly toonMinJsonTokens: number;
  /** The origin's `TOON_MIN_SAVINGS_RATIO`: the share of tokens TOON must save, in [0, 1). */
  readonly toonMinSavingsRatio: number;
}

/** A variable is missing or has a value the Worker cannot run with. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`${variable} ${detail}`);
    this.name = "ConfigError";
  }
}

/** Largest body the origin can be configured to take; beyond it a Worker limit is a typo. */
const MAX_BODY_BYTES_CEILING = 100 * 1024 * 1024;

/** Longest origin wait worth configuring; Cloudflare ends a request's wall time well before. */
const ORIGIN_TIMEOUT_CEILING_MS = 300_000;

/** Longest cache lifetime worth configuring: a day, beyond which an entry outlives a deploy. */
const CACHE_TTL_CEILING_SECONDS = 86_400;

/** Most consecutive failures worth waiting for; beyond it the breaker would never open. */
const ORIGIN_FAILURE_THRESHOLD_CEILING = 1000;

/** Longest breaker cooldown worth configuring: ten minutes, after which the edge must look. */
const ORIGIN_COOLDOWN_CEILING_MS = 600_000;

/** Largest skip threshold, the origin's as well; beyond it every request would be skipped. */
const SKIP_THRESHOLD_CEILING = 100_000_000;

/** The origin's bound on `TOON_MIN_JSON_TOKENS`. */
const TOON_MIN_JSON_TOKENS_CEILING = 1_000_000;

const parsed = new WeakMap<object, Config>();

/**
 * The settings of `env`, parsed on the first call for this `env` object and remembered, so an
 * isolate validates its configuration once.
 *
 * @throws ConfigError naming the first bad variable
 */
export function loadConfig(env: Record<string, unknown>): Config {
  const known = parsed.get(env);
  if (known) {
    return known;
  }

  const config = parseConfig(env);
  parsed.set(env, config);
  return config;
}

/**
 * Parses and validates every setting, with no memory between calls.
 *
 * @throws ConfigError naming the first bad variable
 */
export function parseConfig(env: Record<string, unknown>): Config {
  const edgeEnv = oneOf(env, "EDGE_ENV", EDGE_ENVS);
  const originAuthMode = oneOf(env, "ORIGIN_AUTH_MODE", ORIGIN_AUTH_MODES);
  // Failing here beats silently calling the origin without the credentials it will demand.
  if (originAuthMode !== "none") {
    throw new ConfigError("ORIGIN_AUTH_MODE", `is "${originAuthMode}", which is not built yet.`);
  }

  return {
    originBaseUrl: originUrl(env, edgeEnv),
    edgeEnv,
    maxBodyBytes: integer(env, "MAX_BODY_BYTES", 1, MAX_BODY_BYTES_CEILING),
    originTimeoutMs: integer(env, "ORIGIN_TIMEOUT_MS", 1, ORIGIN_TIMEOUT_CEILING_MS),
    cacheEnabled: flag(env, "CACHE_ENABLED"),
    cacheTtlSeconds: integer(env, "CACHE_TTL_SECONDS", 1, CACHE_TTL_CEILING_SECONDS),
    cacheMaxBodyBytes: integer(env, "CACHE_MAX_BODY_BYTES", 1, MAX_BODY_BYTES_CEILING),
    originApiVersion: version(env, "ORIGIN_API_VERSION"),
    rateLimitEnabled: flag(env, "RATE_LIMIT_ENABLED"),
    rateLimitUnitBytes: integer(env, "RATE_LIMIT_UNIT_BYTES", 1, MAX_BODY_BYTES_CEILING),
    // The binding counts in periods of 10 or 60 seconds, so no client need wait longer.
    rateLimitRetryAfterSeconds: integer(env, "RATE_LIMIT_RETRY_AFTER_SECONDS", 1, 60),
    originAuthMode,
    originFailureThreshold: integer(
      env,
      "ORIGIN_FAILURE_THRESHOLD",
      1,
      ORIGIN_FAILURE_THRESHOLD_CEILING,
    ),
    originCooldownMs: integer(env, "ORIGIN_COOLDOWN_MS", 1, ORIGIN_COOLDOWN_CEILING_MS),
    tenantProfiles: parseTenantProfiles(text(env, "TENANT_PROFILES")),
    skipEnabled: flag(env, "SKIP_ENABLED"),
    minCompressTextChars: integer(env, "MIN_COMPRESS_TEXT_CHARS", 0, SKIP_THRESHOLD_CEILING),
    minCompressEstimatedTokens: integer(
      env,
      "MIN_COMPRESS_ESTIMATED_TOKENS",
      0,
      SKIP_THRESHOLD_CEILING,
    ),
    minExpectedSavingsTokens: integer(
      env,
      "MIN_EXPECTED_SAVINGS_TOKENS",
      0,
      SKIP_THRESHOLD_CEILING,
    ),
    edgeTransforms: oneOf(env, "EDGE_TRANSFORMS", EDGE_TRANSFORMS),
    toonMinJsonTokens: integer(env, "TOON_MIN_JSON_TOKENS", 0, TOON_MIN_JSON_TOKENS_CEILING),
    toonMinSavingsRatio: fraction(env, "TOON_MIN_SAVINGS_RATIO"),
  };
}

function text(env: Record<string, unknown>, name: string): string {
  const value = env[name];
  if (typeof value !== "string" || value.trim() === "") {
    throw new ConfigError(name, "must be set (see wrangler.jsonc).");
  }
  return value.trim();
}

function oneOf<T extends string>(
  env: Record<string, unknown>,
  name: string,
  allowed: readonly T[],
): T {
  const value = text(env, name);
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(name, `is "${value}"; expected one of ${allowed.join(", ")}.`);
  }
  return value as T;
}

function integer(env: Record<string, unknown>, name: string, min: number, max: number): number {
  const value = text(env, name);
  if (!/^[0-9]+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(name, `is "${value}"; expected a whole number from ${min} to ${max}.`);
  }
  return Number(value);
}

/**
 * A decimal in [0, 1), written as the origin's `Double.parseDouble` and JavaScript read it alike:
 * plain digits with an optional fraction, so both sides hold the same double.
 */
function fraction(env: Record<string, unknown>, name: string): number {
  const value = text(env, name);
  if (!/^[0-9]+(\.[0-9]+)?$/.test(value) || !(Number(value) < 1)) {
    throw new ConfigError(name, `is "${value}"; expected a decimal number from 0 up to 1.`);
  }
  return Number(value);
}

function version(env: Record<string, unknown>, name: string): string {
  const value = text(env, name);
  if (!/^[0-9A-Za-z.+-]{1,32}$/.test(value)) {
    throw new ConfigError(name, `is "${value}"; expected a version such as 0.1.0.`);
  }
  return value;
}

function flag(env: Record<string, unknown>, name: string): boolean {
  const value = text(env, name);
  if (value !== "true" && value !== "false") {
    throw new ConfigError(name, `is "${value}"; expected true or false.`);
  }
  return value === "true";
}

function originUrl(env: Record<string, unknown>, edgeEnv: EdgeEnv): string {
  const value = text(env, "ORIGIN_BASE_URL");
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError("ORIGIN_BASE_URL", `is "${value}", which is not an absolute URL.`);
  }

  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigError("ORIGIN_BASE_URL", `is "${value}"; expected an http(s) URL.`);
  }
  // Only a local origin may be reached in clear text: elsewhere the hop crosses the internet.
  if (url.protocol === "http:" && edgeEnv !== "dev") {
    throw new ConfigError("ORIGIN_BASE_URL", `is "${value}"; ${edgeEnv} requires https.`);
  }
  // The committed staging and production values name no real host until one is set.
  if (url.hostname.endsWith(".invalid")) {
    throw new ConfigError("ORIGIN_BASE_URL", `is the placeholder "${value}"; set the origin URL.`);
  }
  if (url.search !== "" || url.hash !== "") {
    throw new ConfigError("ORIGIN_BASE_URL", `is "${value}"; expected no query or fragment.`);
  }
  return url.href.replace(/\/+$/, "");
}
