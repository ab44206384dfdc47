import { describe, expect, it } from "vitest";
import { ANALYTICS_BINDING } from "../src/analytics";
import { ConfigError, parseConfig } from "../src/config";
import { POLICY_BINDINGS } from "../src/ratelimit";
import { parseErrors, TOP_LEVEL_VARS, wrangler, type Section } from "./wrangler-config";

/**
 * What the committed environments must hold. Wrangler gives a named environment none of the
 * top level's `vars` or `ratelimits`, so each one is checked on its own; that Wrangler itself
 * accepts each of them is checked by `npm run check:dry-run` (scripts/dry-run.mjs).
 */

const ENVIRONMENTS: readonly [string, Section][] = [
  ["top level", wrangler],
  ...Object.entries(wrangler.env ?? {}),
];

/** The `EDGE_ENV`, route and cache lifetime each environment is documented with (README). */
const EXPECTED: Readonly<
  Record<string, { edgeEnv: string; route: string | undefined; cacheTtlSeconds: string }>
> = {
  "top level": { edgeEnv: "dev", route: undefined, cacheTtlSeconds: "60" },
  staging: { edgeEnv: "staging", route: "compress-staging.usagetap.com/*", cacheTtlSeconds: "60" },
  production: { edgeEnv: "prod", route: "compress.usagetap.com/*", cacheTtlSeconds: "300" },
};

/** A Cloud Run URL of the documented shape, standing in for a `.invalid` placeholder. */
const REAL_LOOKING_ORIGIN = "https://prompt-compression-4f7q2xk3ba-ew.a.run.app";

function expected(name: string): (typeof EXPECTED)[string] {
  const entry = EXPECTED[name];
  if (entry === undefined) {
    throw new Error(`environment ${name} is not documented in this test`);
  }
  return entry;
}

describe("wrangler.jsonc environments", () => {
  it("wrangler.jsonc_parsesWithoutErrors", () => {
    expect(parseErrors).toEqual([]);
  });

  it("environments_areTheTopLevelStagingAndProduction", () => {
    expect(ENVIRONMENTS.map(([name]) => name)).toEqual(Object.keys(EXPECTED));
  });

  it.each(ENVIRONMENTS)("vars of %s_nameExactlyTheTopLevelVariables", (_, section) => {
    expect(Object.keys(section.vars ?? {}).sort()).toEqual(Object.keys(TOP_LEVEL_VARS).sort());
  });

  it.each(ENVIRONMENTS)("vars of %s_passTheWorkersOwnCheck", (name, section) => {
    const vars = section.vars ?? {};
    const origin = vars["ORIGIN_BASE_URL"] ?? "";
    // The committed staging and production origins are placeholders the Worker must refuse.
    if (new URL(origin).hostname.endsWith(".invalid")) {
      expect(() => parseConfig(vars)).toThrow(ConfigError);
      expect(() => parseConfig(vars)).toThrow(/^ORIGIN_BASE_URL is the placeholder/);
    }

    const config = parseConfig({ ...vars, ORIGIN_BASE_URL: realOrigin(origin) });
    expect(config.edgeEnv).toBe(expected(name).edgeEnv);
  });

  it.each(ENVIRONMENTS)("cache lifetime of %s_isTheDocumentedOne", (name, section) => {
    expect(section.vars?.["CACHE_TTL_SECONDS"]).toBe(expected(name).cacheTtlSeconds);
  });

  it.each(ENVIRONMENTS)("routes of %s_areTheDocumentedOnes", (name, section) => {
    const route = expected(name).route;

    expect(section.routes).toEqual(
      route === undefined ? undefined : [{ pattern: route, zone_name: "usagetap.com" }],
    );
  });

  it.each(ENVIRONMENTS)("rate limit bindings of %s_holdEveryPolicyOnce", (_, section) => {
    const names = (section.ratelimits ?? []).map((binding) => binding.name);

    expect(names.sort()).toEqual([...new Set(Object.values(POLICY_BINDINGS))].sort());
  });

  it.each(ENVIRONMENTS)("retry after of %s_isTheLongestBindingPeriod", (_, section) => {
    const periods = (section.ratelimits ?? []).map((binding) => binding.simple.period);

    // The binding counts in periods of 10 or 60 seconds only.
    expect(periods.every((period) => period === 10 || period === 60)).toBe(true);
    expect(section.vars?.["RATE_LIMIT_RETRY_AFTER_SECONDS"]).toBe(String(Math.max(...periods)));
  });

  it.each(ENVIRONMENTS)("analytics binding of %s_isDeclaredOnlyWhereDeployed", (name, section) => {
    // Locally and in tests (which run the top level) the binding is absent, and nothing is sent.
    const expectedBindings =
      name === "top level"
        ? undefined
        : [{ binding: ANALYTICS_BINDING, dataset: `compression_edge_${name}` }];

    expect(section.analytics_engine_datasets).toEqual(expectedBindings);
  });

  it("rate limit namespace ids_areDistinctAcrossEveryEnvironment", () => {
    const ids = ENVIRONMENTS.flatMap(([, section]) =>
      (section.ratelimits ?? []).map((binding) => binding.namespace_id),
    );

    expect(ids.length).toBe(ENVIRONMENTS.length * new Set(Object.values(POLICY_BINDINGS)).size);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("worker names_areDistinct", () => {
    const names = ENVIRONMENTS.map(([, section]) => section.name);

    expect(names).toEqual([
      "compression-edge",
      "compression-edge-staging",
      "compression-edge-production",
    ]);
  });
});

/** `origin` itself, or the real-looking URL when it is a `.invalid` placeholder. */
function realOrigin(origin: string): string {
  return new URL(origin).hostname.endsWith(".invalid") ? REAL_LOOKING_ORIGIN : origin;
}
