import { describe, expect, it } from "vitest";
import { loadConfig, parseConfig } from "../src/config";
import { configRefusal, ENV, envelope, harness, onlyLog, post } from "./harness";
import { TOP_LEVEL_VARS } from "./wrangler-config";
import readme from "../../README.md?raw";

describe("configuration", () => {
  it("tenant profiles_keepWhatTheEdgeUsesOfEachProfile", () => {
    const profiles = JSON.stringify({
      acme: { cache_enabled: false, default_aggressiveness: 0.2, force_keep_tokens: ["ACME"] },
      globex: { default_aggressiveness: null },
    });

    expect(parseConfig({ ...ENV, TENANT_PROFILES: profiles }).tenantProfiles).toEqual(
      new Map([
        ["acme", { cacheEnabled: false, defaultAggressiveness: 0.2, hasLists: true }],
        ["globex", {}],
      ]),
    );
  });

  it("valid vars_areParsed", () => {
    expect(parseConfig({ ...ENV, ORIGIN_BASE_URL: "https://origin.test/base/" })).toEqual({
      originBaseUrl: "https://origin.test/base",
      edgeEnv: "staging",
      maxBodyBytes: 1024,
      originTimeoutMs: 50,
      cacheEnabled: false,
      cacheTtlSeconds: 60,
      cacheMaxBodyBytes: 512,
      originApiVersion: "0.1.0",
      rateLimitEnabled: false,
      rateLimitUnitBytes: 256,
      rateLimitRetryAfterSeconds: 60,
      originAuthMode: "none",
      originAuth: { mode: "none" },
      originFailureThreshold: 3,
      originCooldownMs: 10000,
      tenantProfiles: new Map(),
      skipEnabled: false,
      minCompressTextChars: 240,
      minCompressEstimatedTokens: 80,
      minExpectedSavingsTokens: 25,
      edgeTransforms: "none",
      toonMinJsonTokens: 50,
      toonMinSavingsRatio: 0.15,
    });
  });

  it.each([
    ["EDGE_ENV", { EDGE_ENV: undefined }, "EDGE_ENV must be set (see wrangler.jsonc)."],
    [
      "EDGE_ENV",
      { EDGE_ENV: "production" },
      'EDGE_ENV is "production"; expected one of dev, staging, prod.',
    ],
    [
      "MAX_BODY_BYTES",
      { MAX_BODY_BYTES: "1MB" },
      'MAX_BODY_BYTES is "1MB"; expected a whole number from 1 to 104857600.',
    ],
    [
      "MAX_BODY_BYTES",
      { MAX_BODY_BYTES: "0" },
      'MAX_BODY_BYTES is "0"; expected a whole number from 1 to 104857600.',
    ],
    [
      "ORIGIN_TIMEOUT_MS",
      { ORIGIN_TIMEOUT_MS: "-5" },
      'ORIGIN_TIMEOUT_MS is "-5"; expected a whole number from 1 to 300000.',
    ],
    ["CACHE_ENABLED", { CACHE_ENABLED: "yes" }, 'CACHE_ENABLED is "yes"; expected true or false.'],
    [
      "CACHE_TTL_SECONDS",
      { CACHE_TTL_SECONDS: "0" },
      'CACHE_TTL_SECONDS is "0"; expected a whole number from 1 to 86400.',
    ],
    [
      "CACHE_MAX_BODY_BYTES",
      { CACHE_MAX_BODY_BYTES: "" },
      "CACHE_MAX_BODY_BYTES must be set (see wrangler.jsonc).",
    ],
    [
      "ORIGIN_API_VERSION",
      { ORIGIN_API_VERSION: "v 1" },
      'ORIGIN_API_VERSION is "v 1"; expected a version such as 0.1.0.',
    ],
    [
      "RATE_LIMIT_ENABLED",
      { RATE_LIMIT_ENABLED: "" },
      "RATE_LIMIT_ENABLED must be set (see wrangler.jsonc).",
    ],
    [
      "RATE_LIMIT_UNIT_BYTES",
      { RATE_LIMIT_UNIT_BYTES: "64k" },
      'RATE_LIMIT_UNIT_BYTES is "64k"; expected a whole number from 1 to 104857600.',
    ],
    [
      "RATE_LIMIT_RETRY_AFTER_SECONDS",
      { RATE_LIMIT_RETRY_AFTER_SECONDS: "120" },
      'RATE_LIMIT_RETRY_AFTER_SECONDS is "120"; expected a whole number from 1 to 60.',
    ],
    [
      "ORIGIN_AUTH_MODE",
      { ORIGIN_AUTH_MODE: "iam" },
      'ORIGIN_AUTH_MODE is "iam"; expected one of none, shared-secret, google-iam.',
    ],
    [
      "ORIGIN_SHARED_SECRET",
      { ORIGIN_AUTH_MODE: "shared-secret" },
      "ORIGIN_SHARED_SECRET must be set for this ORIGIN_AUTH_MODE" +
        " (npx wrangler secret put ORIGIN_SHARED_SECRET).",
    ],
    [
      "GOOGLE_SERVICE_ACCOUNT_EMAIL",
      { ORIGIN_AUTH_MODE: "google-iam" },
      "GOOGLE_SERVICE_ACCOUNT_EMAIL must be set for this ORIGIN_AUTH_MODE" +
        " (npx wrangler secret put GOOGLE_SERVICE_ACCOUNT_EMAIL).",
    ],
    [
      "ORIGIN_FAILURE_THRESHOLD",
      { ORIGIN_FAILURE_THRESHOLD: "0" },
      'ORIGIN_FAILURE_THRESHOLD is "0"; expected a whole number from 1 to 1000.',
    ],
    [
      "ORIGIN_COOLDOWN_MS",
      { ORIGIN_COOLDOWN_MS: "10s" },
      'ORIGIN_COOLDOWN_MS is "10s"; expected a whole number from 1 to 600000.',
    ],
    ["SKIP_ENABLED", { SKIP_ENABLED: "on" }, 'SKIP_ENABLED is "on"; expected true or false.'],
    [
      "EDGE_TRANSFORMS",
      { EDGE_TRANSFORMS: "json" },
      'EDGE_TRANSFORMS is "json"; expected one of none, whitespace, toon.',
    ],
    [
      "TOON_MIN_JSON_TOKENS",
      { TOON_MIN_JSON_TOKENS: "1000001" },
      'TOON_MIN_JSON_TOKENS is "1000001"; expected a whole number from 0 to 1000000.',
    ],
    [
      "TOON_MIN_SAVINGS_RATIO",
      { TOON_MIN_SAVINGS_RATIO: "1.0" },
      'TOON_MIN_SAVINGS_RATIO is "1.0"; expected a decimal number from 0 up to 1.',
    ],
    [
      "TOON_MIN_SAVINGS_RATIO",
      { TOON_MIN_SAVINGS_RATIO: "1e-1" },
      'TOON_MIN_SAVINGS_RATIO is "1e-1"; expected a decimal number from 0 up to 1.',
    ],
    [
      "MIN_COMPRESS_TEXT_CHARS",
      { MIN_COMPRESS_TEXT_CHARS: "-1" },
      'MIN_COMPRESS_TEXT_CHARS is "-1"; expected a whole number from 0 to 100000000.',
    ],
    [
      "MIN_COMPRESS_ESTIMATED_TOKENS",
      { MIN_COMPRESS_ESTIMATED_TOKENS: "80.5" },
      'MIN_COMPRESS_ESTIMATED_TOKENS is "80.5"; expected a whole number from 0 to 100000000.',
    ],
    [
      "MIN_EXPECTED_SAVINGS_TOKENS",
      { MIN_EXPECTED_SAVINGS_TOKENS: "100000001" },
      'MIN_EXPECTED_SAVINGS_TOKENS is "100000001"; expected a whole number from 0 to 100000000.',
    ],
    [
      "TENANT_PROFILES",
      { TENANT_PROFILES: undefined },
      "TENANT_PROFILES must be set (see wrangler.jsonc).",
    ],
    [
      "TENANT_PROFILES",
      { TENANT_PROFILES: "{oops" },
      "TENANT_PROFILES is not valid JSON; expected the tenant profiles file.",
    ],
    [
      "TENANT_PROFILES",
      { TENANT_PROFILES: "[]" },
      "TENANT_PROFILES must be a JSON object keyed by tenant id.",
    ],
    [
      "TENANT_PROFILES",
      { TENANT_PROFILES: '{"not a tenant":{}}' },
      'TENANT_PROFILES names "not a tenant", which is not a valid tenant id.',
    ],
    [
      "TENANT_PROFILES",
      { TENANT_PROFILES: '{"acme":true}' },
      "TENANT_PROFILES has a profile for acme that is not an object.",
    ],
    [
      "TENANT_PROFILES",
      { TENANT_PROFILES: '{"acme":{"cache_enabled":"no"}}' },
      "TENANT_PROFILES acme.cache_enabled must be true or false.",
    ],
    [
      "TENANT_PROFILES",
      { TENANT_PROFILES: '{"acme":{"default_aggressiveness":0.95}}' },
      "TENANT_PROFILES acme.default_aggressiveness must be a number from 0 to 0.9.",
    ],
    [
      "ORIGIN_BASE_URL",
      { ORIGIN_BASE_URL: "origin.test" },
      'ORIGIN_BASE_URL is "origin.test", which is not an absolute URL.',
    ],
    [
      "ORIGIN_BASE_URL",
      { ORIGIN_BASE_URL: "http://origin.test" },
      'ORIGIN_BASE_URL is "http://origin.test"; staging requires https.',
    ],
    [
      "ORIGIN_BASE_URL",
      { ORIGIN_BASE_URL: "https://origin-staging.invalid" },
      'ORIGIN_BASE_URL is the placeholder "https://origin-staging.invalid"; set the origin URL.',
    ],
    [
      "ORIGIN_BASE_URL",
      { ORIGIN_BASE_URL: "https://origin.test/?x=1" },
      'ORIGIN_BASE_URL is "https://origin.test/?x=1"; expected no query or fragment.',
    ],
  ])("bad %s_isRefusedNamingTheVariable", (variable, change, message) => {
    const error = configRefusal({ ...ENV, ...change });

    expect(error.variable).toBe(variable);
    expect(error.message).toBe(message);
  });

  it("http origin in dev_isAllowed", () => {
    const config = parseConfig({
      ...ENV,
      EDGE_ENV: "dev",
      ORIGIN_BASE_URL: "http://127.0.0.1:8080",
    });

    expect(config.originBaseUrl).toBe("http://127.0.0.1:8080");
  });

  it("same env object_isParsedOnce", () => {
    const env = { ...ENV };

    expect(loadConfig(env)).toBe(loadConfig(env));
  });

  it("bad configuration_answersInternalErrorAndLogsTheReason", async () => {
    const h = harness();
    const response = await h.handle(post("/compress", "{}"), { ...ENV, MAX_BODY_BYTES: "lots" });

    expect(response.status).toBe(500);
    expect(await envelope(response)).toMatchObject({
      error: "internal_error",
      message: "The service failed to answer.",
    });
    expect(h.received).toEqual([]);
    expect(onlyLog(h)["reason"]).toBe(
      'MAX_BODY_BYTES is "lots"; expected a whole number from 1 to 104857600.',
    );
  });
});

