import { encode } from "@toon-format/toon";
import { describe, expect, it } from "vitest";
import golden from "../../contracts/golden/transforms/answers.json";
import { parseConfig } from "../src/config";
import { isShortestDecimal, readJson } from "../src/embedded-json";
import { parseJsonBodyExactly } from "../src/json";
import { countTokens } from "../src/tokens";
import {
  blockIndent,
  isPlainProse,
  ratio,
  savesEnough,
  transformAnswer,
  type TransformDecision,
} from "../src/transforms";
import { normalizeProseWhitespace } from "../src/whitespace";
import { ENV, harness, onlyLog, post, unreachable } from "./harness";

const TRANSFORMING = { ...ENV, EDGE_TRANSFORMS: "toon", MAX_BODY_BYTES: "65536" };

const LEXICAL = "lexical@1";

/** Uniform records: TOON writes them as one table, which saves about a fifth of the tokens. */
function records(rows: number): string {
  const list = Array.from({ length: rows }, (_, i) => ({ id: i, name: `user${i}`, on: i % 2 }));
  return JSON.stringify(list, null, 2);
}

function decideFor(
  body: unknown,
  env: Record<string, unknown> = TRANSFORMING,
  compressor = LEXICAL,
  tenantHeader: string | null = null,
): TransformDecision | undefined {
  const bytes = new TextEncoder().encode(typeof body === "string" ? body : JSON.stringify(body));
  return transformAnswer(
    "compress",
    parseJsonBodyExactly(bytes),
    tenantHeader,
    parseConfig(env),
    compressor,
  );
}

function answerOf(decision: TransformDecision | undefined): Record<string, unknown> {
  if (decision?.kind !== "answer") {
    throw new Error(`not an answer: ${JSON.stringify(decision)}`);
  }
  return JSON.parse(decision.body) as Record<string, unknown>;
}

describe("the origin's recorded answers (scripts/record_transform_goldens.py)", () => {
  it("golden file_holdsCasesForBothDecisions", () => {
    expect(golden.compressor).toBe(LEXICAL);
    expect(golden.cases.filter((c) => c.edge === "transform").length).toBeGreaterThan(10);
    expect(golden.cases.filter((c) => c.edge === "origin").length).toBeGreaterThan(10);
  });

  it.each(golden.cases.map((c) => [c.name, c] as const))("%s", async (_, c) => {
    const h = harness(unreachable);
    h.state.recordCompressor(golden.compressor);
    const headers = { "X-Request-ID": "golden", ...(c.headers as Record<string, string>) };

    const response = await h.handle(post(c.path, c.body, headers), TRANSFORMING);

    if (c.edge === "transform") {
      expect(response.status).toBe(c.status);
      expect(await response.text()).toBe(c.answer);
      expect(response.headers.get("Content-Type")).toBe("application/json");
      expect(response.headers.get("X-Tenant-ID")).toBe(c.tenant_header);
      expect(response.headers.get("X-Edge-Decision")).toBe("transform");
      expect(response.headers.get("X-Edge-Cache")).toBe("bypass");
      expect(response.headers.get("X-Origin-Status")).toBeNull();
      expect(h.received).toHaveLength(0);
      expect(onlyLog(h)["transform"]).toMatch(/^(whitespace|json_\w+)$/);
    } else {
      expect(response.headers.get("X-Edge-Decision")).toBe("origin");
      expect(h.received).toHaveLength(1);
      expect(onlyLog(h)["transform"]).toBeNull();
    }
  });
});

