/**
 * A JSON value written as a whole prompt text, read with the origin's rules for JSON in a text
 * (`structure/EmbeddedJson.java`, `JsonSpanDetector.java`, `ToolCallShapes.java`), so that the
 * edge can tell whether the origin would rewrite it, and how.
 *
 * Design note. The origin keeps every literal as written when it minifies and writes exact
 * decimals when it converts to TOON, while JavaScript parses numbers into doubles and lists
 * integer-like keys first. So the edge only takes a value whose parse loses nothing TOON could
 * show: every number the shortest decimal of its double (the origin's encoder and the
 * `@toon-format/toon` package then write the same digits, `ToonEncoder`'s class comment), no
 * integer-like or `__proto__` key, and well inside the origin's bounds on depth, length and
 * number literals. Anything else is left to the origin.
 */
import { parseJsonText, type JsonValue } from "./json";
import { stringEnd } from "./origin-json";
import { EdgeError } from "./responses";

/** The origin's longest JSON span (`EmbeddedJson.MAX_LENGTH`). */
const MAX_SPAN_LENGTH = 1 << 20;

/** Nesting the edge takes: a few levels under the origin's 64, so no bound is met at its edge. */
const MAX_DEPTH = 60;

/** Longest number literal the edge takes; the origin's bound is 1,000 characters. */
const MAX_NUMBER_LENGTH = 100;

/** A JSON text as the edge read it. */
export interface ReadJson {
  readonly value: JsonValue;
  /** The text with whitespace between tokens removed, every literal as written. */
  readonly minified: string;
}

/** Why a JSON text is left to the origin. */
export type JsonRefusal =
  | "json_invalid"
  | "json_bounds"
  | "json_numbers_inexact"
  | "json_keys_reordered"
  | "json_not_accepted"
  | "json_tool_exchange";

/**
 * Reads `source`, a text that starts with `{` or `[`, as the origin reads a JSON segment: the
 * value and its minified form, or the reason the edge leaves it to the origin. A repeated key
 * and a lone surrogate are refusals here (`json_invalid`): the origin keeps such JSON verbatim
 * with a warning, which the edge does not reproduce.
 */
export function readJson(source: string): ReadJson | JsonRefusal {
  if (source.length >= MAX_SPAN_LENGTH) {
    return "json_bounds";
  }
  let value: JsonValue;
  try {
    value = parseJsonText(source);
  } catch (failure) {
    if (failure instanceof EdgeError) {
      return "json_invalid";
    }
    throw failure;
  }
  const scan = scanTokens(source);
  if (scan.maxDepth > MAX_DEPTH || scan.longestNumber > MAX_NUMBER_LENGTH) {
    return "json_bounds";
  }
  if (!scan.numbersExact) {
    return "json_numbers_inexact";
  }
  if (source.includes('"__proto__"') || hasReorderedKey(value)) {
    return "json_keys_reordered";
  }
  if (!isAccepted(value)) {
    return "json_not_accepted";
  }
  if (isToolExchange(value)) {
    return "json_tool_exchange";
  }
  return { value, minified: scan.minified };
}

interface Scan {
  readonly minified: string;
  readonly maxDepth: number;
  readonly longestNumber: number;
  readonly numbersExact: boolean;
}

/** One pass over a text a strict parse has accepted: its tokens, depth and number literals. */
function scanTokens(source: string): Scan {
  let minified = "";
  let depth = 0;
  let maxDepth = 0;
  let longestNumber = 0;
  let numbersExact = true;
  let i = 0;
  while (i < source.length) {
    const c = source.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
      i++;
      continue;
    }
    if (c === 0x22) {
      const close = stringEnd(source, i);
      minified += source.slice(i, close);
      i = close;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      maxDepth = Math.max(maxDepth, ++depth);
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
    let j = i + 1;
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      while (j < source.length && /[0-9.eE+-]/.test(source.charAt(j))) {
        j++;
      }
      const literal = source.slice(i, j);
      longestNumber = Math.max(longestNumber, literal.length);
      numbersExact &&= isShortestDecimal(literal);
    } else if (c >= 0x61 && c <= 0x7a) {
      while (j < source.length && /[a-z]/.test(source.charAt(j))) {
        j++;
      }
    }
    minified += source.slice(i, j);
    i = j;
  }
  return { minified, maxDepth, longestNumber, numbersExact };
}