/** Values for every secret the Worker can read, each of the shape it requires. */
const SECRETS = {
  ORIGIN_SHARED_SECRET: "s".repeat(32),
  GOOGLE_SERVICE_ACCOUNT_EMAIL: "edge-invoker@project.iam.gserviceaccount.com",
  GOOGLE_SERVICE_ACCOUNT_PRIVATE_KEY:
    "-----BEGIN PRIVATE KEY-----\nMIIBVQ==\n-----END PRIVATE KEY-----",
  GOOGLE_CLOUD_RUN_AUDIENCE: "https://prompt-compression-4f7q2xk3ba-ew.a.run.app",
};

/**
 * The widest configuration: wrangler.jsonc's top-level vars under `google-iam` with every secret
 * set, under which the Worker reads every variable it knows.
 */
const WIDEST: Record<string, string> = {
  ...TOP_LEVEL_VARS,
  ORIGIN_AUTH_MODE: "google-iam",
  ...SECRETS,
};

/** A value each variable must refuse. A variable the Worker reads without one here fails. */
const MALFORMED: Readonly<Record<string, string>> = {
  ORIGIN_BASE_URL: "127.0.0.1:8080",
  EDGE_ENV: "production",
  MAX_BODY_BYTES: "1MB",
  ORIGIN_TIMEOUT_MS: "30s",
  CACHE_ENABLED: "yes",
  CACHE_TTL_SECONDS: "0",
  CACHE_MAX_BODY_BYTES: "-1",
  ORIGIN_API_VERSION: "v 1",
  RATE_LIMIT_ENABLED: "on",
  RATE_LIMIT_UNIT_BYTES: "64k",
  RATE_LIMIT_RETRY_AFTER_SECONDS: "61",
  ORIGIN_AUTH_MODE: "iam",
  GOOGLE_TOKEN_URL: "oauth2.googleapis.com/token",
  GOOGLE_IAM_CREDENTIALS_URL: "ftp://iamcredentials.googleapis.com",
  ORIGIN_FAILURE_THRESHOLD: "0",
  ORIGIN_COOLDOWN_MS: "1e4",
  TENANT_PROFILES: "{oops",
  SKIP_ENABLED: "1",
  MIN_COMPRESS_TEXT_CHARS: "240.5",
  MIN_COMPRESS_ESTIMATED_TOKENS: "eighty",
  MIN_EXPECTED_SAVINGS_TOKENS: "100000001",
  EDGE_TRANSFORMS: "json",
  TOON_MIN_JSON_TOKENS: "+50",
  TOON_MIN_SAVINGS_RATIO: "1e-1",
  ORIGIN_SHARED_SECRET: "short",
  GOOGLE_SERVICE_ACCOUNT_EMAIL: "edge-invoker",
  GOOGLE_SERVICE_ACCOUNT_PRIVATE_KEY: "-----BEGIN RSA PRIVATE KEY-----",
  GOOGLE_CLOUD_RUN_AUDIENCE: "prompt-compression.a.run.app",
};

