import { env as workerEnv } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { clientKey, RATE_LIMITED_MESSAGE, type RateLimiter } from "../src/ratelimit";
import { EDGE, ENV, envelope, harness, logLines, onlyLog, post, unreachable } from "./harness";

/** A fake policy that allows `allowed` calls per key and records every key it was asked for. */
class CountingLimiter implements RateLimiter {
  readonly keys: string[] = [];

  constructor(private readonly allowed: number) {}

  async limit({ key }: { key: string }): Promise<{ success: boolean }> {
    this.keys.push(key);
    return { success: this.keys.filter((k) => k === key).length <= this.allowed };
  }
}

function limitedEnv(allowed = 100) {
  const policies = {
    RATE_LIMIT_HEALTH: new CountingLimiter(allowed),
    RATE_LIMIT_ESTIMATE: new CountingLimiter(allowed),
    RATE_LIMIT_COMPRESS: new CountingLimiter(allowed),
    RATE_LIMIT_MESSAGES: new CountingLimiter(allowed),
  };
  return { env: { ...ENV, RATE_LIMIT_ENABLED: "true", ...policies }, ...policies };
}

async function sha256Hex(value: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(value));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

describe("rate limit key", () => {
  const body = { tenant_id: "body-tenant" };

  it("api key header_isHashedAndComesFirst", async () => {
    const headers = new Headers({ "X-API-Key": "secret-1", "X-Tenant-ID": "header-tenant" });

    expect(await clientKey(headers, body)).toBe(`api_key:${await sha256Hex("secret-1")}`);
  });

  it("bearer token_isTheApiKeyWhenNoXApiKey", async () => {
    const headers = new Headers({ Authorization: "bearer secret-1" });

    expect(await clientKey(headers, body)).toBe(`api_key:${await sha256Hex("secret-1")}`);
  });

  it("x api key_winsOverBearer", async () => {
    const headers = new Headers({ "X-API-Key": "one", Authorization: "Bearer two" });

    expect(await clientKey(headers, {})).toBe(`api_key:${await sha256Hex("one")}`);
  });

  it("non bearer authorization_isNotAnApiKey", async () => {
    const headers = new Headers({ Authorization: "Basic dXNlcjpwYXNz" });

    expect(await clientKey(headers, body)).toBe("tenant:body-tenant");
  });

  it("body tenant_winsOverTheTenantHeader", async () => {
    const headers = new Headers({ "X-Tenant-ID": "header-tenant" });

    expect(await clientKey(headers, body)).toBe("tenant:body-tenant");
  });

  it("tenant header_isUsedWithoutABodyTenant", async () => {
    const headers = new Headers({ "X-Tenant-ID": "header-tenant", "CF-Connecting-IP": "1.2.3.4" });

    expect(await clientKey(headers, { text: "x" })).toBe("tenant:header-tenant");
  });

  it("malformed tenants_fallBackToTheAddress", async () => {
    const headers = new Headers({ "X-Tenant-ID": "bad tenant!", "CF-Connecting-IP": "1.2.3.4" });

    expect(await clientKey(headers, { tenant_id: "also bad!" })).toBe("ip:1.2.3.4");
  });

  it("forwarded for and real ip_neverChangeTheBucket", async () => {
    const plain = new Headers({ "CF-Connecting-IP": "1.2.3.4" });
    const spoofed = new Headers({
      "CF-Connecting-IP": "1.2.3.4",
      "X-Forwarded-For": "9.9.9.9",
      "X-Real-IP": "8.8.8.8",
    });

    expect(await clientKey(spoofed, {})).toBe(await clientKey(plain, {}));
    expect(await clientKey(new Headers({ "X-Forwarded-For": "9.9.9.9" }), {})).toBe("ip:unknown");
  });
});

