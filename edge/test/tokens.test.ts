/// <reference types="vite/client" />
import { describe, expect, it } from "vitest";
import golden from "../../contracts/golden/tokens/counts.json";
import type { JsonValue } from "../src/json";
import {
  countTokens,
  countTokensUpTo,
  type EncodingName,
  messageTokens,
  tokenizerFor,
} from "../src/tokens";

/**
 * The shared corpus beside the checkout (../shared/corpus from the repository root), read at
 * build time by Vite; empty when the corpus is absent.
 */
const corpus = import.meta.glob<string>("../../../shared/corpus/{text,json,messages}/*", {
  query: "?raw",
  import: "default",
  eager: true,
});

const ENCODINGS: EncodingName[] = ["o200k_base", "cl100k_base"];

interface ChatCount {
  tokens: number;
  exact: boolean;
}

interface GoldenChat {
  o200k_base: ChatCount;
  cl100k_base: ChatCount;
}

/** Every (text, encoding) pair recorded from the origin, named for the test report. */
const textCases = golden.texts.flatMap((c) =>
  ENCODINGS.map((name) => [`${c.id} ${name}`, c.text, name, c[name]] as const),
);

/** The request's fields as messageTokens takes them. */
function countRequest(name: EncodingName, request: { [key: string]: JsonValue }) {
  return messageTokens(name, request["messages"] ?? null, request["system"], request["tools"]);
}

