import { describe, expect, it } from "vitest";
import { cacheKeyUrl, lookup, store } from "../src/cache";
import { parseConfig } from "../src/config";
import { parseJsonBodyExactly } from "../src/json";
import type { Fetcher } from "../src/origin";
import { answering, ENV, harness, logLines, onlyLog, post } from "./harness";

const CACHED = { ...ENV, CACHE_ENABLED: "true" };

const ANSWER = '{"compressed_text":"short","tenant_id":"acme"}';

const JSON_HEADERS = {
  "Content-Type": "application/json; charset=utf-8",
  "Content-Language": "en",
  "X-Tenant-ID": "acme",
};

/** An origin that answers as told, and can be taken down. */
function switchable(status = 200, body = ANSWER, headers: Record<string, string> = JSON_HEADERS) {
  const origin: { up: boolean; readonly fetcher: Fetcher } = {
    up: true,
    fetcher: async (request) => {
      if (!origin.up) {
        throw new TypeError("Network connection lost.");
      }
      return answering(status, body, headers)(request);
    },
  };
  return origin;
}

/** Sends the same request twice, letting the first one's cache write finish in between. */
async function twice(
  first: Request,
  second: Request,
  env: Record<string, unknown> = CACHED,
  origin = switchable(),
) {
  const h = harness(origin.fetcher);
  const one = await h.handle(first, env);
  await h.settle();
  const two = await h.handle(second, env);
  return { h, one, two };
}

describe("cache hit", () => {
  it("repeated request_isServedFromTheCacheWithTheOriginsBytes", async () => {
    const body = '{"text":"hello","aggressiveness":0.5}';
    const { h, one, two } = await twice(
      post("/compress", body, { "X-Request-ID": "first" }),
      post("/compress", body, { "X-Request-ID": "second" }),
    );

    expect(one.headers.get("X-Edge-Cache")).toBe("store");
    expect(one.headers.get("X-Edge-Decision")).toBe("origin");
    expect(two.status).toBe(200);
    expect(two.headers.get("X-Edge-Cache")).toBe("hit");
    expect(two.headers.get("X-Edge-Decision")).toBe("cache-hit");
    expect(two.headers.get("X-Request-ID")).toBe("second");
    expect(two.headers.get("X-Origin-Status")).toBeNull();
    expect(two.headers.get("X-Edge-Stored-Headers")).toBeNull();
    for (const name of Object.keys(JSON_HEADERS)) {
      expect(two.headers.get(name)).toBe(one.headers.get(name));
    }
    expect(await two.text()).toBe(await one.text());
    expect(h.received).toHaveLength(1);
  });

  it("hit_isLoggedAsACacheHitWithNoOriginCall", async () => {
    const origin = switchable();
    const h = harness(origin.fetcher);
    await h.handle(post("/compress", '{"text":"a"}'), CACHED);
    await h.settle();
    h.logs.length = 0;

    await h.handle(post("/compress", '{"text":"a"}'), CACHED);

    expect(onlyLog(h)).toMatchObject({
      decision: "cache-hit",
      cache: "hit",
      status: 200,
      origin_status: null,
    });
  });

  it("hit_isServedWithTheOriginDown", async () => {
    const origin = switchable();
    const h = harness(origin.fetcher);
    await h.handle(post("/tokens/estimate", '{"text":"a"}'), CACHED);
    await h.settle();
    origin.up = false;

    const response = await h.handle(post("/tokens/estimate", '{"text":"a"}'), CACHED);

    expect(response.status).toBe(200);
    expect(await response.text()).toBe(ANSWER);
  });

  it("whitespace and escape spelling_shareAnEntry", async () => {
    const { two } = await twice(
      post("/compress", '{"text":"a/é","aggressiveness":0.5}'),
      post("/compress", '{ "text" : "\\u0061\\/\\u00E9" ,\n "aggressiveness" : 0.5 }'),
    );

    expect(two.headers.get("X-Edge-Cache")).toBe("hit");
  });

  it.each([
    [
      "key order, which the origin echoes",
      '{"messages":[{"role":"user","content":"a"}]}',
      '{"messages":[{"content":"a","role":"user"}]}',
    ],
    ["a number's spelling", '{"text":"a","n":1.0}', '{"text":"a","n":1}'],
    ["a zero's sign", '{"text":"a","n":0}', '{"text":"a","n":-0}'],
    [
      "digits beyond a double",
      '{"text":"a","n":9007199254740993}',
      '{"text":"a","n":9007199254740992}',
    ],
  ])("bodies that differ in %s_areAskedSeparately", async (_, first, second) => {
    const { h, two } = await twice(
      post("/v1/messages/compress", first),
      post("/v1/messages/compress", second),
    );

    expect(two.headers.get("X-Edge-Cache")).toBe("store");
    expect(h.received).toHaveLength(2);
  });
});

