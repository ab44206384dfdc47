import { describe, expect, it } from "vitest";
import { UNAVAILABLE_MESSAGE, type Fetcher } from "../src/origin";
import {
  answering,
  EDGE,
  ENV,
  envelope,
  gateway,
  hanging,
  harness,
  onlyLog,
  originResponse,
  post,
  unreachable,
} from "./harness";

const POST_ROUTES = ["/compress", "/v1/compress", "/v1/messages/compress", "/tokens/estimate"];

/** `ORIGIN_FAILURE_THRESHOLD` and `ORIGIN_COOLDOWN_MS` of the test environment. */
const THRESHOLD = 3;
const COOLDOWN_MS = 10_000;

/** Short of the cooldown by more than the real time a test takes, since the clock also runs. */
const MARGIN_MS = 1000;

/** An origin that fails or answers as `mode` says at the time of each call. */
function switchable(): { fetcher: Fetcher; mode: { up: boolean } } {
  const mode = { up: false };
  const up = answering(200, '{"ok":true}');
  return { fetcher: (request) => (mode.up ? up(request) : unreachable(request)), mode };
}

async function expectUnavailable(response: Response, decision: string): Promise<void> {
  expect(response.status).toBe(503);
  const body = await envelope(response);
  expect(body.error).toBe("origin_unavailable");
  expect(body.message).toBe(UNAVAILABLE_MESSAGE);
  expect(response.headers.get("X-Edge-Decision")).toBe(decision);
}

/** Sends `count` forwarded requests, each with its own body. */
async function send(h: ReturnType<typeof harness>, count: number): Promise<Response[]> {
  const responses: Response[] = [];
  for (let i = 0; i < count; i++) {
    responses.push(await h.handle(post("/compress", `{"text":"call ${i}"}`)));
  }
  return responses;
}

function getHealth(): Request {
  return new Request(EDGE + "/health");
}

describe("origin failure on every forwarded route", () => {
  it.each(POST_ROUTES)("origin stopped, %s_is503OriginUnavailableFromTheOrigin", async (path) => {
    const h = harness(unreachable);
    const response = await h.handle(post(path, '{"text":"hi"}'));

    await expectUnavailable(response, "origin");
    expect(response.headers.get("X-Origin-Status")).toBeNull();
  });

  it.each(POST_ROUTES)("origin hanging, %s_is504OriginTimeout", async (path) => {
    const h = harness(hanging);
    const response = await h.handle(post(path, '{"text":"hi"}'));

    expect(response.status).toBe(504);
    expect((await envelope(response)).error).toBe("origin_timeout");
    expect(response.headers.get("X-Edge-Decision")).toBe("origin");
    expect(response.headers.get("X-Origin-Status")).toBeNull();
  });

  it.each(POST_ROUTES)("origin 500, %s_isPassedThrough", async (path) => {
    const h = harness(answering(500, '{"error":"internal_error","message":"boom"}'));
    const response = await h.handle(post(path, '{"text":"hi"}'));

    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: "internal_error", message: "boom" });
    expect(response.headers.get("X-Edge-Decision")).toBe("origin");
    expect(response.headers.get("X-Origin-Status")).toBe("500");
  });

  it.each(POST_ROUTES)("origin non-JSON body, %s_isPassedThroughAsItCame", async (path) => {
    const h = harness(answering(502, "<html>Bad gateway</html>", { "Content-Type": "text/html" }));
    const response = await h.handle(post(path, '{"text":"hi"}'));

    expect(response.status).toBe(502);
    expect(await response.text()).toBe("<html>Bad gateway</html>");
    expect(response.headers.get("Content-Type")).toBe("text/html");
    expect(response.headers.get("X-Edge-Decision")).toBe("origin");
    expect(response.headers.get("X-Origin-Status")).toBe("502");
  });

  it.each([200, 400, 403, 404, 413, 422, 429, 500, 502, 503, 504, 530])(
    "gateway %i in the origin's place_is503OriginUnavailable",
    async (status) => {
      const h = harness(gateway(status, "<html>Service Unavailable</html>"));
      const response = await h.handle(post("/compress", '{"text":"hi"}'));

      await expectUnavailable(response, "origin");
      expect(response.headers.get("X-Origin-Status")).toBeNull();
      expect(onlyLog(h)).toMatchObject({
        status: 503,
        error: "origin_unavailable",
        origin_status: status,
        reason: `GatewayAnswer: status ${status}`,
      });
    },
  );

  it("an answer echoing another request id_isAGatewaysToo", async () => {
    const h = harness(answering(200, '{"ok":true}', { "X-Request-ID": "someone-else" }));
    const response = await h.handle(post("/compress", '{"text":"hi"}'));

    await expectUnavailable(response, "origin");
  });
});

