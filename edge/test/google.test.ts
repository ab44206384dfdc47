import { beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../src/config";
import { IdTokens, REFRESH_MARGIN_MS } from "../src/google";
import type { Fetcher } from "../src/origin";
import {
  answering,
  configRefusal,
  EDGE,
  ENV,
  envelope,
  harness,
  logLines,
  post,
  type Harness,
} from "./harness";

const EMAIL = "edge-invoker@example-project.iam.gserviceaccount.com";
const TOKEN_URL = "https://oauth2.google.test/token";
const IAM_URL = "https://iamcredentials.google.test";
const AUDIENCE = "https://origin.test";

let keys: CryptoKeyPair;
let pem: string;
let IAM_ENV: Record<string, string>;

beforeAll(async () => {
  keys = (await crypto.subtle.generateKey(
    {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-256",
    },
    true,
    ["sign", "verify"],
  )) as CryptoKeyPair;
  const der = new Uint8Array(
    (await crypto.subtle.exportKey("pkcs8", keys.privateKey)) as ArrayBuffer,
  );
  const base64 = btoa(String.fromCharCode(...der));
  pem = `-----BEGIN PRIVATE KEY-----\n${base64.replace(/.{64}/g, "$&\n")}\n-----END PRIVATE KEY-----\n`;
  IAM_ENV = {
    ...ENV,
    ORIGIN_AUTH_MODE: "google-iam",
    GOOGLE_SERVICE_ACCOUNT_EMAIL: EMAIL,
    GOOGLE_SERVICE_ACCOUNT_PRIVATE_KEY: pem,
    GOOGLE_CLOUD_RUN_AUDIENCE: AUDIENCE,
    GOOGLE_TOKEN_URL: TOKEN_URL,
    GOOGLE_IAM_CREDENTIALS_URL: IAM_URL,
  };
});

function base64UrlDecode(text: string): Uint8Array {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function base64UrlEncode(text: string): string {
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function jsonPart(part: string | undefined): Record<string, unknown> {
  return JSON.parse(new TextDecoder().decode(base64UrlDecode(part ?? ""))) as Record<
    string,
    unknown
  >;
}

/** A Google ID token's shape: the edge reads only its `exp`. */
function idToken(n: number, expSeconds: number): string {
  const payload = base64UrlEncode(JSON.stringify({ aud: AUDIENCE, exp: expSeconds, n }));
  return `eyJhbGciOiJSUzI1NiJ9.${payload}.id-signature-${n}`;
}

/** A call one of the stand-ins received. */
interface GoogleCall {
  readonly url: string;
  readonly headers: Headers;
  readonly body: string;
}

/**
 * Stand-ins for Google's token endpoint and IAM Credentials API, recording every call; each
 * issued ID token lives an hour from the moment it is issued, by the real clock.
 */
function google(overrides: { token?: Fetcher; iam?: Fetcher } = {}): {
  fetcher: Fetcher;
  calls: GoogleCall[];
  tokens: string[];
  accessTokens: string[];
} {
  const calls: GoogleCall[] = [];
  const tokens: string[] = [];
  const accessTokens: string[] = [];
  const fetcher: Fetcher = async (request) => {
    calls.push({
      url: request.url,
      headers: request.headers,
      body: await request.clone().text(),
    });
    if (request.url === TOKEN_URL) {
      if (overrides.token) {
        return overrides.token(request);
      }
      const access = `access-token-${accessTokens.length + 1}-${crypto.randomUUID()}`;
      accessTokens.push(access);
      return Response.json({ access_token: access, expires_in: 3599, token_type: "Bearer" });
    }
    if (overrides.iam) {
      return overrides.iam(request);
    }
    const token = idToken(tokens.length + 1, Math.floor(Date.now() / 1000) + 3600);
    tokens.push(token);
    return Response.json({ token });
  };
  return { fetcher, calls, tokens, accessTokens };
}

function tokenCalls(calls: GoogleCall[]): GoogleCall[] {
  return calls.filter((call) => call.url === TOKEN_URL);
}

function estimate(headers: Record<string, string> = {}): Request {
  return post("/tokens/estimate", '{"text":"hi"}', headers);
}

/** No log line holds the key, an assertion, an access token or an ID token. */
function expectNoSecretIn(h: Harness, calls: GoogleCall[], secrets: string[]): void {
  const logged = h.logs.join("\n");
  const keyBody = pem.split("\n")[3] ?? "";
  expect(keyBody.length).toBeGreaterThan(32);
  expect(logged).not.toContain(keyBody);
  for (const call of tokenCalls(calls)) {
    const assertion = new URLSearchParams(call.body).get("assertion") ?? "";
    expect(logged).not.toContain(assertion.split(".")[2]);
  }
  for (const secret of secrets) {
    expect(logged).not.toContain(secret);
  }
}

describe("ORIGIN_AUTH_MODE google-iam", () => {
  it("assertion_isSignedWithTheAccountsKey_andHoldsGooglesClaims", async () => {
    const g = google();
    const h = harness(undefined, undefined, { fetcher: g.fetcher });
    const before = Math.floor(Date.now() / 1000);
    const response = await h.handle(estimate(), IAM_ENV);

    expect(response.status).toBe(200);
    const [tokenCall] = tokenCalls(g.calls);
    expect(tokenCall?.headers.get("Content-Type")).toBe("application/x-www-form-urlencoded");
    const form = new URLSearchParams(tokenCall?.body);
    expect(form.get("grant_type")).toBe("urn:ietf:params:oauth:grant-type:jwt-bearer");
    const [header, payload, signature] = (form.get("assertion") ?? "").split(".");
    const verified = await crypto.subtle.verify(
      "RSASSA-PKCS1-v1_5",
      keys.publicKey,
      base64UrlDecode(signature ?? ""),
      new TextEncoder().encode(`${header}.${payload}`),
    );
    expect(verified).toBe(true);
    expect(jsonPart(header)).toEqual({ alg: "RS256", typ: "JWT" });
    const claims = jsonPart(payload);
    expect(claims).toMatchObject({
      iss: EMAIL,
      aud: TOKEN_URL,
      scope: "https://www.googleapis.com/auth/cloud-platform",
    });
    expect(claims["iat"]).toBeGreaterThanOrEqual(before);
    expect(claims["exp"]).toBe((claims["iat"] as number) + 3600);
  });

  it("id token_isAskedForTheCloudRunAudience_withTheAccessToken", async () => {
    const g = google();
    const h = harness(undefined, undefined, { fetcher: g.fetcher });
    await h.handle(estimate(), IAM_ENV);

    const iamCall = g.calls[1];
    expect(iamCall?.url).toBe(
      `${IAM_URL}/v1/projects/-/serviceAccounts/` +
        "edge-invoker%40example-project.iam.gserviceaccount.com:generateIdToken",
    );
    expect(iamCall?.headers.get("Authorization")).toBe(`Bearer ${g.accessTokens[0]}`);
    expect(JSON.parse(iamCall?.body ?? "")).toEqual({ audience: AUDIENCE, includeEmail: true });
  });

  it("origin_getsTheIdTokenAsBearer_neverTheClientsAuthorization", async () => {
    const g = google();
    const h = harness(undefined, undefined, { fetcher: g.fetcher });
    await h.handle(
      estimate({ Authorization: "Bearer client-key", "X-Origin-Auth": "client" }),
      IAM_ENV,
    );

    expect(h.received[0]?.headers.get("Authorization")).toBe(`Bearer ${g.tokens[0]}`);
    expect(h.received[0]?.headers.get("X-Origin-Auth")).toBeNull();
    expect(g.calls.some((call) => call.body.includes("client-key"))).toBe(false);
  });

  it("with ORIGIN_SHARED_SECRET set too_bothAreSent", async () => {
    const secret = `both-${"s".repeat(32)}`;
    const g = google();
    const h = harness(undefined, undefined, { fetcher: g.fetcher });
    await h.handle(estimate(), { ...IAM_ENV, ORIGIN_SHARED_SECRET: secret });
    await h.handle(estimate(), IAM_ENV);

    expect(h.received[0]?.headers.get("Authorization")).toBe(`Bearer ${g.tokens[0]}`);
    expect(h.received[0]?.headers.get("X-Origin-Auth")).toBe(secret);
    expect(h.received[1]?.headers.get("X-Origin-Auth")).toBeNull();
  });

  it("second request_reusesTheCachedToken", async () => {
    const g = google();
    const h = harness(undefined, undefined, { fetcher: g.fetcher });
    await h.handle(estimate(), IAM_ENV);
    await h.handle(estimate(), IAM_ENV);
    await h.handle(new Request(`${EDGE}/health`), IAM_ENV);

    expect(g.calls).toHaveLength(2);
    expect(h.received.map((r) => r.headers.get("Authorization"))).toEqual([
      `Bearer ${g.tokens[0]}`,
      `Bearer ${g.tokens[0]}`,
      `Bearer ${g.tokens[0]}`,
    ]);
  });

  it("concurrent first requests_shareOneRefresh", async () => {
    const g = google();
    const h = harness(undefined, undefined, { fetcher: g.fetcher });
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => h.handle(estimate(), IAM_ENV)),
    );

    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(tokenCalls(g.calls)).toHaveLength(1);
    expect(g.tokens).toHaveLength(1);
  });

  it("token near its expiry_triggersOneRefresh_sharedByConcurrentRequests", async () => {
    const g = google();
    const h = harness(undefined, undefined, { fetcher: g.fetcher });
    await h.handle(estimate(), IAM_ENV);
    h.advance(3600_000 - REFRESH_MARGIN_MS - 60_000);
    await h.handle(estimate(), IAM_ENV);
    expect(g.tokens).toHaveLength(1);

    h.advance(120_000);
    await Promise.all(Array.from({ length: 4 }, () => h.handle(estimate(), IAM_ENV)));

    expect(tokenCalls(g.calls)).toHaveLength(2);
    expect(g.tokens).toHaveLength(2);
    expect(h.received.slice(2).map((r) => r.headers.get("Authorization"))).toEqual(
      Array(4).fill(`Bearer ${g.tokens[1]}`),
    );
  });

  it.each([
    [
      "token endpoint refuses",
      { token: answering(400, '{"error":"invalid_grant"}') },
      "token_endpoint_status_400",
    ],
    [
      "IAM refuses",
      { iam: answering(403, '{"error":{"code":403}}') },
      "iam_credentials_status_403",
    ],
    [
      "token endpoint answers no token",
      { token: answering(200, "{}") },
      "token_endpoint_malformed",
    ],
    [
      "IAM answers a token without exp",
      { iam: answering(200, '{"token":"a.e30.b"}') },
      "id_token_malformed",
    ],
    [
      "token endpoint is unreachable",
      {
        token: async () => {
          throw new TypeError("Network connection lost.");
        },
      },
      "token_endpoint_unreachable",
    ],
  ])("%s_isOriginUnavailable_withoutLeakingAnything", async (_, overrides, detail) => {
    const g = google(overrides);
    const h = harness(undefined, undefined, { fetcher: g.fetcher });
    const response = await h.handle(estimate({ "X-Request-ID": "iam-fail" }), IAM_ENV);

    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: "origin_unavailable",
      message: "Model-backed compression is temporarily unavailable.",
      request_id: "iam-fail",
    });
    expect(h.received).toEqual([]);
    expect(logLines(h)[0]).toMatchObject({
      status: 503,
      error: "origin_unavailable",
      reason: `CredentialError: ${detail}`,
    });
    expectNoSecretIn(h, g.calls, g.accessTokens);
  });

  it("failed refresh_isTriedAgainOnTheNextRequest", async () => {
    let refuse = true;
    const g = google({
      token: async () =>
        refuse ? new Response("no", { status: 500 }) : Response.json({ access_token: "a-2" }),
    });
    const h = harness(undefined, undefined, { fetcher: g.fetcher });

    expect((await h.handle(estimate(), IAM_ENV)).status).toBe(503);
    refuse = false;
    expect((await h.handle(estimate(), IAM_ENV)).status).toBe(200);
  });

  it("token endpoint that never answers_failsEveryWaiterWithinTheTimeout", async () => {
    const stuck: Fetcher = () => new Promise(() => {});
    const g = google({ token: stuck });
    const h = harness(undefined, undefined, { fetcher: g.fetcher, idTokens: new IdTokens(100) });
    const started = Date.now();
    const responses = await Promise.all([
      h.handle(estimate(), IAM_ENV),
      h.handle(estimate(), IAM_ENV),
    ]);

    expect(responses.map((r) => r.status)).toEqual([503, 503]);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(tokenCalls(g.calls)).toHaveLength(1);
    expect(await envelope(responses[1] as Response)).toMatchObject({
      error: "origin_unavailable",
    });
    expect(logLines(h)[1]).toMatchObject({ reason: "CredentialError: timeout" });
  });

  it("refresh stuck past its deadline_isAbandonedForANewOne", async () => {
    let calls = 0;
    const g = google({
      token: async () => {
        calls += 1;
        return calls === 1 ? new Promise<Response>(() => {}) : Response.json({ access_token: "a" });
      },
    });
    const h = harness(undefined, undefined, { fetcher: g.fetcher, idTokens: new IdTokens(100) });

    expect((await h.handle(estimate(), IAM_ENV)).status).toBe(503);
    h.advance(100);
    expect((await h.handle(estimate(), IAM_ENV)).status).toBe(200);
  });

  it("health probe without a credential_reportsNoCredentials_andIs200", async () => {
    const g = google({ token: answering(401, "{}") });
    const h = harness(answering(200, '{"status":"ok"}'), undefined, { fetcher: g.fetcher });
    const response = await h.handle(new Request(`${EDGE}/health`), IAM_ENV);

    expect(response.status).toBe(200);
    expect(((await response.json()) as Record<string, unknown>)["origin"]).toEqual({
      status: "no_credentials",
    });
    expect(h.received).toEqual([]);
  });

  it("health probe_waitsForACredentialNoLongerThanTheProbeMay", async () => {
    const g = google({ token: () => new Promise(() => {}) });
    const h = harness(answering(200, '{"status":"ok"}'), undefined, { fetcher: g.fetcher });
    const started = Date.now();
    const response = await h.handle(new Request(`${EDGE}/health`), IAM_ENV);

    // The probe's bound is ORIGIN_TIMEOUT_MS here (50 ms), far below the refresh's 5 s.
    expect(Date.now() - started).toBeLessThan(1000);
    expect(((await response.json()) as Record<string, unknown>)["origin"]).toEqual({
      status: "no_credentials",
    });
  });

  it("no log line_holdsTheKeyAnAssertionOrAToken", async () => {
    const g = google();
    const h = harness(undefined, undefined, { fetcher: g.fetcher });
    await h.handle(estimate(), IAM_ENV);
    await h.handle(new Request(`${EDGE}/health`), IAM_ENV);
    h.advance(3600_000);
    await h.handle(estimate(), IAM_ENV);

    expect(g.tokens).toHaveLength(2);
    expectNoSecretIn(h, g.calls, [...g.tokens, ...g.accessTokens]);
  });
});

