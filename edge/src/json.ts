/**
 * Strict JSON, checked once at the edge with the origin's rules so that the edge refuses a
 * body as `invalid_json` exactly when the origin would.
 *
 * Design note. `JSON.parse` is looser than the origin (Jackson with strict duplicate detection
 * and a nesting limit): it takes repeated keys, any depth and escaped lone surrogates, and it
 * refuses a leading byte order mark that the origin ignores. So this is a small recursive
 * descent parser over RFC 8259, section by section, with the origin's additions:
 *
 * - the body must be UTF-8 (fatal decoding; one leading byte order mark is ignored);
 * - an empty body, or one of only whitespace, is refused;
 * - nothing may follow the top-level value;
 * - a key may appear once per object (compared after unescaping);
 * - arrays and objects nest at most {@link MAX_DEPTH} levels;
 * - no string or key may hold a lone UTF-16 surrogate, which only a `\u` escape can produce
 *   from valid UTF-8. The origin checks this after parsing, so a syntax fault anywhere wins
 *   over a surrogate, and the first surrogate in document order is the one reported.
 *
 * Two origin rules are deliberately not repeated: numbers longer than 10,000 characters and
 * exponents beyond what `BigDecimal` holds. Such bodies are forwarded and the origin refuses
 * them, so the edge is never stricter than the origin. A top-level value that is not an
 * object is valid JSON here; the origin answers it with `422 invalid_request`.
 *
 * Numbers are returned as JavaScript numbers and may lose precision; callers forward the
 * original bytes, never a re-serialization of this value.
 */
import { EdgeError } from "./responses";

/** Deepest nesting accepted; one more level is `invalid_json`, as on the origin. */
export const MAX_DEPTH = 64;

export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

const NOT_JSON_TOKEN = "a token is not JSON (NaN, Infinity and bare words are not allowed)";

const ESCAPES: Record<string, string> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/**
 * Parses a request body.
 *
 * @throws EdgeError `invalid_json` for every fault listed on the module
 */
export function parseJsonBody(bytes: Uint8Array): JsonValue {
  return parseJsonBodyExactly(bytes).value;
}

/**
 * A parsed body with its source. Numbers in `value` may have lost precision or their spelling
 * (`1.0`, `-0`, integers beyond 2^53), which the origin keeps; whatever must be as the client
 * wrote it is taken from `text`.
 */
export interface ParsedBody {
  readonly value: JsonValue;
  /** The decoded body text. */
  readonly text: string;
  /**
   * Where each member value of a top-level object sits in `text`, as `[start, end)` offsets,
   * so a member can be written out again from its source (see origin-json.ts).
   */
  readonly memberSpans: ReadonlyMap<string, readonly [number, number]>;
}

/**
 * Parses a request body, keeping its source text and where each top-level member is in it.
 *
 * @throws EdgeError `invalid_json` for every fault listed on the module
 */
export function parseJsonBodyExactly(bytes: Uint8Array): ParsedBody {
  let text: string;
  try {
    // fatal: malformed UTF-8 is refused, not replaced; ignoreBOM: false drops one leading BOM.
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw invalid("Request body is not valid UTF-8.");
  }
  const parser = new Parser(text);
  const value = parser.document();
  return { value, text, memberSpans: parser.memberSpans };
}

/**
 * Parses a JSON text already held as a string (such as one written inside a prompt) by the same
 * rules as a body, less the decoding.
 *
 * @throws EdgeError `invalid_json` for every fault listed on the module
 */
export function parseJsonText(text: string): JsonValue {
  return new Parser(text).document();
}

class Parser {
  private at = 0;
  private loneSurrogate: string | undefined;
  readonly memberSpans = new Map<string, readonly [number, number]>();

  constructor(private readonly text: string) {}

  document(): JsonValue {
    this.skipWhitespace();
    if (this.at === this.text.length) {
      throw invalid("Request body is empty.");
    }

    const value = this.value(0);
    this.skipWhitespace();
    if (this.at !== this.text.length) {
      this.rejectTrailing();
    }
    if (this.loneSurrogate !== undefined) {
      throw invalid(this.loneSurrogate);
    }
    return value;
  }

