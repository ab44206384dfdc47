import { describe, expect, it } from "vitest";
import { parseJsonBodyExactly } from "../src/json";
import { originJson, originString } from "../src/origin-json";
import {
  decide,
  EDGE_SKIP_WARNING,
  hasProse,
  SKIP_COMPRESSOR,
  type SkipThresholds,
} from "../src/skip";
import { countTokens, tokenizerFor } from "../src/tokens";
import { ENV, harness, onlyLog, post, unreachable } from "./harness";

const SKIPPING = { ...ENV, SKIP_ENABLED: "true", MAX_BODY_BYTES: "65536" };

const THRESHOLDS: SkipThresholds = { minChars: 240, minTokens: 80, minSavings: 25 };

const O200K = tokenizerFor("gpt-4o");

/** Prose long enough to be worth compressing: about 600 characters and 110 words. */
const PROSE =
  "The quarterly report shows that revenue grew in every region, although the growth in the " +
  "northern markets was slower than the board had expected at the start of the year. The " +
  "team believes that the new pricing model, together with the expanded partner programme, " +
  "will close most of that gap before the next review in the spring. Costs rose more slowly " +
  "than sales, mostly because the two warehouses were merged in March, and the savings from " +
  "that move will show fully only in the second half. Hiring stays frozen outside the support " +
  "team until the board has seen the figures for the autumn quarter.";

const SHORT = "Please summarise the attached notes in two sentences.";

function expectForwarded(response: Response, h: ReturnType<typeof harness>): void {
  expect(response.headers.get("X-Edge-Decision")).toBe("origin");
  expect(h.received).toHaveLength(1);
}

function expectSkipped(response: Response, h: ReturnType<typeof harness>): void {
  expect(response.status).toBe(200);
  expect(response.headers.get("X-Edge-Decision")).toBe("skip-unchanged");
  expect(response.headers.get("X-Edge-Cache")).toBe("bypass");
  expect(response.headers.get("X-Origin-Status")).toBeNull();
  expect(response.headers.get("Content-Type")).toBe("application/json");
  expect(h.received).toHaveLength(0);
}

describe("the decision", () => {
  it.each([
    ["no user text", [], 0.5, "no_user_text"],
    ["only empty texts", ["", ""], 0.5, "empty_text"],
    ["aggressiveness 0", [PROSE], 0, "zero_aggressiveness"],
    ["a short text", [SHORT], 0.5, "below_min_chars"],
    ["a long text of few tokens", [" ".repeat(300)], 0.5, "below_min_tokens"],
    ["low aggressiveness", [PROSE], 0.05, "below_min_expected_savings"],
    ["one long word", ["x".repeat(400) + "y".repeat(400)], 0.5, "below_min_expected_savings"],
  ])("%s_isSkipped", (_, texts: string[], aggressiveness, reason) => {
    expect(decide(texts, aggressiveness, O200K, THRESHOLDS)).toBe(reason);
  });

  it.each([
    ["prose", [PROSE], 0.5],
    ["prose split over two texts", [PROSE.slice(0, 150), PROSE.slice(150)], 0.5],
    ["JSON without spaces", ['{"k":"' + "v".repeat(600) + '"}'], 0.5],
  ])("%s_isCompressed", (_, texts: string[], aggressiveness) => {
    expect(decide(texts, aggressiveness, O200K, THRESHOLDS)).toBeUndefined();
  });

  it("each threshold_isMetWhenReachedExactly", () => {
    const tokens = countTokens(PROSE, O200K.name);
    const chars = [...PROSE].length;

    expect(decide([PROSE], 0.5, O200K, { ...THRESHOLDS, minChars: chars })).toBeUndefined();
    expect(decide([PROSE], 0.5, O200K, { ...THRESHOLDS, minChars: chars + 1 })).toBe(
      "below_min_chars",
    );
    expect(decide([PROSE], 0.5, O200K, { ...THRESHOLDS, minTokens: tokens })).toBeUndefined();
    expect(decide([PROSE], 0.5, O200K, { ...THRESHOLDS, minTokens: tokens + 1 })).toBe(
      "below_min_tokens",
    );
    // 0.5 × tokens is exact in binary, so the expected savings reach the threshold exactly.
    const savings = { ...THRESHOLDS, minTokens: 0, minSavings: tokens / 2 };
    expect(decide([PROSE], 0.5, O200K, savings)).toBeUndefined();
    expect(decide([PROSE], 0.5, O200K, { ...savings, minSavings: tokens / 2 + 0.5 })).toBe(
      "below_min_expected_savings",
    );
  });

  it("the reasons_areCheckedInOrder", () => {
    expect(decide(["", ""], 0, O200K, THRESHOLDS)).toBe("empty_text");
    expect(decide([SHORT], 0, O200K, THRESHOLDS)).toBe("zero_aggressiveness");
    expect(decide([" ".repeat(10)], 0.5, O200K, THRESHOLDS)).toBe("below_min_chars");
  });

  it("only texts with prose_countTowardsTheSavings", () => {
    const word = "z".repeat(1200);
    const wordTokens = countTokens(word, O200K.name);
    expect(wordTokens).toBeGreaterThan(100);

    expect(decide([word, SHORT], 0.5, O200K, THRESHOLDS)).toBe("below_min_expected_savings");
  });
});