describe("google-iam configuration", () => {
  it.each([
    "GOOGLE_SERVICE_ACCOUNT_EMAIL",
    "GOOGLE_SERVICE_ACCOUNT_PRIVATE_KEY",
    "GOOGLE_CLOUD_RUN_AUDIENCE",
    "GOOGLE_TOKEN_URL",
    "GOOGLE_IAM_CREDENTIALS_URL",
  ])("missing %s_isAConfigErrorNamingIt", (name) => {
    expect(configRefusal({ ...IAM_ENV, [name]: undefined }).variable).toBe(name);
  });

  it("key with the JSON file's \\n escapes_isRead", () => {
    const escaped = pem.replace(/\n/g, "\\n");
    const config = parseConfig({ ...IAM_ENV, GOOGLE_SERVICE_ACCOUNT_PRIVATE_KEY: escaped });

    expect(config.originAuth).toMatchObject({ mode: "google-iam", privateKeyPem: pem.trim() });
  });

  it("key that is not PEM_isRefusedWithoutItsValue", () => {
    const error = configRefusal({
      ...IAM_ENV,
      GOOGLE_SERVICE_ACCOUNT_PRIVATE_KEY: "not-a-key-value",
    });

    expect(error.variable).toBe("GOOGLE_SERVICE_ACCOUNT_PRIVATE_KEY");
    expect(error.message).not.toContain("not-a-key-value");
  });

  it("http endpoints outside dev_areRefused", () => {
    const error = configRefusal({
      ...IAM_ENV,
      GOOGLE_TOKEN_URL: "http://oauth2.google.test/token",
    });

    expect(error.message).toBe("GOOGLE_TOKEN_URL must be https.");
  });

  it("key that does not import_isOriginUnavailable", async () => {
    const broken = "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----";
    const g = google();
    const h = harness(undefined, undefined, { fetcher: g.fetcher });
    const response = await h.handle(estimate(), {
      ...IAM_ENV,
      GOOGLE_SERVICE_ACCOUNT_PRIVATE_KEY: broken,
    });

    expect(response.status).toBe(503);
    expect(g.calls).toEqual([]);
    expect(logLines(h)[0]).toMatchObject({ reason: "CredentialError: private_key_unusable" });
  });
});
