import { describe, expect, it } from "vitest";
import {
  ANALYTICS_BINDING,
  BLOBS,
  DOUBLES,
  NO_TENANT,
  SAVINGS_READ_LIMIT,
  tenantHash,
} from "../src/analytics";
import { answering, EDGE, ENV, harness, logLines, onlyLog, originResponse, post } from "./harness";
import metrics from "../../docs/metrics.md?raw";

/** A stand-in for the Analytics Engine binding that keeps what is written. */
class FakeDataset {
  readonly points: AnalyticsEngineDataPoint[] = [];

  writeDataPoint(point: AnalyticsEngineDataPoint): void {
    this.points.push(point);
  }
}

/** A point's fields by name, as docs/metrics.md reads them. */
function fields(point: AnalyticsEngineDataPoint | undefined): Record<string, unknown> {
  if (point === undefined) {
    throw new Error("no data point was written");
  }
  const named: Record<string, unknown> = { index: point.indexes?.[0] };
  BLOBS.forEach((name, i) => (named[name] = point.blobs?.[i]));
  DOUBLES.forEach((name, i) => (named[name] = point.doubles?.[i]));
  return named;
}

const COMPRESSED = JSON.stringify({
  compressed_text: "Summarise notes.",
  original_tokens: 30,
  compressed_tokens: 16,
  tokens_saved: 14,
});

const PROSE =
  "The quarterly report shows that revenue grew in every region, although the growth in the " +
  "northern markets was slower than the board had expected at the start of the year.";

