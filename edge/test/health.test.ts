import { describe, expect, it } from "vitest";
import { HEALTH_PROBE_TIMEOUT_MS, UNKNOWN_COMPRESSOR } from "../src/health";
import {
  answering,
  EDGE,
  ENV,
  hanging,
  harness,
  onlyLog,
  originResponse,
  post,
  unreachable,
} from "./harness";

const ORIGIN_HEALTH =
  '{"status":"ok","service":"origin","version":"0.1.0","compressor":"lexical@1"}';

function getHealth(): Request {
  return new Request(EDGE + "/health");
}

describe("GET /health", () => {
  it("origin up_reportsTheOriginsHealth", async () => {
    const h = harness(answering(200, ORIGIN_HEALTH));
    const response = await h.handle(getHealth());

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      service: "edge",
      version: "0.1.0",
      compressor: "lexical@1",
      edge_env: "staging",
      origin: JSON.parse(ORIGIN_HEALTH),
      breaker: {
        state: "closed",
        status: "unknown",
        consecutive_failures: 0,
        last_checked_age_ms: null,
      },
    });
    expect(h.received.map((r) => r.url)).toEqual(["https://origin.test/health"]);
    expect(response.headers.get("X-Origin-Status")).toBe("200");
  });

  it("probe_carriesTheRequestIdAndNoClientHeaders", async () => {
    const h = harness(answering(200, ORIGIN_HEALTH));
    await h.handle(
      new Request(EDGE + "/health", { headers: { "X-Request-ID": "probe-1", Cookie: "a=b" } }),
    );

    expect(Object.fromEntries(h.received[0]?.headers ?? [])).toEqual({ "x-request-id": "probe-1" });
  });

  it.each([
    ["unreachable", unreachable, { status: "unreachable" }],
    ["hanging", hanging, { status: "timeout" }],
    [
      "overloaded",
      answering(503, '{"error":"overloaded"}'),
      { status: "unhealthy", http_status: 503 },
    ],
    ["answering HTML", answering(200, "<html>"), { status: "unhealthy", http_status: 200 }],
  ])("origin %s_isStillOkWithTheOriginsState", async (_, origin, expected) => {
    const h = harness(origin);
    const response = await h.handle(getHealth());

    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: "ok", service: "edge", compressor: UNKNOWN_COMPRESSOR });
    expect(body["origin"]).toEqual(expected);
    expect(onlyLog(h)).toMatchObject({ path: "/health", status: 200, error: null });
  });

  it("origin down after being seen_reportsTheLastCompressorAndForwardedStatus", async () => {
    let up = true;
    const h = harness(async (request) => {
      if (!up) {
        throw new TypeError("Network connection lost.");
      }
      return new URL(request.url).pathname === "/health"
        ? new Response(ORIGIN_HEALTH)
        : originResponse(request, "{}", { status: 422 });
    });
    await h.handle(getHealth());
    await h.handle(post("/compress", "{}"));
    up = false;

    const body = (await (await h.handle(getHealth())).json()) as Record<string, unknown>;

    expect(body["compressor"]).toBe("lexical@1");
    expect(body["origin"]).toMatchObject({
      status: "unreachable",
      last_forwarded: { status: 422 },
    });
  });
});

describe("last forwarded call", () => {
  it.each([
    ["unreachable", unreachable, 503],
    ["hanging", hanging, 504],
  ])("origin %s on a forwarded call_isReportedWithTheEdgesStatus", async (_, origin, status) => {
    const h = harness(origin);
    const forwarded = await h.handle(post("/compress", "{}"));
    expect(forwarded.status).toBe(status);

    const body = (await (await h.handle(getHealth())).json()) as Record<string, unknown>;

    expect(body["origin"]).toMatchObject({ last_forwarded: { status } });
    const lastForwarded = (body["origin"] as Record<string, unknown>)["last_forwarded"];
    expect((lastForwarded as Record<string, unknown>)["age_ms"]).toBeTypeOf("number");
  });

  it("refused request_isNotAForwardedCall", async () => {
    const h = harness(answering(200, ORIGIN_HEALTH));
    await h.handle(post("/compress", "{oops"));

    const body = (await (await h.handle(getHealth())).json()) as Record<string, unknown>;

    expect(body["origin"]).not.toHaveProperty("last_forwarded");
  });
});

describe("health probe bound", () => {
  it("slow origin with a long ORIGIN_TIMEOUT_MS_isGivenUpAfterTheProbeTimeout", async () => {
    const h = harness(hanging);
    const started = Date.now();
    const response = await h.handle(getHealth(), { ...ENV, ORIGIN_TIMEOUT_MS: "30000" });

    expect(response.status).toBe(200);
    expect(((await response.json()) as Record<string, unknown>)["origin"]).toEqual({
      status: "timeout",
    });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(HEALTH_PROBE_TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(HEALTH_PROBE_TIMEOUT_MS + 1000);
  });
});