  /**
   * Refuses what follows the top-level value. The origin reads one more token: when it is a
   * valid start of a value the fault is the trailing content, otherwise it is that token's.
   */
  private rejectTrailing(): never {
    const c = this.text[this.at] ?? "";
    const rest = this.text.slice(this.at);
    const startsValue =
      c === "{" ||
      c === "[" ||
      c === '"' ||
      /^-?[0-9]/.test(rest) ||
      /^(?:true|false|null)(?![A-Za-z0-9])/.test(rest);
    if (startsValue) {
      throw invalid("Malformed JSON: content after the top-level value.");
    }
    this.value(0);
    throw this.fault("unexpected character");
  }

  private value(depth: number): JsonValue {
    const c = this.text[this.at];
    switch (c) {
      case "{":
        return this.object(depth + 1);
      case "[":
        return this.array(depth + 1);
      case '"':
        return this.string();
      case "t":
        return this.literal("true", true);
      case "f":
        return this.literal("false", false);
      case "n":
        return this.literal("null", null);
      default:
        return this.number();
    }
  }

  private object(depth: number): JsonValue {
    this.enter(depth);
    const entries: [string, JsonValue][] = [];
    const keys = new Set<string>();
    this.skipWhitespace();
    if (this.take("}")) {
      return {};
    }

    for (;;) {
      this.skipWhitespace();
      if (this.text[this.at] !== '"') {
        throw this.fault("unexpected character");
      }
      const key = this.string();
      if (keys.has(key)) {
        throw this.fault("a key is repeated in one object");
      }
      keys.add(key);
      this.skipWhitespace();
      if (!this.take(":")) {
        throw this.fault("unexpected character");
      }
      this.skipWhitespace();
      const start = this.at;
      entries.push([key, this.value(depth)]);
      if (depth === 1) {
        this.memberSpans.set(key, [start, this.at]);
      }
      this.skipWhitespace();
      if (this.take("}")) {
        // fromEntries defines own properties, so a "__proto__" key is data, not a prototype.
        return Object.fromEntries(entries);
      }
      if (!this.take(",")) {
        throw this.fault("unexpected character");
      }
    }
  }

  private array(depth: number): JsonValue {
    this.enter(depth);
    const items: JsonValue[] = [];
    this.skipWhitespace();
    if (this.take("]")) {
      return items;
    }

    for (;;) {
      this.skipWhitespace();
      items.push(this.value(depth));
      this.skipWhitespace();
      if (this.take("]")) {
        return items;
      }
      if (!this.take(",")) {
        throw this.fault("unexpected character");
      }
    }
  }

  private string(): string {
    this.at++;
    let out = "";
    let start = this.at;
    for (;;) {
      if (this.at >= this.text.length) {
        throw this.fault("the body ends before the JSON value does");
      }
      const code = this.text.charCodeAt(this.at);
      if (code === 0x22) {
        out += this.text.slice(start, this.at);
        this.at++;
        this.noteLoneSurrogate(out);
        return out;
      }
      if (code < 0x20) {
        throw this.fault("a control character must be escaped inside a string");
      }
      if (code !== 0x5c) {
        this.at++;
        continue;
      }

      out += this.text.slice(start, this.at);
      out += this.escape();
      start = this.at;
    }
  }

  /** One escape after its backslash; `this.at` is left after it. */
  private escape(): string {
    const c = this.text[this.at + 1];
    if (c === undefined) {
      this.at = this.text.length;
      throw this.fault("the body ends before the JSON value does");
    }
    const simple = ESCAPES[c];
    if (simple !== undefined) {
      this.at += 2;
      return simple;
    }
    if (c !== "u") {
      this.at += 1;
      throw this.fault("unexpected character");
    }
    for (let i = 2; i < 6; i++) {
      if (!/[0-9A-Fa-f]/.test(this.text[this.at + i] ?? "")) {
        this.at += i;
        throw this.fault("unexpected character");
      }
    }
    const hex = this.text.slice(this.at + 2, this.at + 6);
    this.at += 6;
    return String.fromCharCode(parseInt(hex, 16));
  }