describe("rate limits", () => {
  it("each route_countsAgainstItsOwnPolicy", async () => {
    const h = harness();
    const limited = limitedEnv();
    const ip = { "CF-Connecting-IP": "1.2.3.4" };

    await h.handle(new Request(EDGE + "/health", { headers: ip }), limited.env);
    await h.handle(post("/tokens/estimate", '{"text":"a"}', ip), limited.env);
    await h.handle(post("/compress", '{"text":"a"}', ip), limited.env);
    await h.handle(post("/v1/compress", '{"context":["a"]}', ip), limited.env);
    await h.handle(post("/v1/messages/compress", '{"messages":[]}', ip), limited.env);

    expect(limited.RATE_LIMIT_HEALTH.keys).toEqual(["ip:1.2.3.4"]);
    expect(limited.RATE_LIMIT_ESTIMATE.keys).toEqual(["ip:1.2.3.4"]);
    expect(limited.RATE_LIMIT_COMPRESS.keys).toEqual(["ip:1.2.3.4", "ip:1.2.3.4"]);
    expect(limited.RATE_LIMIT_MESSAGES.keys).toEqual(["ip:1.2.3.4"]);
  });

  it("a request with every key_isCountedByItsHashedApiKey", async () => {
    const h = harness();
    const limited = limitedEnv();
    const headers = {
      Authorization: "Bearer token-9",
      "X-Tenant-ID": "acme",
      "CF-Connecting-IP": "1.2.3.4",
    };

    await h.handle(post("/compress", '{"tenant_id":"acme"}', headers), limited.env);

    expect(limited.RATE_LIMIT_COMPRESS.keys).toEqual([`api_key:${await sha256Hex("token-9")}`]);
  });

  it("health_isCountedByAddressEvenWithAnApiKey", async () => {
    const h = harness();
    const limited = limitedEnv();
    const headers = { "CF-Connecting-IP": "1.2.3.4", "X-API-Key": "k", "X-Tenant-ID": "t" };

    await h.handle(new Request(EDGE + "/health", { headers }), limited.env);

    expect(limited.RATE_LIMIT_HEALTH.keys).toEqual(["ip:1.2.3.4"]);
  });

  it("over the limit_is429WithTheEnvelopeAndNoOriginCall", async () => {
    const h = harness();
    const limited = limitedEnv(1);
    const headers = { "X-Tenant-ID": "acme", "X-Request-ID": "rl-1" };

    expect((await h.handle(post("/compress", '{"text":"a"}', headers), limited.env)).status).toBe(
      200,
    );
    const response = await h.handle(post("/compress", '{"text":"a"}', headers), limited.env);

    expect(response.status).toBe(429);
    expect(await response.json()).toEqual({
      error: "rate_limited",
      message: RATE_LIMITED_MESSAGE,
      request_id: "rl-1",
    });
    expect(response.headers.get("Retry-After")).toBe("60");
    expect(response.headers.get("X-Edge-Decision")).toBe("reject");
    expect(response.headers.get("Content-Type")).toBe("application/json");
    expect(h.received).toHaveLength(1);
  });

  it("over the limit with the origin down_isStill429", async () => {
    const h = harness(unreachable);
    const limited = limitedEnv(0);

    const response = await h.handle(post("/v1/compress", "{}"), limited.env);

    expect(response.status).toBe(429);
    expect(h.received).toEqual([]);
  });

  it("over the limit on health_is429", async () => {
    const h = harness(unreachable);
    const limited = limitedEnv(0);

    const response = await h.handle(new Request(EDGE + "/health"), limited.env);

    expect(response.status).toBe(429);
    expect((await envelope(response)).error).toBe("rate_limited");
    expect(h.received).toEqual([]);
  });

  it("a refusal_isLoggedWithoutTheApiKey", async () => {
    const h = harness();
    const limited = limitedEnv(0);

    await h.handle(post("/compress", "{}", { "X-API-Key": "very-secret-key" }), limited.env);

    const log = onlyLog(h);
    expect(log).toMatchObject({ status: 429, error: "rate_limited", decision: "reject" });
    expect(h.logs[0]).not.toContain("very-secret-key");
    expect(h.logs[0]).not.toContain(await sha256Hex("very-secret-key"));
  });

  it("different keys_haveSeparateBuckets", async () => {
    const h = harness();
    const limited = limitedEnv(1);

    await h.handle(post("/compress", '{"tenant_id":"a"}'), limited.env);
    const other = await h.handle(post("/compress", '{"tenant_id":"b"}'), limited.env);
    const again = await h.handle(post("/compress", '{"tenant_id":"a"}'), limited.env);

    expect(other.status).toBe(200);
    expect(again.status).toBe(429);
  });

  it("spoofed forwarding headers_shareTheClientsBucket", async () => {
    const h = harness();
    const limited = limitedEnv(1);

    await h.handle(post("/compress", "{}", { "CF-Connecting-IP": "1.2.3.4" }), limited.env);
    const spoofed = await h.handle(
      post("/compress", "{}", {
        "CF-Connecting-IP": "1.2.3.4",
        "X-Forwarded-For": "5.6.7.8",
        "X-Real-IP": "5.6.7.8",
      }),
      limited.env,
    );

    expect(spoofed.status).toBe(429);
  });
});