/** What must change beside removing a variable for the Worker to need it. */
const NEEDED_WHEN: Readonly<Record<string, Record<string, string>>> = {
  // Optional under google-iam, where it is sent as a second lock; required by shared-secret.
  ORIGIN_SHARED_SECRET: { ORIGIN_AUTH_MODE: "shared-secret" },
};

/** The names `parseConfig` reads from `env`, recorded as it reads them. */
function namesRead(env: Record<string, unknown>): string[] {
  const read = new Set<string>();
  const recorder = new Proxy(env, {
    get(target, name) {
      if (typeof name === "string") {
        read.add(name);
      }
      return Reflect.get(target, name);
    },
  });
  parseConfig(recorder);
  return [...read].sort();
}

const EVERY_VARIABLE = namesRead(WIDEST);

describe("every variable the Worker reads", () => {
  it("names read_areTheTopLevelVarsAndTheSecrets", () => {
    expect(EVERY_VARIABLE).toEqual(
      [...Object.keys(TOP_LEVEL_VARS), ...Object.keys(SECRETS)].sort(),
    );
  });

  it("each variable read_hasAMalformedValueInThisTest", () => {
    expect(Object.keys(MALFORMED).sort()).toEqual(EVERY_VARIABLE);
  });

  it("each secret read_isListedInTheReadmeSecretsTable", () => {
    const secrets = EVERY_VARIABLE.filter((name) => !(name in TOP_LEVEL_VARS));
    // The edge's secrets table, the one whose first column is headed `secret`.
    const start = readme.indexOf("\n| secret |");
    const table = readme.slice(start, readme.indexOf("\n\n", start));

    expect(start).toBeGreaterThan(0);
    for (const secret of secrets) {
      expect(table, secret).toMatch(new RegExp(`^\\| \`${secret}\` \\|`, "m"));
    }
  });

  it.each(EVERY_VARIABLE)("missing %s_isRefusedNamingIt", (name) => {
    const env: Record<string, unknown> = { ...WIDEST, ...NEEDED_WHEN[name] };
    delete env[name];

    expect(configRefusal(env).variable).toBe(name);
    expect(configRefusal({ ...env, [name]: "  " }).variable).toBe(name);
  });

  it.each(EVERY_VARIABLE)("malformed %s_isRefusedNamingIt", (name) => {
    const error = configRefusal({ ...WIDEST, [name]: MALFORMED[name] });

    expect(error.variable).toBe(name);
    expect(error.message.startsWith(name + " ")).toBe(true);
  });

  it.each(EVERY_VARIABLE)("worker with %s malformed_refusesEveryRequestNamingIt", async (name) => {
    const h = harness();
    const malformed = MALFORMED[name] ?? "";
    const response = await h.handle(post("/compress", "{}"), { ...WIDEST, [name]: malformed });

    expect(response.status).toBe(500);
    expect(h.received).toEqual([]);
    const reason = String(onlyLog(h)["reason"]);
    expect(reason.startsWith(name + " ")).toBe(true);
    // A secret is named, never repeated.
    if (!(name in TOP_LEVEL_VARS)) {
      expect(h.logs[0]).not.toContain(malformed);
    }
  });

  it("widest configuration_isAccepted", () => {
    expect(parseConfig(WIDEST).originAuth.mode).toBe("google-iam");
  });
});