describe("prose", () => {
  it.each([
    ["two words", "hello world", true],
    ["words split by a newline", "hello\nworld", true],
    ["a brace", "x{y", true],
    ["a bracket", "[1]", true],
    ["one word", "hello", false],
    ["one word with spaces around it", "  \t hello \n ", false],
    ["only spaces", "   ", false],
    ["no-break spaces only between", "hello\u00a0world", false],
    ["empty", "", false],
  ])("%s_is %s", (_, text, expected) => {
    expect(hasProse(text)).toBe(expected);
  });
});

describe("origin-style JSON", () => {
  it.each([
    ["plain", "hello", '"hello"'],
    ["quote and backslash", 'a"b\\c', '"a\\"b\\\\c"'],
    ["short escapes", "\b\t\n\f\r", '"\\b\\t\\n\\f\\r"'],
    ["other control characters in capitals", "\u000b\u001f\u0000", '"\\u000B\\u001F\\u0000"'],
    ["slash, DEL, line separator and astral as they are", "/\u007f\u2028😀", '"/\u007f\u2028😀"'],
  ])("a string with %s_isWrittenAsTheOriginWritesIt", (_, value, written) => {
    expect(originString(value)).toBe(written);
  });

  it("a source value_isCompactedKeepingKeyOrderAndNumberLiterals", () => {
    const source = ' {"b" : [1E5, -0, 1.50, true, null],\n "2": "\\u00e9\\/", "1": {}} ';
    const parsed = parseJsonBodyExactly(new TextEncoder().encode(`{"m":${source}}`));
    const span = parsed.memberSpans.get("m");

    expect(span).toBeDefined();
    const [start, end] = span ?? [0, 0];
    expect(originJson(parsed.text, start, end)).toBe(
      '{"b":[1E5,-0,1.50,true,null],"2":"é/","1":{}}',
    );
  });
});

describe("with SKIP_ENABLED", () => {
  it("a short text on /compress_isAnsweredUnchangedWithoutTheOrigin", async () => {
    const h = harness(unreachable);
    const text = 'Tab\there, "quoted", and a control \u000b character.';
    const response = await h.handle(
      post("/compress", JSON.stringify({ text, tenant_id: "acme" }), { "X-Request-ID": "r1" }),
      SKIPPING,
    );

    expectSkipped(response, h);
    expect(response.headers.get("X-Request-ID")).toBe("r1");
    const tokens = countTokens(text, "o200k_base");
    expect(await response.text()).toBe(
      `{"compressed_text":${originString(text)},"original_tokens":${tokens},` +
        `"compressed_tokens":${tokens},"tokens_saved":0,"compression_ratio":1.0,` +
        `"model":"gpt-4o","tokenizer":"o200k_base","compressor":"${SKIP_COMPRESSOR}",` +
        `"tenant_id":"acme","warnings":["${EDGE_SKIP_WARNING}"]}`,
    );
    expect(onlyLog(h)).toMatchObject({
      decision: "skip-unchanged",
      skip_reason: "below_min_chars",
    });
  });

  it("the model_choosesTheTokenizer", async () => {
    const h = harness();
    const response = await h.handle(
      post("/compress", JSON.stringify({ text: SHORT, model: "openai/gpt-4-turbo" })),
      SKIPPING,
    );

    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      model: "openai/gpt-4-turbo",
      tokenizer: "cl100k_base",
      original_tokens: countTokens(SHORT, "cl100k_base"),
    });
  });

  it.each([
    ["long prose", { text: PROSE }],
    ["include_sections", { text: SHORT, include_sections: true }],
    ["debug", { text: SHORT, debug: true }],
    ["an aggressiveness the origin refuses", { text: SHORT, aggressiveness: 2 }],
    ["a non-boolean include_sections", { text: SHORT, include_sections: "yes" }],
    ["a missing text", { prompt: SHORT }],
    ["a text that is not a string", { text: 5 }],
    ["force tokens", { text: SHORT, compression_settings: { force_tokens: ["Please"] } }],
    ["an unknown toon mode", { text: SHORT, compression_settings: { toon: "sometimes" } }],
    [
      "conflicting aggressiveness",
      { text: SHORT, aggressiveness: 0.2, compression_settings: { aggressiveness: 0.3 } },
    ],
    ["profile lists", { text: SHORT, tenant_profile: { force_drop_phrases: ["please"] } }],
    ["a malformed tenant id", { text: SHORT, tenant_id: "not a tenant" }],
    ["a blank model", { text: SHORT, model: "  " }],
  ])("%s_goesToTheOrigin", async (_, body) => {
    const h = harness();
    const response = await h.handle(post("/compress", JSON.stringify(body)), SKIPPING);

    expectForwarded(response, h);
  });

  it("tenants that disagree_goToTheOrigin", async () => {
    const h = harness();
    const response = await h.handle(
      post("/compress", JSON.stringify({ text: SHORT, tenant_id: "acme" }), {
        "X-Tenant-ID": "globex",
      }),
      SKIPPING,
    );

    expectForwarded(response, h);
  });

  it.each(["/v1/compress", "/tokens/estimate"])("%s_isNeverSkipped", async (path) => {
    const h = harness();
    const response = await h.handle(
      post(path, JSON.stringify({ context: SHORT, text: SHORT })),
      SKIPPING,
    );

    expectForwarded(response, h);
  });

  it("with SKIP_ENABLED false_aShortTextGoesToTheOrigin", async () => {
    const h = harness();
    const response = await h.handle(post("/compress", JSON.stringify({ text: SHORT })), ENV);

    expectForwarded(response, h);
  });

  it("a registered default aggressiveness of 0_isSkippedUnlessTheRequestSetsOne", async () => {
    const env = {
      ...SKIPPING,
      TENANT_PROFILES: JSON.stringify({ acme: { default_aggressiveness: 0 } }),
    };
    const skipped = harness();
    const response = await skipped.handle(
      post("/compress", JSON.stringify({ text: PROSE }), { "X-Tenant-ID": "acme" }),
      env,
    );
    expectSkipped(response, skipped);
    expect(onlyLog(skipped)["skip_reason"]).toBe("zero_aggressiveness");

    for (const body of [
      { text: PROSE, aggressiveness: 0.5 },
      { text: PROSE, tenant_profile: { default_aggressiveness: 0.5 } },
    ]) {
      const forwarded = harness();
      const answer = await forwarded.handle(
        post("/compress", JSON.stringify(body), { "X-Tenant-ID": "acme" }),
        env,
      );
      expectForwarded(answer, forwarded);
    }
  });

  it("a rate-limited client_isRefusedBeforeTheSkip", async () => {
    const h = harness();
    const refuse = { limit: async () => ({ success: false }) };
    const response = await h.handle(post("/compress", JSON.stringify({ text: SHORT })), {
      ...SKIPPING,
      RATE_LIMIT_ENABLED: "true",
      RATE_LIMIT_COMPRESS: refuse,
    });

    expect(response.status).toBe(429);
    expect(h.received).toHaveLength(0);
  });
});