describe("message weighting", () => {
  // The harness sets RATE_LIMIT_UNIT_BYTES to 256.
  it.each([
    [2, 1],
    [256, 1],
    [257, 2],
    [1000, 4],
  ])("a %i byte body_costs %i units", async (bytes, units) => {
    const h = harness();
    const limited = limitedEnv();
    // Trailing whitespace is valid JSON, so the body is exactly `bytes` long.
    const sized = "{}".padEnd(bytes);

    await h.handle(post("/v1/messages/compress", sized), limited.env);

    expect(new TextEncoder().encode(sized).byteLength).toBe(bytes);
    expect(limited.RATE_LIMIT_MESSAGES.keys).toHaveLength(units);
  });

  it("a body worth more units than are left_isRefused", async () => {
    const h = harness();
    const limited = limitedEnv(3);

    const response = await h.handle(post("/v1/messages/compress", "{}".padEnd(1000)), limited.env);

    expect(response.status).toBe(429);
    expect(limited.RATE_LIMIT_MESSAGES.keys).toHaveLength(4);
    expect(h.received).toEqual([]);
  });

  it("other routes_costOneUnitWhateverTheirSize", async () => {
    const h = harness();
    const limited = limitedEnv();

    await h.handle(post("/compress", "{}".padEnd(1000)), limited.env);

    expect(limited.RATE_LIMIT_COMPRESS.keys).toHaveLength(1);
  });
});

describe("rate limit flag", () => {
  it("off_callsNoBinding", async () => {
    const h = harness();
    const limited = limitedEnv(0);

    const response = await h.handle(post("/compress", "{}"), {
      ...limited.env,
      RATE_LIMIT_ENABLED: "false",
    });

    expect(response.status).toBe(200);
    expect(limited.RATE_LIMIT_COMPRESS.keys).toEqual([]);
  });

  it("on without a binding_isAnInternalErrorNamingIt", async () => {
    const h = harness();

    const response = await h.handle(post("/compress", "{}"), {
      ...ENV,
      RATE_LIMIT_ENABLED: "true",
    });

    expect(response.status).toBe(500);
    expect(onlyLog(h)["reason"]).toBe(
      "RATE_LIMIT_COMPRESS must be a rate limit binding (see ratelimits in wrangler.jsonc).",
    );
    expect(h.received).toEqual([]);
  });

  it("the real bindings_limitRequests", async () => {
    const h = harness();
    const env = { ...workerEnv, ...ENV, RATE_LIMIT_ENABLED: "true" };
    const statuses: number[] = [];
    // The dev policy for /v1/messages/compress allows 30 units a minute.
    for (let i = 0; i < 31; i++) {
      const request = post("/v1/messages/compress", "{}", { "X-API-Key": "real-binding-test" });
      statuses.push((await h.handle(request, env)).status);
    }

    expect(statuses.slice(0, 30).every((status) => status === 200)).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});

describe("a failing rate limit binding", () => {
  const failing: RateLimiter = {
    limit: async () => {
      throw new TypeError("binding unavailable");
    },
  };

  it.each([
    ["/compress", "RATE_LIMIT_COMPRESS"],
    ["/health", "RATE_LIMIT_HEALTH"],
  ])("on %s_letsTheRequestThroughAndLogsTheFailure", async (path, binding) => {
    const h = harness();
    const { env } = limitedEnv();
    const request =
      path === "/health"
        ? new Request(EDGE + path, { headers: { "X-Request-ID": "r1" } })
        : post(path, '{"text":"a"}', { "X-Request-ID": "r1" });
    const response = await h.handle(request, { ...env, [binding]: failing });

    expect(response.status).toBe(200);
    const events = logLines(h);
    expect(events).toContainEqual({
      request_id: "r1",
      event: "rate_limit_failed",
      reason: "TypeError",
    });
  });
});