describe("circuit breaker", () => {
  it.each([
    ["stopped", unreachable],
    ["hanging", hanging],
    [
      "behind a failing gateway",
      gateway(503, "Service Unavailable", { "Content-Type": "text/plain" }),
    ],
  ])("origin %s_opensAfterTheThresholdAndAnswersAtOnce", async (_, origin) => {
    const h = harness(origin);
    await send(h, THRESHOLD);
    expect(h.received).toHaveLength(THRESHOLD);

    for (const path of POST_ROUTES) {
      const started = Date.now();
      const response = await h.handle(post(path, '{"text":"hi"}'));
      await expectUnavailable(response, "reject");
      expect(response.headers.get("X-Origin-Status")).toBeNull();
      expect(Date.now() - started).toBeLessThan(40);
    }
    expect(h.received).toHaveLength(THRESHOLD);
  });

  it("fewer failures than the threshold_keepCallingTheOrigin", async () => {
    const origin = switchable();
    const h = harness(origin.fetcher);
    await send(h, THRESHOLD - 1);
    origin.mode.up = true;
    await send(h, 1);
    origin.mode.up = false;
    await send(h, THRESHOLD - 1);

    // An answer in between starts the count again.
    expect(h.received).toHaveLength(2 * THRESHOLD - 1);
  });

  it.each([
    ["500", answering(500, '{"error":"internal_error"}')],
    ["non-JSON", answering(200, "not json", { "Content-Type": "text/plain" })],
  ])("origin answering %s_neverOpensTheBreaker", async (_, origin) => {
    const h = harness(origin);
    const responses = await send(h, THRESHOLD * 2);

    expect(h.received).toHaveLength(THRESHOLD * 2);
    expect(responses.every((r) => r.headers.get("X-Edge-Decision") === "origin")).toBe(true);
  });

  it("after the cooldown_oneProbeGoesThroughAndSuccessCloses", async () => {
    const origin = switchable();
    const h = harness(origin.fetcher);
    await send(h, THRESHOLD);
    h.advance(COOLDOWN_MS - MARGIN_MS);
    await expectUnavailable((await send(h, 1))[0] as Response, "reject");
    expect(h.received).toHaveLength(THRESHOLD);

    h.advance(MARGIN_MS);
    origin.mode.up = true;
    const probe = (await send(h, 1))[0] as Response;
    expect(probe.status).toBe(200);
    expect(probe.headers.get("X-Edge-Decision")).toBe("origin");

    const after = await send(h, 2);
    expect(after.map((r) => r.status)).toEqual([200, 200]);
    expect(h.received).toHaveLength(THRESHOLD + 3);
  });

  it("a failed probe_reopensForAWholeCooldown", async () => {
    const h = harness(unreachable);
    await send(h, THRESHOLD);
    h.advance(COOLDOWN_MS);

    const probe = (await send(h, 1))[0] as Response;
    await expectUnavailable(probe, "origin");
    expect(h.received).toHaveLength(THRESHOLD + 1);

    // One failure is enough to reopen: the probe stands for the origin.
    await expectUnavailable((await send(h, 1))[0] as Response, "reject");
    h.advance(COOLDOWN_MS - MARGIN_MS);
    await expectUnavailable((await send(h, 1))[0] as Response, "reject");
    expect(h.received).toHaveLength(THRESHOLD + 1);

    h.advance(MARGIN_MS);
    await send(h, 1);
    expect(h.received).toHaveLength(THRESHOLD + 2);
  });

  it("while the probe is in flight_otherRequestsAreAnsweredAtOnce", async () => {
    let release: (() => void) | undefined;
    let up = false;
    const h = harness(async (request) => {
      if (!up) {
        return unreachable(request);
      }
      await new Promise<void>((resolve) => (release = resolve));
      return originResponse(request, '{"ok":true}', {
        headers: { "Content-Type": "application/json" },
      });
    });
    await send(h, THRESHOLD);
    h.advance(COOLDOWN_MS);
    up = true;

    const probe = h.handle(post("/compress", '{"text":"probe"}'));
    await expectUnavailable(await h.handle(post("/compress", '{"text":"other"}')), "reject");
    while (release === undefined) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    release();

    expect((await probe).status).toBe(200);
    expect(h.received).toHaveLength(THRESHOLD + 1);
  });
});