describe("cache key", () => {
  it("key_isTheSha256OfTheCanonicalJson", async () => {
    const config = parseConfig(ENV);
    const body = parseJsonBodyExactly(
      new TextEncoder().encode('{ "text": "\\u0061", "b": [true, null, 1.5e2] }'),
    );
    const canonical =
      '{"body":"{\\"text\\":\\"a\\",\\"b\\":[true,null,1.5e2]}","origin":"https://origin.test",' +
      '"origin_api_version":"0.1.0","route":"compress","schema":3,"tenant":"acme"}';
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonical));
    const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0"));

    expect(await cacheKeyUrl(config, "compress", "acme", body)).toBe(
      "https://exact-response-cache.invalid/v1/" + hex.join(""),
    );
  });

  it.each([
    ["another value", post("/compress", '{"text":"b"}')],
    ["another route", post("/v1/compress", '{"text":"a"}')],
    ["another header tenant", post("/compress", '{"text":"a"}', { "X-Tenant-ID": "globex" })],
    ["a body tenant", post("/compress", '{"text":"a","tenant_id":"acme"}')],
  ])("%s_isAMiss", async (_, second) => {
    const { h, two } = await twice(post("/compress", '{"text":"a"}', {}), second);

    expect(two.headers.get("X-Edge-Cache")).toBe("store");
    expect(h.received).toHaveLength(2);
  });

  it("tenants_neverSeeEachOthersEntries", async () => {
    const { two } = await twice(
      post("/compress", '{"text":"a"}', { "X-Tenant-ID": "acme" }),
      post("/compress", '{"text":"a"}', { "X-Tenant-ID": "globex" }),
    );

    expect(two.headers.get("X-Edge-Cache")).toBe("store");
  });

  it.each([
    ["another origin", { ORIGIN_BASE_URL: "https://fallback-origin.test" }],
    ["another origin api version", { ORIGIN_API_VERSION: "0.2.0" }],
  ])("%s_isAMiss", async (_, change) => {
    const origin = switchable();
    const h = harness(origin.fetcher);
    await h.handle(post("/compress", '{"text":"a"}'), CACHED);
    await h.settle();

    const response = await h.handle(post("/compress", '{"text":"a"}'), { ...CACHED, ...change });

    expect(response.headers.get("X-Edge-Cache")).toBe("store");
  });
});

describe("cache entry", () => {
  it("stored entry_livesForCacheTtlSeconds", async () => {
    const cache = await caches.open(`ttl-${crypto.randomUUID()}`);
    const config = parseConfig({ ...CACHED, CACHE_TTL_SECONDS: "300" });
    const url = await cacheKeyUrl(
      config,
      "compress",
      undefined,
      parseJsonBodyExactly(new TextEncoder().encode("{}")),
    );
    const headers = new Headers({ "Content-Type": "application/json", "Cache-Control": "private" });
    const body = await new Response(ANSWER).arrayBuffer();

    await store(
      cache,
      url,
      { status: 200, headers, body, elapsedMs: 1, requestIdEcho: null },
      config,
    );

    expect((await cache.match(url))?.headers.get("Cache-Control")).toBe("max-age=300");
    const read = await lookup(cache, url);
    expect([...(read?.headers ?? [])]).toEqual([...headers]);
    expect(new TextDecoder().decode(read?.body)).toBe(ANSWER);
  });
});

