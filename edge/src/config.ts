/**
 * The Worker's settings, read from its `vars` and validated once per isolate.
 *
 * A bad value is a deployment mistake, not a client's: it fails every request with a
 * {@link ConfigError} naming the variable and the value, instead of being clamped or defaulted.
 */

/** Environments a deployment can declare itself as, in `EDGE_ENV`. */
export const EDGE_ENVS = ["dev", "staging", "prod"] as const;

/**
 * How the edge authenticates to the origin: not at all, with `ORIGIN_SHARED_SECRET` in
 * `X-Origin-Auth` (checked by the origin), or with a Google-signed ID token for Cloud Run's IAM
 * check (src/credentials.ts).
 */
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
  /** What the edge proves itself to the origin with, as `originAuthMode` says. */
  readonly originAuth: OriginAuth;
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

/** The edge's credential for the origin, with the secrets its mode needs. */
export type OriginAuth =
  | { readonly mode: "none" }
  | { readonly mode: "shared-secret"; readonly secret: string }
  | ({
      readonly mode: "google-iam";
      /** Sent as well when set, so an origin that checks the secret keeps checking it. */
      readonly secret?: string | undefined;
    } & GoogleIamSettings);

/** A service account that may invoke the Cloud Run origin, and where Google is asked. */
export interface GoogleIamSettings {
  readonly serviceAccountEmail: string;
  /** The account's PKCS #8 private key, PEM, as in its JSON key file. */
  readonly privateKeyPem: string;
  /** The Cloud Run service URL the ID token is for (its `aud` claim). */
  readonly audience: string;
  /** Google's OAuth 2.0 token endpoint, which the assertion is exchanged at. */
  readonly tokenUrl: string;
  /** The IAM Credentials API's base URL, whose `generateIdToken` issues the ID token. */
  readonly iamCredentialsUrl: string;
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
    originAuth: originAuth(env, originAuthMode, edgeEnv),
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

/** Fewest and most characters of a shared secret, as the origin accepts them. */
const SHARED_SECRET_LENGTH = { min: 32, max: 1024 } as const;

/**
 * The credential of `mode`. A secret missing for the chosen mode fails here, naming it: calling
 * the origin without the credentials it demands would turn every request into its `401`.
 * Messages name variables, never a secret's value.
 */
function originAuth(
  env: Record<string, unknown>,
  mode: OriginAuthMode,
  edgeEnv: EdgeEnv,
): OriginAuth {
  switch (mode) {
    case "none":
      return { mode };
    case "shared-secret":
      return { mode, secret: sharedSecret(env) };
    case "google-iam":
      return {
        mode,
        secret: isSet(env, "ORIGIN_SHARED_SECRET") ? sharedSecret(env) : undefined,
        serviceAccountEmail: serviceAccountEmail(env),
        privateKeyPem: privateKeyPem(env),
        audience: googleUrl(
          "GOOGLE_CLOUD_RUN_AUDIENCE",
          secret(env, "GOOGLE_CLOUD_RUN_AUDIENCE"),
          edgeEnv,
        ),
        tokenUrl: googleUrl("GOOGLE_TOKEN_URL", text(env, "GOOGLE_TOKEN_URL"), edgeEnv),
        iamCredentialsUrl: googleUrl(
          "GOOGLE_IAM_CREDENTIALS_URL",
          text(env, "GOOGLE_IAM_CREDENTIALS_URL"),
          edgeEnv,
        ).replace(/\/+$/, ""),
      };
  }
}

function isSet(env: Record<string, unknown>, name: string): boolean {
  const value = env[name];
  return typeof value === "string" && value.trim() !== "";
}

/** A secret's value, or a ConfigError saying how to set it. */
function secret(env: Record<string, unknown>, name: string): string {
  const value = env[name];
  if (typeof value !== "string" || value.trim() === "") {
    throw new ConfigError(
      name,
      `must be set for this ORIGIN_AUTH_MODE (npx wrangler secret put ${name}).`,
    );
  }
  return value.trim();
}

function sharedSecret(env: Record<string, unknown>): string {
  const value = secret(env, "ORIGIN_SHARED_SECRET");
  const { min, max } = SHARED_SECRET_LENGTH;
  // Visible ASCII is what a header carries unchanged; the origin refuses anything else too.
  if (value.length < min || value.length > max || !/^[\x21-\x7e]+$/.test(value)) {
    throw new ConfigError(
      "ORIGIN_SHARED_SECRET",
      `must be ${min} to ${max} visible ASCII characters, as the origin requires.`,
    );
  }
  return value;
}

function serviceAccountEmail(env: Record<string, unknown>): string {
  const value = secret(env, "GOOGLE_SERVICE_ACCOUNT_EMAIL");
  if (!/^[^@\s/]+@[^@\s/]+$/.test(value)) {
    throw new ConfigError("GOOGLE_SERVICE_ACCOUNT_EMAIL", "is not an email address.");
  }
  return value;
}

/**
 * The private key as PEM. A key pasted from the JSON key file may keep its `\n` escapes; they
 * are read as the line breaks they stand for.
 */
function privateKeyPem(env: Record<string, unknown>): string {
  const value = secret(env, "GOOGLE_SERVICE_ACCOUNT_PRIVATE_KEY").replace(/\\n/g, "\n").trim();
  if (!/^-----BEGIN PRIVATE KEY-----\s[A-Za-z0-9+/=\s]+-----END PRIVATE KEY-----$/.test(value)) {
    throw new ConfigError(
      "GOOGLE_SERVICE_ACCOUNT_PRIVATE_KEY",
      'is not a PEM "PRIVATE KEY" (the private_key of the account\'s JSON key file).',
    );
  }
  return value;
}

/** An absolute URL; `https` unless `edgeEnv` is `dev`, where local stand-ins may serve. */
function googleUrl(name: string, value: string, edgeEnv: EdgeEnv): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, "is not an absolute URL.");
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && edgeEnv === "dev")) {
    throw new ConfigError(name, edgeEnv === "dev" ? "must be an http(s) URL." : "must be https.");
  }
  return value;
}
