import { describe, expect, it } from "vitest";
import { EDGE, envelope, harness, post } from "./harness";

const POST_ROUTES = ["/compress", "/v1/compress", "/v1/messages/compress", "/tokens/estimate"];

describe("route allowlist", () => {
  it.each(POST_ROUTES)("POST %s_isForwarded", async (path) => {
    const h = harness();
    const response = await h.handle(post(path, '{"text":"hi"}'));

    expect(response.status).toBe(200);
    expect(h.received.map((r) => new URL(r.url).pathname)).toEqual([path]);
  });

  it.each([
    "/",
    "/v2/compress",
    "/openapi.json",
    "/docs",
    "/metrics",
    "/compress/",
    "//compress",
    "/Compress",
    "/COMPRESS",
    "/%63ompress",
    "/compress%2F",
    "/v1//compress",
    "/health/",
    "/tokens/estimate/x",
  ])("unknown path %s_isNotFoundWithoutCallingTheOrigin", async (path) => {
    const h = harness();
    const response = await h.handle(post(path, '{"text":"hi"}'));

    expect(response.status).toBe(404);
    const body = await envelope(response);
    expect(body.error).toBe("not_found");
    expect(body.message).toBe(`No route POST ${path}.`);
    expect(response.headers.get("X-Edge-Decision")).toBe("reject");
    // The origin's errors are plain application/json; so are the edge's.
    expect(response.headers.get("Content-Type")).toBe("application/json");
    expect(h.received).toEqual([]);
  });

  it("query string_doesNotChangeTheRoute", async () => {
    const h = harness();
    const response = await h.handle(post("/compress?debug=1", '{"text":"hi"}'));

    expect(response.status).toBe(200);
    expect(h.received[0]?.url).toBe("https://origin.test/compress?debug=1");
  });
});

describe("methods", () => {
  it.each(["GET", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])(
    "%s on a POST route_isMethodNotAllowedWithAllow",
    async (method) => {
      const h = harness();
      const response = await h.handle(new Request(EDGE + "/compress", { method }));

      expect(response.status).toBe(405);
      expect(response.headers.get("Allow")).toBe("POST");
      if (method !== "HEAD") {
        const body = await envelope(response);
        expect(body.error).toBe("method_not_allowed");
        expect(body.message).toBe(`${method} is not allowed here; use POST.`);
      }
      expect(h.received).toEqual([]);
    },
  );

  it("POST on /health_isMethodNotAllowedWithAllowGet", async () => {
    const h = harness();
    const response = await h.handle(post("/health", "{}"));

    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("GET");
    expect((await envelope(response)).message).toBe("POST is not allowed here; use GET.");
  });

  it("unknown path with a wrong method_isNotFoundFirst", async () => {
    const h = harness();
    const response = await h.handle(new Request(EDGE + "/nowhere", { method: "DELETE" }));

    expect(response.status).toBe(404);
  });

  it("wrong method with a bad body_isMethodNotAllowedBeforeTheBodyIsRead", async () => {
    const h = harness();
    const response = await h.handle(
      new Request(EDGE + "/compress", {
        method: "PUT",
        headers: { "Content-Type": "text/plain" },
        body: "x".repeat(5000),
      }),
    );

    expect(response.status).toBe(405);
  });
});