describe("never cached", () => {
  it.each([
    ["no-store from the client", { "Cache-Control": "max-age=0, No-Store" }, '{"text":"a"}'],
    ["debug", {}, '{"text":"a","debug":true}'],
    ["a malformed tenant header", { "X-Tenant-ID": "not a tenant!" }, '{"text":"a"}'],
  ])("%s_bypassesTheCache", async (_, headers: Record<string, string>, body) => {
    const { h, one, two } = await twice(
      post("/compress", body, headers),
      post("/compress", body, headers),
    );

    expect(one.headers.get("X-Edge-Cache")).toBe("bypass");
    expect(two.headers.get("X-Edge-Cache")).toBe("bypass");
    expect(h.received).toHaveLength(2);
  });

  it("a query string_bypassesTheCache", async () => {
    const { h, two } = await twice(
      post("/compress?v=1", '{"text":"a"}'),
      post("/compress?v=1", '{"text":"a"}'),
    );

    expect(two.headers.get("X-Edge-Cache")).toBe("bypass");
    expect(h.received).toHaveLength(2);
  });

  it("a no-store request_leavesNoEntryBehind", async () => {
    const { two } = await twice(
      post("/compress", '{"text":"a"}', { "Cache-Control": "no-store" }),
      post("/compress", '{"text":"a"}'),
    );

    expect(two.headers.get("X-Edge-Cache")).toBe("store");
  });

  it.each([
    ["a 422", switchable(422, '{"error":"invalid_request"}')],
    ["a 503", switchable(503, '{"error":"model_unavailable"}')],
    ["a body over CACHE_MAX_BODY_BYTES", switchable(200, `{"text":"${"x".repeat(600)}"}`)],
    ["a non-JSON answer", switchable(200, "ok", { "Content-Type": "text/plain" })],
    [
      "an answer marked no-store",
      switchable(200, ANSWER, { "Content-Type": "application/json", "Cache-Control": "no-store" }),
    ],
  ])("%s_isNotStored", async (_, origin) => {
    const { h, one, two } = await twice(
      post("/compress", '{"text":"a"}'),
      post("/compress", '{"text":"a"}'),
      CACHED,
      origin,
    );

    expect(one.headers.get("X-Edge-Cache")).toBe("miss");
    expect(two.headers.get("X-Edge-Cache")).toBe("miss");
    expect(h.received).toHaveLength(2);
  });

  it("a body of exactly CACHE_MAX_BODY_BYTES_isStored", async () => {
    const exact = `{"t":"${"x".repeat(512 - 8)}"}`;
    const { two } = await twice(
      post("/compress", '{"text":"a"}'),
      post("/compress", '{"text":"a"}'),
      CACHED,
      switchable(200, exact),
    );

    expect(exact.length).toBe(512);
    expect(two.headers.get("X-Edge-Cache")).toBe("hit");
  });

  it("cache off_isABypassAsBeforeTheCacheAndStoresNothing", async () => {
    const origin = switchable();
    const h = harness(origin.fetcher);
    const off = await h.handle(post("/compress", '{"text":"a"}'), ENV);
    await h.settle();

    const on = await h.handle(post("/compress", '{"text":"a"}'), CACHED);

    expect(off.headers.get("X-Edge-Cache")).toBe("bypass");
    expect(on.headers.get("X-Edge-Cache")).toBe("store");
  });

  it("health_bypassesTheCache", async () => {
    const h = harness();

    const response = await h.handle(new Request("https://edge.test/health"), CACHED);

    expect(response.headers.get("X-Edge-Cache")).toBe("bypass");
  });
});