/** What the edge must answer for a recorded chat count: the count, or nothing if not exact. */
function expected(count: ChatCount): number | undefined {
  return count.exact ? count.tokens : undefined;
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The corpus file's text, after checking it is the file the counts were recorded from. */
async function corpusFile(file: string, hash: string): Promise<string> {
  const text = corpus[`../../../shared/corpus/${file}`];
  expect(text, `${file} is missing from the corpus`).toBeDefined();
  expect(await sha256(text ?? ""), `${file} differs from the recorded file`).toBe(hash);
  return text ?? "";
}

describe("countTokens, against the origin's counts (scripts/record_token_goldens.py)", () => {
  it("golden file_holdsEveryKindOfText", () => {
    expect(golden.texts.length).toBeGreaterThan(300);
    expect(golden.texts.some((c) => c.text.includes("\u0085"))).toBe(true);
    expect(golden.texts.some((c) => c.text.includes("<|endoftext|>"))).toBe(true);
  });

  it.each(textCases)("%s_isTheOriginsCount", (_, text, name, tokens) => {
    expect(countTokens(text, name)).toBe(tokens);
  });

  it.skipIf(Object.keys(corpus).length === 0)(
    "corpus files_areTheOriginsCounts (skipped when ../shared/corpus is absent)",
    async () => {
      expect(golden.corpus_texts.length).toBeGreaterThan(20);
      for (const entry of golden.corpus_texts) {
        const text = await corpusFile(entry.file, entry.sha256);
        for (const name of ENCODINGS) {
          expect(countTokens(text, name), `${entry.file} ${name}`).toBe(entry[name]);
        }
      }
    },
  );

  it("empty text_isZero", () => {
    expect(countTokens("", "o200k_base")).toBe(0);
    expect(countTokens("", "cl100k_base")).toBe(0);
  });

  it("special-token look-alike_isOrdinaryTextOfSeveralTokens", () => {
    for (const name of ENCODINGS) {
      const alone = countTokens("<|endoftext|>", name);

      expect(alone, name).toBeGreaterThan(1);
      expect(countTokens("a <|endoftext|> b <|im_start|>", name)).toBeGreaterThan(alone);
    }
  });
});

describe("countTokensUpTo", () => {
  it.each(textCases)("%s_isExactBelowTheBoundAndWithinItAbove", (_, text, name, tokens) => {
    expect(countTokensUpTo(text, name, tokens + 1)).toBe(tokens);
    for (const bound of [1, Math.ceil(tokens / 2), tokens]) {
      const count = countTokensUpTo(text, name, bound);

      expect(count).toBeGreaterThanOrEqual(Math.min(bound, tokens));
      expect(count).toBeLessThanOrEqual(tokens);
    }
  });

  it("long text_stopsSoonAfterTheBound", () => {
    const text = "The board asked for a short summary of the findings. ".repeat(20_000);
    const exact = countTokens(text, "o200k_base");

    const count = countTokensUpTo(text, "o200k_base", 100);

    expect(exact).toBeGreaterThan(200_000);
    // Stopping at the first segment that reaches the bound overshoots by one segment at most.
    expect(count).toBeGreaterThanOrEqual(100);
    expect(count).toBeLessThan(104);
  });

  it("long word past the bound_isNotMerged", () => {
    // A piece has at least as many tokens as its length over the longest token's, which is
    // already past the bound: the word is left unmerged, and the answer stays far below it.
    const text = "a few words first " + "x".repeat(1_000_000);
    const exact = countTokens(text, "cl100k_base");

    const count = countTokensUpTo(text, "cl100k_base", 50);

    expect(count).toBeGreaterThanOrEqual(50);
    expect(count).toBeLessThan(exact / 2);
  });

  it("bound of Infinity_isCountTokens", () => {
    const text = golden.texts[0]?.text ?? "";

    expect(countTokensUpTo(text, "o200k_base", Infinity)).toBe(countTokens(text, "o200k_base"));
  });
});

describe("tokenizerFor", () => {
  it.each(golden.models.map((c) => [JSON.stringify(c.model), c] as const))(
    "%s_isTheOriginsChoice",
    (_, c) => {
      expect(tokenizerFor(c.model)).toEqual({ name: c.tokenizer, exact: c.exact });
    },
  );

  it("golden models_coverEveryFamilyAndOtherNames", () => {
    const kinds = new Set(golden.models.map((c) => `${c.tokenizer} ${c.exact}`));

    expect(kinds).toEqual(new Set(["o200k_base true", "cl100k_base true", "o200k_base false"]));
  });

  it("o200k and cl100k_countDifferently", () => {
    // Japanese text and digit runs split differently under the two vocabularies.
    const text = "東京タワーは333メートルです。 Lorem ipsum dolor sit amet, 1234567890.";

    expect(countTokens(text, "o200k_base")).not.toBe(countTokens(text, "cl100k_base"));
  });
});

describe("messageTokens, against the origin's chat counts", () => {
  it("golden file_holdsRequestsOfBothKinds", () => {
    const chats = golden.messages as { o200k_base: ChatCount }[];
    expect(chats.filter((c) => c.o200k_base.exact).length).toBeGreaterThan(10);
    expect(chats.filter((c) => !c.o200k_base.exact).length).toBeGreaterThan(5);
  });

  it.each(
    golden.messages.flatMap((c) => ENCODINGS.map((name) => [`${c.id} ${name}`, c, name] as const)),
  )("%s_isTheOriginsCountOrLeftToTheOrigin", (_, c, name) => {
    const count = countRequest(name, c.request as { [key: string]: JsonValue });

    expect(count).toBe(expected((c as GoldenChat)[name]));
  });

  it.skipIf(Object.keys(corpus).length === 0)(
    "corpus chat requests_areTheOriginsCountsOrLeftToTheOrigin (skipped when ../shared/corpus is absent)",
    async () => {
      const chats = golden.corpus_messages as ({ file: string; sha256: string } & GoldenChat)[];
      expect(chats.filter((c) => c.o200k_base.exact).length).toBeGreaterThan(3);
      for (const entry of chats) {
        const request = JSON.parse(await corpusFile(entry.file, entry.sha256)) as {
          [key: string]: JsonValue;
        };
        for (const name of ENCODINGS) {
          expect(countRequest(name, request), `${entry.file} ${name}`).toBe(expected(entry[name]));
        }
      }
    },
  );

  it("message that is not an object_isLeftToTheOrigin", () => {
    expect(messageTokens("o200k_base", ["hello"], undefined, undefined)).toBeUndefined();
    expect(messageTokens("o200k_base", [["hello"]], undefined, undefined)).toBeUndefined();
  });

  it("messages that are not an array_areLeftToTheOrigin", () => {
    expect(messageTokens("o200k_base", { role: "user" }, undefined, undefined)).toBeUndefined();
  });

  it("system that is an object_isLeftToTheOrigin", () => {
    const messages = [{ role: "user", content: "hi" }];

    expect(messageTokens("o200k_base", messages, { text: "x" }, undefined)).toBeUndefined();
    expect(messageTokens("o200k_base", messages, ["x"], undefined)).toBeUndefined();
  });

  it("one message_isFramingPlusFieldsPlusPriming", () => {
    const messages = [{ role: "user", content: "Hello there, friend" }];

    expect(messageTokens("o200k_base", messages, undefined, undefined)).toBe(
      3 + countTokens("user", "o200k_base") + countTokens("Hello there, friend", "o200k_base") + 3,
    );
  });
});