describe("the decision", () => {
  it("EDGE_TRANSFORMS none_decidesNothing", () => {
    expect(decideFor({ text: '{\n "a": 1\n}' }, ENV)).toBeUndefined();
  });

  it.each([
    ["a body that is not an object", "[1, 2]", "unchecked_request"],
    ["no text", { prompt: "x" }, "unchecked_request"],
    ["debug not a boolean", { text: '{"a": 1}', debug: "yes" }, "unchecked_request"],
    [
      "an aggressiveness the origin refuses",
      { text: '{"a": 1}', aggressiveness: 1 },
      "unchecked_request",
    ],
    [
      "force tokens",
      { text: '{"a": 1}', compression_settings: { force_tokens: ["a"] } },
      "unchecked_request",
    ],
    ["debug", { text: '{"a": 1}', debug: true }, "debug"],
    ["prose with a heading", { text: "# Format\nx", aggressiveness: 0 }, "structure"],
    ["prose with markup", { text: "a <b>b</b>", aggressiveness: 0 }, "structure"],
    ["prose with a code span", { text: "call `x()`", aggressiveness: 0 }, "structure"],
    ["prose with JSON after a word", { text: 'Data: {"a": 1}', aggressiveness: 0 }, "structure"],
    ["prose with a ReAct action", { text: "Action: search", aggressiveness: 0 }, "structure"],
    ["prose with a setext underline", { text: "Format\n  ===", aggressiveness: 0 }, "structure"],
    ["JSON with a backtick", { text: '{"a": "`x`"}' }, "structure"],
    ["JSON with a nocompress tag", { text: '{"a": "<NoCompress>"}' }, "structure"],
    ["prose at aggressiveness 0.5", { text: "Plain words here." }, "nonzero_aggressiveness"],
    ["duplicate keys", '{"text": "{\\"a\\": 1, \\"a\\": 2}"}', "json_invalid"],
    ["JSON that does not parse", { text: '{"a": 1,}' }, "json_invalid"],
    ["a long number", { text: `[${"1".repeat(101)}, 2]` }, "json_bounds"],
    ["deep nesting", { text: "[".repeat(61) + "1" + "]".repeat(61) }, "json_bounds"],
    ["an inexact number", { text: "[0.10000000000000001, 2]" }, "json_numbers_inexact"],
    ["an integer-like key", { text: '{"b": 1, "7": 2}' }, "json_keys_reordered"],
    ["a __proto__ key", { text: '{"__proto__": 1}' }, "json_keys_reordered"],
    ["a one-number array", { text: "[1]" }, "json_not_accepted"],
    ["an empty object", { text: " {} " }, "json_not_accepted"],
    ["a function call", { text: '{"name": "f", "arguments": "{}"}' }, "json_tool_exchange"],
    ["tool calls in a list", { text: '[{"x": 1}, {"tool_calls": []}]' }, "json_tool_exchange"],
    [
      "an Anthropic tool result",
      { text: '{"type": "tool_result", "tool_use_id": "t1", "content": "ok"}' },
      "json_tool_exchange",
    ],
  ])("%s_isForwarded", (_, body, reason) => {
    expect(decideFor(body)).toEqual({ kind: "forward", reason });
  });

  it("a registered profile with lists_isForwarded", () => {
    const env = { ...TRANSFORMING, TENANT_PROFILES: '{"acme":{"force_drop_phrases":["x"]}}' };
    expect(decideFor({ text: '{"a": 1}', tenant_id: "acme" }, env)).toEqual({
      kind: "forward",
      reason: "tenant_lists",
    });
  });

  it("an origin whose compressor is not known yet_isForwarded", () => {
    expect(decideFor({ text: '{"a": 1}' }, TRANSFORMING, "unknown@0")).toEqual({
      kind: "forward",
      reason: "compressor_unknown",
    });
  });

  it("white space around JSON before a model-backed compressor_isForwarded", () => {
    const model = "llmlingua-2@tiny";
    expect(decideFor({ text: '\n{"a": 1}\n' }, TRANSFORMING, model)).toEqual({
      kind: "forward",
      reason: "model_prose",
    });
    expect(decideFor({ text: '{"a": 1}' }, TRANSFORMING, model)).toMatchObject({ kind: "answer" });
    const atZero = { text: '\n{"a": 1}\n', aggressiveness: 0 };
    expect(decideFor(atZero, TRANSFORMING, model)).toMatchObject({ kind: "answer" });
  });

  it("EDGE_TRANSFORMS whitespace_leavesJsonToTheOrigin", () => {
    const env = { ...TRANSFORMING, EDGE_TRANSFORMS: "whitespace" };
    expect(decideFor({ text: '{"a": 1}' }, env)).toEqual({
      kind: "forward",
      reason: "json_needs_toon_mode",
    });
    const spaced = { text: "a \t \t \t \t \t \t\nb", aggressiveness: 0 };
    expect(answerOf(decideFor(spaced, env))).toMatchObject({ compressed_text: "a\nb" });
  });

  it("a rewrite that saves no token_isTheInputWithNotSmaller", () => {
    expect(answerOf(decideFor({ text: "a  \nb", aggressiveness: 0 }))).toMatchObject({
      compressed_text: "a  \nb",
      compression_ratio: 1.0,
      warnings: ["not_smaller"],
    });
  });

  it("prose at aggressiveness 0_isTheWhitespaceRule", () => {
    const text = "One  \n\n\n\n\nTwo \t";
    const decision = decideFor({ text, tenant_profile: { default_aggressiveness: 0 } });

    expect(decision).toMatchObject({ kind: "answer", label: "whitespace" });
    expect(answerOf(decision)).toEqual({
      compressed_text: "One\n\nTwo",
      original_tokens: countTokens(text, "o200k_base"),
      compressed_tokens: countTokens("One\n\nTwo", "o200k_base"),
      tokens_saved: countTokens(text, "o200k_base") - countTokens("One\n\nTwo", "o200k_base"),
      compression_ratio: expect.any(Number) as number,
      model: "gpt-4o",
      tokenizer: "o200k_base",
      compressor: LEXICAL,
      tenant_id: null,
    });
  });

  it("a text nothing can shorten_isTheInputWithNotSmaller", () => {
    const decision = decideFor({ text: '{"a":1,"b":2}' });

    expect(decision).toMatchObject({ kind: "answer", label: "json_preserved" });
    expect(answerOf(decision)).toMatchObject({
      compressed_text: '{"a":1,"b":2}',
      tokens_saved: 0,
      compression_ratio: 1.0,
      warnings: ["not_smaller"],
    });
  });

  it("include_sections_givesEachSegmentWithCodePointOffsets", () => {
    const text = '\t \n{"a": "\u{1f600}"}\n';
    const decision = decideFor({ text, include_sections: true });

    const sections = answerOf(decision)["sections"] as Record<string, unknown>[];
    expect(sections.map((s) => [s["kind"], s["action"], s["start"], s["end"]])).toEqual([
      ["prose", "compressed", 0, 3],
      ["json", "minified", 3, 13],
      ["prose", "preserved", 13, 14],
    ]);
  });

  it("JSON on a line after a word_isNotABlock", () => {
    expect(blockIndent("x {}\n", 2, 4)).toBeUndefined();
    expect(blockIndent("x\n  {}\r\n", 4, 6)).toBe("  ");
    expect(blockIndent("{} x", 0, 2)).toBeUndefined();
  });
});