  /**
   * A number. Where a fault is located follows the origin's parser: at the first character
   * that cannot continue the number, except that a `.` or an exponent marker with no digit
   * after it is itself the fault, and `NaN`, `Infinity` and `-Infinity` are read whole as
   * tokens that are not JSON.
   */
  private number(): number {
    const nonStandard = /^(?:NaN|-?Infinity)/.exec(this.text.slice(this.at, this.at + 9));
    if (nonStandard !== null) {
      this.at += nonStandard[0].length;
      throw this.fault(NOT_JSON_TOKEN);
    }
    NUMBER.lastIndex = this.at;
    const match = NUMBER.exec(this.text);
    if (match === null) {
      throw this.badNumberStart();
    }

    this.at += match[0].length;
    const next = this.text[this.at] ?? "";
    // "1." and "1e" stop the match before their marker; "01" before its second digit.
    if (/[0-9.eE+\-]/.test(next) || this.isWordChar(next)) {
      throw this.fault("unexpected character");
    }
    return Number(match[0]);
  }

  private badNumberStart(): EdgeError {
    const c = this.text[this.at];
    if (c === undefined) {
      return this.fault("unexpected character");
    }
    if (c === "-" || c === "+") {
      this.at += 1;
      return this.fault("unexpected character");
    }
    return this.fault(this.isWordChar(c) ? NOT_JSON_TOKEN : "unexpected character");
  }

  private literal(word: string, value: boolean | null): boolean | null {
    const next = this.text[this.at + word.length] ?? "";
    if (!this.text.startsWith(word, this.at) || this.isWordChar(next) || /[0-9]/.test(next)) {
      throw this.fault(NOT_JSON_TOKEN);
    }
    this.at += word.length;
    return value;
  }

  private enter(depth: number): void {
    if (depth > MAX_DEPTH) {
      throw invalid(`Request body nests deeper than ${MAX_DEPTH} levels.`);
    }
    this.at++;
  }

  private take(c: string): boolean {
    if (this.text[this.at] !== c) {
      return false;
    }
    this.at++;
    return true;
  }

  private skipWhitespace(): void {
    for (;;) {
      const c = this.text[this.at];
      if (c !== " " && c !== "\t" && c !== "\n" && c !== "\r") {
        return;
      }
      this.at++;
    }
  }

  /** A letter, which the origin reads as the start or part of a bare word. */
  private isWordChar(c: string): boolean {
    return /\p{L}/u.test(c);
  }

  /** Remembers the first lone surrogate in document order, reported only if the syntax holds. */
  private noteLoneSurrogate(value: string): void {
    if (this.loneSurrogate !== undefined) {
      return;
    }
    const index = loneSurrogateIndex(value);
    if (index >= 0) {
      this.loneSurrogate = `String contains a lone UTF-16 surrogate at index ${index}.`;
    }
  }

  /** A syntax fault, located as "line L, column C" (both from 1) where it was found. */
  private fault(reason: string): EdgeError {
    if (this.at >= this.text.length && reason === "unexpected character") {
      reason = "the body ends before the JSON value does";
    }
    // A control character outside a string is consumed before it is refused.
    if (reason === "unexpected character" && this.text.charCodeAt(this.at) < 0x20) {
      this.at++;
    }
    // Lines end at \n, \r\n or a lone \r, as the origin's parser counts them.
    const lines = this.text.slice(0, this.at).split(/\r\n|\r|\n/);
    const line = lines.length;
    const column = (lines[lines.length - 1] ?? "").length + 1;
    return invalid(`Malformed JSON at line ${line}, column ${column}: ${reason}.`);
  }
}

/** The index of the first unpaired surrogate in `value`, or -1. */
export function loneSurrogateIndex(value: string): number {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return i;
    }
    if (code >= 0xdc00 && code <= 0xdfff) {
      return i;
    }
  }
  return -1;
}

function invalid(message: string): EdgeError {
  return new EdgeError("invalid_json", message);
}