describe("with the breaker open", () => {
  it("health_answersWithoutCallingTheOrigin", async () => {
    const h = harness(unreachable);
    await send(h, THRESHOLD);
    h.advance(5);

    const response = await h.handle(getHealth());

    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      status: "ok",
      service: "edge",
      origin: { status: "unavailable", last_forwarded: { status: 503 } },
      breaker: {
        state: "open",
        status: "unavailable",
        consecutive_failures: THRESHOLD,
      },
    });
    // The harness clock also runs in real time, so the age is at least the advance, not exactly it.
    const age = (body["breaker"] as { last_checked_age_ms: number }).last_checked_age_ms;
    expect(age).toBeGreaterThanOrEqual(5);
    expect(age).toBeLessThan(5 + MARGIN_MS);
    expect(h.received).toHaveLength(THRESHOLD);
  });

  it("health after a successful call_reportsTheOriginOk", async () => {
    const h = harness();
    await send(h, 1);

    const body = (await (await h.handle(getHealth())).json()) as Record<string, unknown>;

    expect(body["breaker"]).toMatchObject({ state: "closed", status: "ok" });
  });

  it("validation errors_areAnsweredAsBefore", async () => {
    const h = harness(unreachable);
    await send(h, THRESHOLD);

    expect((await h.handle(post("/compress", "{oops"))).status).toBe(400);
    expect((await h.handle(post("/nowhere", "{}"))).status).toBe(404);
    expect((await h.handle(new Request(EDGE + "/compress"))).status).toBe(405);
    expect(h.received).toHaveLength(THRESHOLD);
  });

  it("rate limits_areAnsweredAsBefore", async () => {
    const h = harness(unreachable);
    await send(h, THRESHOLD);
    const refusing = { limit: async () => ({ success: false }) };
    const env = {
      ...ENV,
      RATE_LIMIT_ENABLED: "true",
      RATE_LIMIT_HEALTH: refusing,
      RATE_LIMIT_ESTIMATE: refusing,
      RATE_LIMIT_COMPRESS: refusing,
      RATE_LIMIT_MESSAGES: refusing,
    };

    const response = await h.handle(post("/compress", '{"text":"hi"}'), env);

    expect(response.status).toBe(429);
    expect(h.received).toHaveLength(THRESHOLD);
  });

  it("cache hits_areStillServed", async () => {
    const origin = switchable();
    origin.mode.up = true;
    const h = harness(origin.fetcher);
    const cached = { ...ENV, CACHE_ENABLED: "true" };
    await h.handle(post("/compress", '{"text":"kept"}'), cached);
    await h.settle();
    origin.mode.up = false;
    for (let i = 0; i < THRESHOLD; i++) {
      await h.handle(post("/compress", `{"text":"miss ${i}"}`), cached);
    }

    const hit = await h.handle(post("/compress", '{"text":"kept"}'), cached);

    expect(hit.status).toBe(200);
    expect(hit.headers.get("X-Edge-Decision")).toBe("cache-hit");
    expect(h.received).toHaveLength(THRESHOLD + 1);
    await expectUnavailable(await h.handle(post("/compress", '{"text":"new"}'), cached), "reject");
  });

  it("skips_areStillAnswered", async () => {
    const h = harness(unreachable);
    await send(h, THRESHOLD);
    const skipping = { ...ENV, SKIP_ENABLED: "true" };

    const skipped = await h.handle(post("/compress", '{"text":"Too short to pay."}'), skipping);

    expect(skipped.status).toBe(200);
    expect(skipped.headers.get("X-Edge-Decision")).toBe("skip-unchanged");
    expect(h.received).toHaveLength(THRESHOLD);
    const long = JSON.stringify({ text: "Every word of this prompt counts. ".repeat(20) });
    await expectUnavailable(await h.handle(post("/compress", long), skipping), "reject");
  });

  it("transforms_areStillAnswered", async () => {
    const h = harness(unreachable);
    h.state.recordCompressor("lexical@1");
    await send(h, THRESHOLD);
    const transforming = { ...ENV, EDGE_TRANSFORMS: "toon" };

    const answered = await h.handle(
      post("/compress", '{"text":"{\\n  \\"a\\": 1\\n}"}'),
      transforming,
    );

    expect(answered.status).toBe(200);
    expect(answered.headers.get("X-Edge-Decision")).toBe("transform");
    expect(h.received).toHaveLength(THRESHOLD);
  });
});