describe("the TOON thresholds", () => {
  const text = records(8);
  const minified = JSON.stringify(JSON.parse(text));
  const jsonTokens = countTokens(minified, "o200k_base");
  const toonTokens = countTokens(encode(JSON.parse(text)), "o200k_base");
  const labelWith = (env: Record<string, unknown>) =>
    (decideFor({ text }, { ...TRANSFORMING, ...env }) as { label: string }).label;

  it("the records_saveSomethingAsToon", () => {
    expect(toonTokens).toBeLessThan(jsonTokens);
  });

  it("TOON_MIN_JSON_TOKENS at the minified count_converts, one more_minifies", () => {
    const ratio0 = { TOON_MIN_SAVINGS_RATIO: "0" };
    expect(labelWith({ ...ratio0, TOON_MIN_JSON_TOKENS: String(jsonTokens) })).toBe(
      "json_converted",
    );
    expect(labelWith({ ...ratio0, TOON_MIN_JSON_TOKENS: String(jsonTokens + 1) })).toBe(
      "json_minified",
    );
  });

  it("TOON_MIN_SAVINGS_RATIO just under the saving_converts, just over_minifies", () => {
    const saving = (jsonTokens - toonTokens) / jsonTokens;
    const under = (Math.floor(saving * 1e6) - 1) / 1e6;
    const over = (Math.floor(saving * 1e6) + 1) / 1e6;
    const min0 = { TOON_MIN_JSON_TOKENS: "0" };
    expect(labelWith({ ...min0, TOON_MIN_SAVINGS_RATIO: under.toFixed(6) })).toBe("json_converted");
    expect(labelWith({ ...min0, TOON_MIN_SAVINGS_RATIO: over.toFixed(6) })).toBe("json_minified");
  });

  it.each([
    [100, 85, 0.15, true],
    [100, 86, 0.15, false],
    [20, 17, 0.15, true],
    [50, 0, 0.99, true],
    [4, 3, 0.25, true],
    [4, 4, 0, true],
  ])("savesEnough(%i, %i, %f)_is %s, in doubles as on the origin", (json, toon, r, pays) => {
    expect(savesEnough(json, toon, r)).toBe(pays);
  });

  it("toon never_minifies, always_converts", () => {
    const small = '{\n  "a": 1\n}';
    expect(decideFor({ text, compression_settings: { toon: "never" } })).toMatchObject({
      label: "json_minified",
    });
    expect(decideFor({ text: small, compression_settings: { toon: "always" } })).toMatchObject({
      label: "json_converted",
    });
  });
});

