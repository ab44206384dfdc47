import { describe, expect, it } from "vitest";
import { answering, configRefusal, EDGE, ENV, harness, onlyLog, post } from "./harness";

const SECRET = `edge-secret-${"0123456789abcdef".repeat(2)}`;
const SHARED = { ...ENV, ORIGIN_AUTH_MODE: "shared-secret", ORIGIN_SHARED_SECRET: SECRET };

describe("ORIGIN_AUTH_MODE shared-secret", () => {
  it("forwarded request_carriesTheSecretInXOriginAuth", async () => {
    const h = harness();
    await h.handle(post("/compress", '{"text":"hi"}'), SHARED);

    expect(h.received[0]?.headers.get("X-Origin-Auth")).toBe(SECRET);
    expect(h.received[0]?.headers.get("Authorization")).toBeNull();
  });

  it("health probe_carriesTheSecret_soAnOriginWithAStaleOneShowsUnhealthy", async () => {
    const h = harness(answering(200, '{"status":"ok","compressor":"lexical@1"}'));
    await h.handle(new Request(`${EDGE}/health`), SHARED);

    expect(h.received[0]?.url).toBe("https://origin.test/health");
    expect(h.received[0]?.headers.get("X-Origin-Auth")).toBe(SECRET);
  });

  it("client copies of X-Origin-Auth and Authorization_neverReachTheOrigin", async () => {
    const h = harness();
    const headers = { "X-Origin-Auth": "client-guess", Authorization: "Bearer client-key" };
    await h.handle(post("/tokens/estimate", '{"text":"hi"}', headers), SHARED);
    await h.handle(post("/tokens/estimate", '{"text":"hi"}', headers));

    expect(h.received[0]?.headers.get("X-Origin-Auth")).toBe(SECRET);
    expect(h.received[0]?.headers.get("Authorization")).toBeNull();
    expect(h.received[1]?.headers.get("X-Origin-Auth")).toBeNull();
    expect(h.received[1]?.headers.get("Authorization")).toBeNull();
  });

  it("mode none_sendsNoCredential", async () => {
    const h = harness();
    await h.handle(post("/compress", '{"text":"hi"}'), { ...ENV, ORIGIN_SHARED_SECRET: SECRET });

    expect(h.received[0]?.headers.get("X-Origin-Auth")).toBeNull();
  });

  it.each([401, 403])(
    "origin refusing the secret with %i_is503OriginUnavailable_andTheLogSaysWhy",
    async (status) => {
      const refused = '{"error":"unauthorized","message":"m","request_id":"r"}';
      const h = harness(answering(status, refused));
      const response = await h.handle(post("/compress", '{"text":"hi"}'), SHARED);

      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        error: "origin_unavailable",
        message: "Model-backed compression is temporarily unavailable.",
      });
      expect(onlyLog(h)).toMatchObject({
        status: 503,
        origin_status: status,
        reason: `CredentialError: origin_refused_${status}`,
      });
      expect(h.logs.join("\n")).not.toContain(SECRET);
    },
  );

  it("origin's 401 in mode none_isPassedThrough", async () => {
    const refused = '{"error":"unauthorized","message":"m","request_id":"r"}';
    const h = harness(answering(401, refused));
    const response = await h.handle(post("/compress", '{"text":"hi"}'));

    expect(response.status).toBe(401);
    expect(await response.text()).toBe(refused);
  });

  it.each([
    ["missing", undefined],
    ["blank", "  "],
  ])("%s secret_isAConfigErrorNamingTheVariable", (_, value) => {
    const error = configRefusal({ ...SHARED, ORIGIN_SHARED_SECRET: value });

    expect(error.variable).toBe("ORIGIN_SHARED_SECRET");
  });

  it.each([
    ["too short", "short-secret"],
    ["not visible ASCII", `${SECRET} with spaces`],
    ["too long", "x".repeat(1025)],
  ])("secret %s_isRefusedWithoutItsValue", (_, value) => {
    const error = configRefusal({ ...SHARED, ORIGIN_SHARED_SECRET: value });

    expect(error.variable).toBe("ORIGIN_SHARED_SECRET");
    expect(error.message).toBe(
      "ORIGIN_SHARED_SECRET must be 32 to 1024 visible ASCII characters, as the origin requires.",
    );
    expect(error.message).not.toContain(value.slice(0, 8));
  });

  it("bad secret_answers500_andTheLogNamesTheVariableNotTheValue", async () => {
    const h = harness();
    const response = await h.handle(post("/compress", "{}"), {
      ...SHARED,
      ORIGIN_SHARED_SECRET: "tiny-but-secret",
    });

    expect(response.status).toBe(500);
    expect(h.received).toEqual([]);
    expect(onlyLog(h)["reason"]).toContain("ORIGIN_SHARED_SECRET");
    expect(h.logs.join("\n")).not.toContain("tiny-but-secret");
  });
});
