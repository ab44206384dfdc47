/**
 * Token counts equal to the origin's, so that the edge can fill a response's token fields.
 *
 * The rules are the origin's (`tokens/Tokenizers.java`, `TokenCounter.java`,
 * `MessageTokens.java`): the model name picks the encoding; text is counted as ordinary text,
 * so a special-token look-alike such as `<|endoftext|>` is billed as its characters; a text is
 * counted as the sum of its segments, cut before every space that follows a character that is
 * not white space. Pieces come from `pieces.ts`, whose patterns reproduce the origin's rather
 * than the runtime's idea of Unicode, and are merged by `bpe.ts` with js-tiktoken's rank
 * tables. The tables are bundled; each encoder is built on first use, once per isolate, which
 * costs 0.1 to 0.2 s of CPU for o200k_base and about half that for cl100k_base.
 */
import cl100kBase from "js-tiktoken/ranks/cl100k_base";
import o200kBase from "js-tiktoken/ranks/o200k_base";
import { byteString, mergedCount, type Ranks, readRanks } from "./bpe";
import type { JsonValue } from "./json";
import { type EncodingName, isCutAfter, piecePattern } from "./pieces";

export type { EncodingName } from "./pieces";

/** The encoding a model is counted with, and whether it is the one the model really uses. */
export interface Tokenizer {
  readonly name: EncodingName;
  readonly exact: boolean;
}

/** Java's `.` in a pattern: any character but a line terminator. */
const JAVA_DOT = "[^\\n\\r\\u0085\\u2028\\u2029]";

/** A whole model name of one of the families, optionally followed by `-`, `.` or `:` and more. */
function family(...names: string[]): RegExp {
  return new RegExp(`^(?:${names.join("|")})(?:[-.:]${JAVA_DOT}*)?$`);
}

/** OpenAI's o200k_base families: gpt-4o, gpt-4.1, gpt-4.5, gpt-5 and the o-series. */
const O200K = family("chatgpt-4o", "gpt-4o", "gpt-4\\.1", "gpt-4\\.5", "gpt-5", "o1", "o3", "o4");

/** OpenAI's cl100k_base families: gpt-4, gpt-3.5 and the embedding models. */
const CL100K = family(
  "gpt-4",
  "gpt-3\\.5",
  "gpt-35",
  "text-embedding-3-small",
  "text-embedding-3-large",
  "text-embedding-ada-002",
);

/**
 * The tokenizer for a model name as a client sent it, as the origin picks it: case-insensitive,
 * a provider prefix up to the last `/` ignored, any other model counted with o200k_base and
 * reported as not exact.
 */
export function tokenizerFor(model: string): Tokenizer {
  const lower = model.toLowerCase();
  const name = lower.slice(lower.lastIndexOf("/") + 1);
  if (O200K.test(name)) {
    return { name: "o200k_base", exact: true };
  }
  if (CL100K.test(name)) {
    return { name: "cl100k_base", exact: true };
  }
  return { name: "o200k_base", exact: false };
}

/** Pieces up to this many UTF-16 units have their counts remembered: they repeat in prose. */
const MAX_REMEMBERED_PIECE = 48;

/** Remembered counts per encoding before the memory starts afresh; a few MB at most. */
const MAX_REMEMBERED = 50_000;

interface Encoder {
  readonly ranks: Ranks;
  readonly pattern: RegExp;
  readonly remembered: Map<string, number>;
}

const encoders = new Map<EncodingName, Encoder>();

/** The encoder of one encoding, built on first use: reading its ranks takes a while. */
function encoder(name: EncodingName): Encoder {
  let built = encoders.get(name);
  if (built === undefined) {
    const table = name === "o200k_base" ? o200kBase : cl100kBase;
    built = {
      ranks: readRanks(table.bpe_ranks),
      pattern: piecePattern(name),
      remembered: new Map(),
    };
    encoders.set(name, built);
  }
  return built;
}

/**
 * A piece's tokens. Special tokens play no part: a look-alike such as `<|endoftext|>` is
 * merged from its bytes like any other text.
 */
function countPiece(encoder: Encoder, piece: string): number {
  if (piece.length > MAX_REMEMBERED_PIECE) {
    return mergedCount(byteString(piece), encoder.ranks);
  }
  let count = encoder.remembered.get(piece);
  if (count === undefined) {
    count = mergedCount(byteString(piece), encoder.ranks);
    if (encoder.remembered.size >= MAX_REMEMBERED) {
      encoder.remembered.clear();
    }
    encoder.remembered.set(piece, count);
  }
  return count;
}

/**
 * The tokens of `text` with the named encoding, as the origin counts them.
 *
 * @throws RangeError when one piece (a run of letters, of white space or of punctuation) is
 *   millions of characters long, past what the regular expression engine's backtracking stack
 *   holds (about 4 million in workerd); a body within `MAX_BODY_BYTES` is far from it.
 */