describe("analytics data points", () => {
  it("origin answer_writesOnePointWithItsFieldsAndTokensSaved", async () => {
    const dataset = new FakeDataset();
    const h = harness(answering(200, COMPRESSED));
    const body = JSON.stringify({ text: PROSE, tenant_id: "acme" });
    await h.handle(post("/compress", body), { ...ENV, [ANALYTICS_BINDING]: dataset });
    await h.settle();

    expect(dataset.points).toHaveLength(1);
    const point = fields(dataset.points[0]);
    expect(point).toMatchObject({
      index: await tenantHash("acme"),
      path: "/compress",
      decision: "origin",
      cache: "bypass",
      error: "",
      skip_reason: "",
      method: "POST",
      edge_env: "staging",
      status: 200,
      origin_status: 200,
      tokens_saved: 14,
      savings_read: 1,
      body_bytes: new TextEncoder().encode(body).byteLength,
    });
    expect(point["edge_elapsed_ms"]).toBeTypeOf("number");
    expect(point["origin_elapsed_ms"]).toBeTypeOf("number");
    expect(point["index"]).toMatch(/^[0-9a-f]{16}$/);
  });

  it("cache hit_writesAPointPerRequestWithTheStoredAnswersSavings", async () => {
    const dataset = new FakeDataset();
    const h = harness(answering(200, COMPRESSED));
    const env = { ...ENV, CACHE_ENABLED: "true", [ANALYTICS_BINDING]: dataset };
    const body = JSON.stringify({ text: PROSE });
    await h.handle(post("/compress", body, { "X-Tenant-ID": "acme" }), env);
    await h.settle();
    await h.handle(post("/compress", body, { "X-Tenant-ID": "acme" }), env);
    await h.settle();

    expect(dataset.points.map((point) => fields(point)["cache"])).toEqual(["store", "hit"]);
    expect(fields(dataset.points[1])).toMatchObject({
      decision: "cache-hit",
      status: 200,
      origin_status: 0,
      origin_elapsed_ms: 0,
      tokens_saved: 14,
      savings_read: 1,
    });
  });

  it("skip_writesAPointThatSavedNothing", async () => {
    const dataset = new FakeDataset();
    const h = harness();
    const env = { ...ENV, SKIP_ENABLED: "true", [ANALYTICS_BINDING]: dataset };
    await h.handle(post("/compress", JSON.stringify({ text: "Too short to compress." })), env);
    await h.settle();

    expect(h.received).toEqual([]);
    expect(fields(dataset.points[0])).toMatchObject({
      index: NO_TENANT,
      decision: "skip-unchanged",
      skip_reason: "below_min_chars",
      status: 200,
      origin_status: 0,
      tokens_saved: 0,
      savings_read: 1,
    });
  });

  it("refusal_writesAPointWithItsErrorAndNoSavings", async () => {
    const dataset = new FakeDataset();
    const h = harness();
    await h.handle(post("/compress", "{oops"), { ...ENV, [ANALYTICS_BINDING]: dataset });
    await h.settle();

    expect(fields(dataset.points[0])).toMatchObject({
      decision: "reject",
      error: "invalid_json",
      status: 400,
      origin_status: 0,
      tokens_saved: 0,
      savings_read: 0,
    });
  });

  it("unknown path_isWrittenAsUnmatched", async () => {
    const dataset = new FakeDataset();
    const h = harness();
    const env = { ...ENV, [ANALYTICS_BINDING]: dataset };
    await h.handle(new Request(EDGE + "/please/my salary review"), env);
    await h.settle();

    expect(fields(dataset.points[0])).toMatchObject({ path: "unmatched", status: 404 });
  });

  it("/v1/compress answer_savesOriginTokensLessCompressedTokens", async () => {
    const dataset = new FakeDataset();
    const answer = JSON.stringify({
      compressed_prompt: "x",
      origin_tokens: 40,
      compressed_tokens: 25,
    });
    const h = harness(answering(200, answer));
    const env = { ...ENV, [ANALYTICS_BINDING]: dataset };
    await h.handle(post("/v1/compress", JSON.stringify({ context: [PROSE] })), env);
    await h.settle();

    expect(fields(dataset.points[0])).toMatchObject({ tokens_saved: 15, savings_read: 1 });
  });

  it.each([
    [
      "an answer over the read limit",
      200,
      `{"tokens_saved":3,"pad":"${"x".repeat(SAVINGS_READ_LIMIT)}"}`,
    ],
    ["a 500 answer", 500, '{"tokens_saved":3}'],
    ["an answer that is not JSON", 200, "tokens_saved: 3"],
    ["an answer without the count", 200, '{"compressed_text":"x"}'],
    ["a negative count", 200, '{"tokens_saved":-3}'],
  ])("%s_isWrittenWithoutSavings", async (_, status, answer) => {
    const dataset = new FakeDataset();
    const h = harness(answering(status, answer));
    const env = { ...ENV, MAX_BODY_BYTES: "1048576", [ANALYTICS_BINDING]: dataset };
    const response = await h.handle(post("/compress", JSON.stringify({ text: PROSE })), env);
    await h.settle();

    expect(await response.text()).toBe(answer);
    expect(fields(dataset.points[0])).toMatchObject({ tokens_saved: 0, savings_read: 0 });
  });

  it("point_neverHoldsThePromptTheAnswerOrTheRawTenantId", async () => {
    const dataset = new FakeDataset();
    const h = harness(async (request) => originResponse(request, await request.text()));
    const env = { ...ENV, [ANALYTICS_BINDING]: dataset };
    const body = JSON.stringify({ text: PROSE, tenant_id: "globex-finance" });
    await h.handle(post("/compress", body, { Authorization: "Bearer sk-live-never-written" }), env);
    await h.settle();

    const written = JSON.stringify(dataset.points);
    expect(written).not.toContain("quarterly");
    expect(written).not.toContain("globex");
    expect(written).not.toContain("sk-live");
  });

  it("absent binding_answersAsBeforeAndWritesNothing", async () => {
    const h = harness(answering(200, COMPRESSED));
    const response = await h.handle(post("/compress", JSON.stringify({ text: PROSE })));
    await h.settle();

    expect(response.status).toBe(200);
    expect(await response.text()).toBe(COMPRESSED);
    expect(onlyLog(h)["status"]).toBe(200);
  });

  it("failing write_neitherFailsTheRequestNorHidesTheFailure", async () => {
    const h = harness(answering(200, COMPRESSED));
    const failing = {
      writeDataPoint(): void {
        throw new RangeError("dataset unavailable");
      },
    };
    const env = { ...ENV, [ANALYTICS_BINDING]: failing };
    const response = await h.handle(post("/compress", JSON.stringify({ text: PROSE })), env);
    await h.settle();

    expect(response.status).toBe(200);
    expect(await response.text()).toBe(COMPRESSED);
    expect(logLines(h)[1]).toEqual({
      request_id: "generated-1",
      event: "analytics_failed",
      reason: "RangeError",
    });
  });

  it("binding that is not a dataset_isReportedAndTheRequestAnswered", async () => {
    const h = harness();
    const env = { ...ENV, [ANALYTICS_BINDING]: "not a binding" };
    const response = await h.handle(post("/compress", "{}"), env);
    await h.settle();

    expect(response.status).toBe(200);
    expect(logLines(h)[1]).toMatchObject({ event: "analytics_failed", reason: "TypeError" });
  });

  it("tenant hash_isTheFirst16HexDigitsOfTheSha256", async () => {
    // printf acme | sha256sum
    expect(await tenantHash("acme")).toBe("822b33ad87c148a0");
  });
});

describe("docs/metrics.md", () => {
  const queries = [...metrics.matchAll(/```sql\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");

  it("column table_isTheLayoutWritten", () => {
    const rows = [...metrics.matchAll(/^\| `(index1|blob\d+|double\d+)` \| `?(\w+)`? \|/gm)];

    expect(rows.map((row) => [row[1], row[2]])).toEqual([
      ["index1", "tenant"],
      ...BLOBS.map((field, i) => [`blob${i + 1}`, field]),
      ...DOUBLES.map((field, i) => [`double${i + 1}`, field]),
    ]);
  });

  it("queries_readOnlyColumnsThatAreWrittenAndWeighTheirSamples", () => {
    expect(queries.length).toBeGreaterThanOrEqual(9);
    for (const query of queries) {
      for (const [, kind, position] of query.matchAll(/\b(blob|double)(\d+)\b/g)) {
        const written = kind === "blob" ? BLOBS.length : DOUBLES.length;
        expect(Number(position), query).toBeLessThanOrEqual(written);
      }
      expect(query).toContain("_sample_interval");
      expect(query).not.toMatch(/count\(|quantile\(/i);
      expect(query).toMatch(/FROM compression_edge_production\n/);
    }
  });
});
