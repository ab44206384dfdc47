/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import { answering, EDGE, ENV, harness, onlyLog, originResponse, post } from "./harness";

/**
 * The shared corpus beside the checkout (../shared/corpus from the repository root), read at
 * build time by Vite; empty when the corpus is absent.
 */
const corpus = import.meta.glob<string>("../../../shared/corpus/{text,json,messages}/*", {
  query: "?raw",
  import: "default",
  eager: true,
});

/** Long prompts of our own, so the log check runs even without the corpus. */
const OWN_PROMPTS = {
  "own/report.txt":
    "Quarterly revenue for the Northwind account rose by eleven percent, mostly from the renewal " +
    "of the logistics contract; churn in the small-business segment stayed flat at two percent.",
  "own/secret.txt":
    "Internal only: the migration password is hunter2-violet-canyon and the staging database " +
    "lives at db-staging-7.internal; never paste these into a ticket or a chat channel.",
};

const PROBE_LENGTH = 24;

/** Pieces of a prompt long enough that finding one in a log line means the prompt leaked. */
function probes(text: string): string[] {
  const pieces: string[] = [];
  for (let i = 0; i + PROBE_LENGTH <= text.length; i += PROBE_LENGTH / 2) {
    const piece = text.slice(i, i + PROBE_LENGTH);
    // Pieces of only punctuation, digits or spaces could match a log line by chance.
    if ((piece.match(/\p{L}/gu) ?? []).length >= 12) {
      pieces.push(piece);
    }
  }
  return pieces;
}

/** The request a corpus file is sent as: chat requests as they are, texts as `text`. */
function requestFor(name: string, content: string): Request {
  const headers = { "X-Tenant-ID": "acme", Authorization: "Bearer sk-live-never-logged" };
  return name.includes("/messages/")
    ? post("/v1/messages/compress", content, headers)
    : post("/compress", JSON.stringify({ text: content }), headers);
}

describe("request log", () => {
  it("forwarded request_writesOneLineWithEveryField", async () => {
    const h = harness(answering(200, "{}"));
    await h.handle(
      new Request(EDGE + "/tokens/estimate", {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "CF-Ray": "8f00-LHR",
          "X-Request-ID": "r-9",
        },
        body: '{"text":"hello","tenant_id":"acme"}',
      }),
    );

    const line = onlyLog(h);
    expect(Object.keys(line).sort()).toEqual(
      [
        "body_bytes",
        "cache",
        "cf_ray",
        "decision",
        "edge_elapsed_ms",
        "edge_env",
        "error",
        "method",
        "origin_elapsed_ms",
        "origin_status",
        "path",
        "request_id",
        "skip_reason",
        "status",
        "tenant_id",
        "transform",
      ].sort(),
    );
    expect(line).toMatchObject({
      request_id: "r-9",
      cf_ray: "8f00-LHR",
      edge_env: "staging",
      method: "POST",
      path: "/tokens/estimate",
      tenant_id: "acme",
      body_bytes: 35,
      decision: "origin",
      cache: "bypass",
      status: 200,
      error: null,
      origin_status: 200,
      skip_reason: null,
      transform: null,
    });
    expect(line["edge_elapsed_ms"]).toBeTypeOf("number");
    expect(line["origin_elapsed_ms"]).toBeTypeOf("number");
  });

  it("refused request_isLoggedAsARejection", async () => {
    const h = harness();
    await h.handle(post("/compress", "{oops"));

    expect(onlyLog(h)).toMatchObject({
      decision: "reject",
      status: 400,
      error: "invalid_json",
      origin_status: null,
      origin_elapsed_ms: null,
    });
  });

  it("unknown path_isLoggedAsUnmatchedNotAsSent", async () => {
    const h = harness();
    await h.handle(post("/please/summarise my salary review", "{}"));

    expect(onlyLog(h)["path"]).toBe("unmatched");
    expect(h.logs[0]).not.toContain("salary");
  });

  it.each(["8f00-LHR", "8f9e0c1d2b3a4f56-SJC", "8f9e0c1d2b3a4f56", "ABCDEF0123", "f".repeat(64)])(
    "ray id %s_isLogged",
    async (ray) => {
      const h = harness();
      await h.handle(post("/compress", "{}", { "CF-Ray": ray }));

      expect(onlyLog(h)["cf_ray"]).toBe(ray);
    },
  );

  it.each([
    "not-a-ray",
    "8f00-lhr",
    "8f00-LHRX",
    "8f00-LHR-extra",
    "-LHR",
    "8f00 LHR",
    '8f00","tenant_id":"forged',
    "f".repeat(65),
    "f".repeat(61) + "-LHR",
  ])("CF-Ray %j that is not a ray id_isLoggedAsNull", async (ray) => {
    const h = harness();
    await h.handle(post("/compress", "{}", { "CF-Ray": ray }));

    expect(onlyLog(h)["cf_ray"]).toBeNull();
  });

  it("wrong method on a known path_isLoggedByItsRoute", async () => {
    const h = harness();
    const response = await h.handle(new Request(EDGE + "/compress"));

    expect(response.status).toBe(405);
    expect(onlyLog(h)).toMatchObject({
      path: "/compress",
      status: 405,
      error: "method_not_allowed",
    });
  });

  it("own long prompts_neverAppearInALogLine", async () => {
    await expectNoLeak(OWN_PROMPTS);
  });

  it.skipIf(Object.keys(corpus).length === 0)(
    "corpus prompts_neverAppearInALogLine (skipped when ../shared/corpus is absent)",
    async () => {
      expect(Object.keys(corpus).length).toBeGreaterThan(20);
      await expectNoLeak(corpus);
    },
  );
});

/** Sends every prompt as its route's request and as a bare body, then searches the log. */
async function expectNoLeak(prompts: Record<string, string>): Promise<void> {
  const h = harness(async (request) => originResponse(request, await request.text()));
  const env = { ...ENV, MAX_BODY_BYTES: "1048576" };
  for (const [name, content] of Object.entries(prompts)) {
    await h.handle(requestFor(name, content), env);
    await h.handle(post("/compress", content), env);
  }

  expect(h.logs.length).toBe(2 * Object.keys(prompts).length);
  const logs = h.logs.join("\n");
  expect(logs).not.toContain("sk-live-never-logged");
  for (const [name, content] of Object.entries(prompts)) {
    // Every prompt must give the search something to find, or the check would pass vacuously.
    expect(probes(content).length, name).toBeGreaterThan(0);
    const leaked = probes(content).filter(
      (piece) => logs.includes(piece) || logs.includes(JSON.stringify(piece).slice(1, -1)),
    );
    expect(leaked, name).toEqual([]);
  }
}