describe("the pieces", () => {
  it.each([
    ["a  \nb\t\r\nc  ", true, "a\nb\r\nc"],
    ["a  ", false, "a  "],
    ["a\n\n\nb", true, "a\n\n\nb"],
    ["a\n\n\n\nb", true, "a\n\nb"],
    ["a\r\n \r\n\r\n\r\nb", true, "a\r\n\r\nb"],
    ["a\r \nb", true, "a\r\nb"],
    ["", true, ""],
  ])("whitespace rule on %j (at end %s)_is %j", (text, atEnd, expected) => {
    expect(normalizeProseWhitespace(text, atEnd)).toBe(expected);
    expect(normalizeProseWhitespace(expected, atEnd)).toBe(expected);
  });

  it.each([
    [1, 1, "1.0"],
    [2, 1, "2.0"],
    [4, 3, "1.3333"],
    [5, 3, "1.6667"],
    [12, 5, "2.4"],
    [9, 0, "9.0"],
    [2_000_001, 3, "666667.0"],
  ])("ratio(%i, %i)_is %s", (original, compressed, written) => {
    expect(ratio(original, compressed)).toBe(written);
  });

  it.each([
    ["1", true],
    ["1.50", true],
    ["1e3", true],
    ["-0", true],
    ["0.1", true],
    ["1E-7", true],
    ["9007199254740993", false],
    ["0.10000000000000001", false],
    ["1e400", false],
    ["1e00001", false],
  ])("isShortestDecimal(%s)_is %s", (literal, exact) => {
    expect(isShortestDecimal(literal)).toBe(exact);
  });

  it("readJson_minifiesWithLiteralsAsWritten", () => {
    expect(readJson('{ "a" : "\\u00e9 \\/" , "n" : [ 1.50 , true ] }')).toMatchObject({
      minified: '{"a":"\\u00e9 \\/","n":[1.50,true]}',
    });
  });

  it.each([
    ["plain words", true],
    ["a line\n---", false],
    ["> quoted\n> ===", false],
    ["x - y", true],
    ["~~~", false],
    ["Observation: seen", false],
  ])("isPlainProse(%j)_is %s", (text, plain) => {
    expect(isPlainProse(text)).toBe(plain);
  });
});

describe("with the skip rule on", () => {
  it("aggressiveness 0_isSkippedBeforeAnyTransform", async () => {
    const h = harness(unreachable);
    h.state.recordCompressor(LEXICAL);
    const env = { ...TRANSFORMING, SKIP_ENABLED: "true" };

    const response = await h.handle(post("/compress", '{"text":"a  ","aggressiveness":0}'), env);

    expect(response.headers.get("X-Edge-Decision")).toBe("skip-unchanged");
    expect(onlyLog(h)).toMatchObject({ skip_reason: "zero_aggressiveness", transform: null });
  });
});

describe("with the cache on", () => {
  it("a transform_isComputedEachTimeAndNeverStored", async () => {
    const h = harness(unreachable);
    h.state.recordCompressor(LEXICAL);
    const env = { ...TRANSFORMING, CACHE_ENABLED: "true" };
    const body = JSON.stringify({ text: records(3) });

    for (let i = 0; i < 2; i++) {
      const response = await h.handle(post("/compress", body), env);
      expect(response.headers.get("X-Edge-Decision")).toBe("transform");
      expect(response.headers.get("X-Edge-Cache")).toBe("bypass");
    }
    await h.settle();
    expect(h.received).toHaveLength(0);
  });
});
