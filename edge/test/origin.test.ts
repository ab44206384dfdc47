import { describe, expect, it } from "vitest";
import { answering, ENV, envelope, hanging, harness, onlyLog, post, unreachable } from "./harness";

describe("forwarding", () => {
  it("body_isForwardedByteForByte", async () => {
    const h = harness();
    // Key order, a number beyond 2^53, escapes and spacing must all survive.
    const body = '{ "z": 1, "text": "caf\\u00e9 \\ud83d\\ude00",\n "a": 12345678901234567890123 }';
    await h.handle(post("/compress", body));

    expect(new TextDecoder().decode(h.received[0]?.body)).toBe(body);
    expect(h.received[0]?.method).toBe("POST");
    expect(h.received[0]?.url).toBe("https://origin.test/compress");
  });

  it("client credentials and hop-by-hop headers_areNotForwarded", async () => {
    const h = harness();
    await h.handle(
      post("/v1/compress", '{"context":"hi"}', {
        Authorization: "Bearer client-secret",
        Cookie: "session=client-secret",
        "X-API-Key": "client-secret",
        "Proxy-Authorization": "Basic client-secret",
        Connection: "keep-alive, X-Custom",
        "Keep-Alive": "timeout=5",
        TE: "trailers",
        Upgrade: "websocket",
        "X-Custom": "x",
        "X-Forwarded-For": "203.0.113.9",
        "X-Tenant-ID": "acme",
        "Accept-Encoding": "gzip, br",
        "User-Agent": "client/1.0",
      }),
    );

    const forwarded = Object.fromEntries(h.received[0]?.headers ?? []);
    expect(forwarded).toEqual({
      "accept-encoding": "gzip, br",
      "content-type": "application/json",
      "user-agent": "client/1.0",
      "x-request-id": "generated-1",
      "x-tenant-id": "acme",
    });
  });

  it("origin answer_isReturnedWithItsStatusBodyAndContentHeaders", async () => {
    const body = '{"compressed_text":"hi","tenant_id":"acme","n":12345678901234567890123}';
    const h = harness(
      answering(200, body, {
        "Content-Type": "application/json",
        "X-Tenant-ID": "acme",
        "Set-Cookie": "origin=1",
        Server: "Jetty",
      }),
    );
    const response = await h.handle(post("/compress", '{"text":"hi"}', { "X-Request-ID": "r-1" }));

    expect(response.status).toBe(200);
    expect(await response.text()).toBe(body);
    expect(response.headers.get("Content-Type")).toBe("application/json");
    expect(response.headers.get("X-Tenant-ID")).toBe("acme");
    expect(response.headers.get("X-Request-ID")).toBe("r-1");
    expect(response.headers.get("X-Edge-Decision")).toBe("origin");
    expect(response.headers.get("X-Edge-Cache")).toBe("bypass");
    expect(response.headers.get("X-Origin-Status")).toBe("200");
    expect(response.headers.get("Set-Cookie")).toBeNull();
    expect(response.headers.get("Server")).toBeNull();
  });

  it.each([
    [
      422,
      '{"error":"invalid_request","message":"Invalid request: text: is required",' +
        '"request_id":"r","details":[{"field":"text","message":"is required"}]}',
    ],
    [422, '{"error":"tenant_mismatch","message":"m","request_id":"r"}'],
    [500, '{"error":"internal_error","message":"The service failed to answer.","request_id":"r"}'],
    [503, '{"error":"overloaded","message":"m","request_id":"r"}'],
    [502, "<html>bad gateway</html>"],
  ])("origin status %i_isPassedThroughWithItsBody", async (status, body) => {
    const h = harness(
      answering(status, body, { "Content-Type": "application/json", "Retry-After": "1" }),
    );
    const response = await h.handle(post("/compress", '{"text":"hi"}'));

    expect(response.status).toBe(status);
    expect(await response.text()).toBe(body);
    expect(response.headers.get("X-Origin-Status")).toBe(String(status));
    expect(response.headers.get("X-Edge-Decision")).toBe("origin");
    expect(response.headers.get("Retry-After")).toBe("1");
    expect(onlyLog(h)).toMatchObject({ origin_status: status, status, decision: "origin" });
  });
});

describe("origin failures", () => {
  it("origin slower than ORIGIN_TIMEOUT_MS_isOriginTimeout", async () => {
    const h = harness(hanging);
    const response = await h.handle(
      post("/compress", '{"text":"hi"}', { "X-Request-ID": "slow-1" }),
    );

    expect(response.status).toBe(504);
    expect(await response.json()).toEqual({
      error: "origin_timeout",
      message: "The origin did not answer within 50 ms.",
      request_id: "slow-1",
    });
    expect(response.headers.get("X-Edge-Decision")).toBe("origin");
    expect(response.headers.get("X-Origin-Status")).toBeNull();
    expect(onlyLog(h)).toMatchObject({ status: 504, error: "origin_timeout", origin_status: null });
  });

  it("origin whose body stalls_isOriginTimeout", async () => {
    const h = harness(
      async () => new Response(new ReadableStream({ pull: () => new Promise(() => {}) })),
    );
    const response = await h.handle(post("/compress", '{"text":"hi"}'));

    expect(response.status).toBe(504);
  });

  it("timeout_isReadFromConfig", async () => {
    const h = harness(hanging);
    const started = Date.now();
    const response = await h.handle(post("/compress", "{}"), { ...ENV, ORIGIN_TIMEOUT_MS: "120" });

    expect(response.status).toBe(504);
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect((await envelope(response)).message).toBe("The origin did not answer within 120 ms.");
  });

  it("unreachable origin_isOriginUnavailable", async () => {
    const h = harness(unreachable);
    const response = await h.handle(post("/tokens/estimate", '{"text":"hi"}'));

    expect(response.status).toBe(503);
    expect(await envelope(response)).toMatchObject({
      error: "origin_unavailable",
      message: "Model-backed compression is temporarily unavailable.",
    });
    expect(onlyLog(h)).toMatchObject({ error: "origin_unavailable", reason: "TypeError" });
  });
});

describe("origin content encoding", () => {
  it("an encoded origin answer_reachesTheClientWithoutTheOriginsContentEncoding", async () => {
    const h = harness(
      answering(200, '{"ok":true}', {
        "Content-Type": "application/json",
        "Content-Encoding": "gzip",
        Vary: "Accept-Encoding",
      }),
    );
    const response = await h.handle(post("/compress", '{"text":"a"}'));

    expect(response.headers.get("Content-Encoding")).toBeNull();
    expect(response.headers.get("Vary")).toBe("Accept-Encoding");
    expect(await response.text()).toBe('{"ok":true}');
  });
});