describe("tenant cache policy", () => {
  const PROFILES = {
    ...CACHED,
    TENANT_PROFILES: JSON.stringify({
      acme: { cache_enabled: false, force_keep_tokens: ["ACME"] },
      globex: { cache_enabled: true },
      initech: { default_aggressiveness: 0.3 },
    }),
  };

  it.each([
    ["header", { "X-Tenant-ID": "acme" }, '{"text":"a"}'],
    ["body", {}, '{"text":"a","tenant_id":"acme"}'],
  ])(
    "a tenant with cache_enabled false by %s_isDisabledAndNeverStored",
    async (_, headers, body) => {
      const { h, one, two } = await twice(
        post("/compress", body, headers),
        post("/compress", body, headers),
        PROFILES,
      );

      expect(one.headers.get("X-Edge-Cache")).toBe("disabled");
      expect(two.headers.get("X-Edge-Cache")).toBe("disabled");
      expect(two.headers.get("X-Edge-Decision")).toBe("origin");
      expect(h.received).toHaveLength(2);
      expect(onlyLogOf(h, 1)["cache"]).toBe("disabled");
    },
  );

  it.each([
    ["cache_enabled true", "globex"],
    ["a profile without cache_enabled", "initech"],
    ["no profile", "umbrella"],
  ])("a tenant with %s_followsCacheEnabled", async (_, tenant) => {
    const headers = { "X-Tenant-ID": tenant };
    const { h, one, two } = await twice(
      post("/compress", '{"text":"a"}', headers),
      post("/compress", '{"text":"a"}', headers),
      PROFILES,
    );

    expect(one.headers.get("X-Edge-Cache")).toBe("store");
    expect(two.headers.get("X-Edge-Cache")).toBe("hit");
    expect(h.received).toHaveLength(1);
  });

  it("an inline tenant_profile_cannotTurnTheCacheOff", async () => {
    const body = '{"text":"a","tenant_id":"globex","tenant_profile":{"cache_enabled":false}}';
    const { two } = await twice(post("/compress", body), post("/compress", body), PROFILES);

    expect(two.headers.get("X-Edge-Cache")).toBe("hit");
  });

  it("cache off everywhere_isABypassEvenForADisabledTenant", async () => {
    const headers = { "X-Tenant-ID": "acme" };
    const { one } = await twice(
      post("/compress", '{"text":"a"}', headers),
      post("/compress", '{"text":"a"}', headers),
      { ...PROFILES, CACHE_ENABLED: "false" },
    );

    expect(one.headers.get("X-Edge-Cache")).toBe("bypass");
  });
});

/** The log line of the `index`-th request a harness served. */
function onlyLogOf(h: ReturnType<typeof harness>, index: number): Record<string, unknown> {
  return JSON.parse(h.logs[index] ?? "") as Record<string, unknown>;
}

describe("a failing cache", () => {
  /** A cache whose every call fails as the Cache API does when it is unavailable. */
  const broken = async (): Promise<Cache> =>
    ({
      match: async () => {
        throw new TypeError("cache unavailable");
      },
      put: async () => {
        throw new TypeError("cache unavailable");
      },
    }) as unknown as Cache;

  it("a failed lookup and store_areAMissAnsweredByTheOriginAndLogged", async () => {
    const h = harness(switchable().fetcher, broken);
    const response = await h.handle(
      post("/compress", '{"text":"a"}', { "X-Request-ID": "r1" }),
      CACHED,
    );
    await h.settle();

    expect(response.status).toBe(200);
    expect(await response.text()).toBe(ANSWER);
    expect(response.headers.get("X-Edge-Decision")).toBe("origin");
    expect(h.received).toHaveLength(1);
    const events = logLines(h);
    expect(events).toContainEqual({
      request_id: "r1",
      event: "cache_lookup_failed",
      reason: "TypeError",
    });
    expect(events).toContainEqual({
      request_id: "r1",
      event: "cache_store_failed",
      reason: "TypeError",
    });
  });
});
