/**
 * The deployed entry point, run as Wrangler would run it: wrangler.jsonc's top-level vars,
 * with the origin moved to a closed local port (vitest.config.ts), so every origin call fails
 * to connect and no test can reach a real origin.
 */
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("worker entry point", () => {
  it("generated request id_isARandomUuid", async () => {
    const response = await exports.default.fetch("https://edge.test/nowhere");

    expect(response.status).toBe(404);
    expect(response.headers.get("X-Request-ID")).toMatch(UUID);
  });

  it("health with the origin down_isOkWithTheOriginUnreachable", async () => {
    const response = await exports.default.fetch("https://edge.test/health");

    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      status: "ok",
      service: "edge",
      edge_env: "dev",
      origin: { status: "unreachable" },
    });
  });

  it("compression with the origin down_isOriginUnavailable", async () => {
    const response = await exports.default.fetch("https://edge.test/compress", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Request-ID": "down-1" },
      body: '{"text":"hello"}',
    });

    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: "origin_unavailable",
      message: "Model-backed compression is temporarily unavailable.",
      request_id: "down-1",
    });
    expect(response.headers.get("X-Edge-Decision")).toBe("origin");
    expect(response.headers.get("X-Origin-Status")).toBeNull();
  });
});