describe("with SKIP_ENABLED on /v1/messages/compress", () => {
  it("short user text_isAnsweredWithTheRequestsMessagesAsSent", async () => {
    const h = harness(unreachable);
    const messages =
      '[ {"role":"system","content":"' +
      "Be brief. ".repeat(40) +
      '"},\n {"role":"user","content":[{"type":"text","text":"Hi \\u00e9"}], "2":"b", "1":"a"} ]';
    const body = `{"messages": ${messages}, "system": "Top", "model": "gpt-4", "top_p": 1.50}`;
    const response = await h.handle(post("/v1/messages/compress", body), SKIPPING);

    expectSkipped(response, h);
    const text = await response.text();
    expect(text.startsWith('{"messages":[{"role":"system","content":"Be brief. ')).toBe(true);
    expect(text).toContain(
      '{"role":"user","content":[{"type":"text","text":"Hi é"}],"2":"b","1":"a"}],',
    );
    expect(text).toContain('"system":"Top","original_tokens":');
    expect(JSON.parse(text)).toMatchObject({
      tokens_saved: 0,
      compression_ratio: 1,
      tokenizer: "cl100k_base",
      compressor: SKIP_COMPRESSOR,
      warnings: [EDGE_SKIP_WARNING],
    });
    expect(onlyLog(h)["skip_reason"]).toBe("below_min_chars");
  });

  it("no user message_isSkipped", async () => {
    const h = harness();
    const body = JSON.stringify({ messages: [{ role: "assistant", content: PROSE }] });
    const response = await h.handle(post("/v1/messages/compress", body), SKIPPING);

    expectSkipped(response, h);
    expect(onlyLog(h)["skip_reason"]).toBe("no_user_text");
  });

  it.each([
    ["long user prose", [{ role: "user", content: PROSE }]],
    [
      "an image part",
      [{ role: "user", content: [{ type: "image_url", image_url: { url: "x" } }] }],
    ],
    [
      "tool calls",
      [
        { role: "assistant", tool_calls: [] },
        { role: "user", content: SHORT },
      ],
    ],
    ["a message without a role", [{ content: SHORT }]],
    ["a text part without text", [{ role: "user", content: [{ type: "text" }] }]],
    ["user content that is a number", [{ role: "user", content: 5 }]],
  ])("%s_goesToTheOrigin", async (_, messages) => {
    const h = harness();
    const response = await h.handle(
      post("/v1/messages/compress", JSON.stringify({ messages })),
      SKIPPING,
    );

    expectForwarded(response, h);
  });

  it("no messages_goesToTheOrigin", async () => {
    const h = harness();
    const response = await h.handle(post("/v1/messages/compress", '{"messages":[]}'), SKIPPING);

    expectForwarded(response, h);
  });
});