/**
 * Whether a number literal's exact value is the shortest decimal of the double JavaScript reads
 * it as, so that writing either gives the same digits (`1.50` is, `0.10000000000000001` and
 * integers beyond 2^53 are not). Exponents are kept short so the comparison stays exact.
 */
export function isShortestDecimal(literal: string): boolean {
  const exponent = /[eE]([+-]?[0-9]+)$/.exec(literal);
  if (exponent !== null && exponent[1]!.replace(/^[+-]/, "").length > 4) {
    return false;
  }
  const number = Number(literal);
  if (!Number.isFinite(number)) {
    return false;
  }
  return decimalKey(literal) === decimalKey(String(number));
}

/** A decimal written as its significant digits and exponent, sign kept except for zero. */
function decimalKey(text: string): string {
  const match = /^(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/.exec(text);
  if (match === null) {
    return `not a decimal: ${text}`;
  }
  const fraction = match[3] ?? "";
  let digits = (match[2]! + fraction).replace(/^0+/, "");
  let exponent = Number(match[4] ?? "0") - fraction.length;
  if (digits === "") {
    return "0";
  }
  while (digits.endsWith("0")) {
    digits = digits.slice(0, -1);
    exponent++;
  }
  return `${match[1]}${digits}e${exponent}`;
}

/** Keys a JavaScript object would not keep in document order, or would treat specially. */
const REORDERED_KEY = /^(?:0|[1-9][0-9]*)$/;

function hasReorderedKey(value: JsonValue): boolean {
  if (Array.isArray(value)) {
    return value.some(hasReorderedKey);
  }
  if (!isObject(value)) {
    return false;
  }
  for (const [key, member] of Object.entries(value)) {
    if (REORDERED_KEY.test(key) || key === "__proto__" || hasReorderedKey(member)) {
      return true;
    }
  }
  return false;
}

/**
 * The origin's test for JSON rather than prose brackets (`JsonSpanDetector.isAccepted`): an
 * object with a member, or an array with two elements or with one string, array or object.
 */
export function isAccepted(value: JsonValue): boolean {
  if (isObject(value)) {
    return Object.keys(value).length > 0;
  }
  if (!Array.isArray(value)) {
    return false;
  }
  if (value.length >= 2) {
    return true;
  }
  const only = value[0];
  return (
    value.length === 1 && (typeof only === "string" || (typeof only === "object" && only !== null))
  );
}

/**
 * The origin's tool and function call shapes (`ToolCallShapes`): such JSON is a tool exchange,
 * kept verbatim, and an array is one when any element is.
 */
export function isToolExchange(value: JsonValue): boolean {
  if (Array.isArray(value)) {
    return value.some(isToolExchange);
  }
  return isObject(value) && isToolObject(value);
}

function isToolObject(object: Record<string, JsonValue>): boolean {
  return (
    isFunctionCall(object) ||
    Array.isArray(object["tool_calls"]) ||
    isFunctionCall(object["function"]) ||
    isFunctionCall(object["function_call"]) ||
    isToolUse(object) ||
    isResult(object, "type", "tool_result", "tool_use_id") ||
    isResult(object, "role", "tool", "tool_call_id") ||
    isResult(object, "type", "function_call_output", "call_id")
  );
}

function isFunctionCall(node: JsonValue | undefined): boolean {
  if (!isObject(node)) {
    return false;
  }
  const args = node["arguments"];
  return typeof node["name"] === "string" && (typeof args === "string" || isObject(args));
}

function isToolUse(object: Record<string, JsonValue>): boolean {
  return (
    object["type"] === "tool_use" &&
    typeof object["id"] === "string" &&
    typeof object["name"] === "string" &&
    isObject(object["input"])
  );
}

function isResult(
  object: Record<string, JsonValue>,
  marker: string,
  expected: string,
  id: string,
): boolean {
  return object[marker] === expected && typeof object[id] === "string";
}

function isObject(value: JsonValue | undefined): value is Record<string, JsonValue> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