export function countTokens(text: string, name: EncodingName): number {
  return countTokensUpTo(text, name, Infinity);
}

/**
 * Counts like {@link countTokens} but stops once the count reaches `bound`: the answer is the
 * exact count when that is below `bound`, and otherwise a number from `bound` up to the exact
 * count. The work done is about proportional to the part of the text counted, so a large text
 * costs little when all a caller needs to know is whether it reaches a limit.
 *
 * @throws RangeError as {@link countTokens} does.
 */
export function countTokensUpTo(text: string, name: EncodingName, bound: number): number {
  const counting = encoder(name);
  let total = 0;
  let start = 0;
  for (let i = 1; i <= text.length && total < bound; i++) {
    // The origin's segments: cut before a space that follows a character that is not white
    // space, where every encoding's pieces are cut too.
    if (i === text.length || (text[i] === " " && isCutAfter(text[i - 1] ?? ""))) {
      total = countSegment(counting, text.slice(start, i), total, bound);
      start = i;
    }
  }
  return total;
}

/** `total` plus the tokens of one segment, piece by piece, until the sum reaches `bound`. */
function countSegment(counting: Encoder, segment: string, total: number, bound: number): number {
  const pattern = counting.pattern;
  pattern.lastIndex = 0;
  let sum = total;
  for (let match = pattern.exec(segment); match !== null; match = pattern.exec(segment)) {
    // A piece has at least one byte per UTF-16 unit, and no token is longer than the longest:
    // a piece that must reach the bound is not merged.
    const fewest = Math.ceil(match[0].length / counting.ranks.longest);
    if (sum + fewest >= bound) {
      return sum + fewest;
    }
    sum += countPiece(counting, match[0]);
    if (sum >= bound) {
      break;
    }
  }
  return sum;
}

/** Tokens of framing per message, OpenAI's published rule for its chat models. */
export const PER_MESSAGE = 3;

/** One more token for a message's `name` field. */
export const PER_NAME = 1;

/** Tokens that prime the reply. */
export const REPLY_PRIMING = 3;

/**
 * The tokens of a chat request as the origin's `MessageTokens` counts it, or `undefined` when
 * the origin would count part of it by its JSON text, which the edge does not reproduce: a
 * message that is not an object, a content part that is not a text part with a string `text`
 * (images, tool blocks), any other field that is neither a string nor null (`tool_calls`),
 * content or a `system` that is neither a string, null nor an array of parts, and any `tools`.
 *
 * Every message costs {@link PER_MESSAGE} plus the tokens of each of its string fields (and
 * {@link PER_NAME} for `name`); a top-level `system` is one more message with only content;
 * the reply costs {@link REPLY_PRIMING}. A text part counts its `text` alone.
 */
export function messageTokens(
  name: EncodingName,
  messages: JsonValue,
  system: JsonValue | undefined,
  tools: JsonValue | undefined,
): number | undefined {
  if (!Array.isArray(messages) || (tools !== undefined && tools !== null)) {
    return undefined;
  }
  let total = REPLY_PRIMING;

  if (system !== undefined && system !== null) {
    const content = contentTokens(name, system);
    if (content === undefined) {
      return undefined;
    }
    total += PER_MESSAGE + content;
  }
  for (const message of messages) {
    const tokens = isObject(message) ? fieldTokens(name, message) : undefined;
    if (tokens === undefined) {
      return undefined;
    }
    total += PER_MESSAGE + tokens;
  }
  return total;
}

/** A message's fields in any order: the sum does not depend on it. */
function fieldTokens(
  name: EncodingName,
  message: { [key: string]: JsonValue },
): number | undefined {
  let total = 0;
  for (const [key, value] of Object.entries(message)) {
    let tokens: number | undefined;
    if (key === "content") {
      tokens = contentTokens(name, value);
    } else if (typeof value === "string") {
      tokens = countTokens(value, name) + (key === "name" ? PER_NAME : 0);
    } else {
      tokens = value === null ? 0 : undefined;
    }
    if (tokens === undefined) {
      return undefined;
    }
    total += tokens;
  }
  return total;
}

/** Content or `system`: a string, null, or parts that are all text parts with string text. */
function contentTokens(name: EncodingName, content: JsonValue): number | undefined {
  if (typeof content === "string") {
    return countTokens(content, name);
  }
  if (content === null) {
    return 0;
  }
  if (!Array.isArray(content)) {
    return undefined;
  }
  let total = 0;
  for (const part of content) {
    if (!isObject(part) || part["type"] !== "text" || typeof part["text"] !== "string") {
      return undefined;
    }
    total += countTokens(part["text"], name);
  }
  return total;
}

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
