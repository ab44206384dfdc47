/**
 * Edge transforms: a `/compress` request whose whole answer follows from the origin's loss-free
 * rewrites is answered by the edge, with the bytes the origin would send, and every other
 * request goes to the origin untouched. The edge never sends a rewritten text on: the origin's
 * token fields would then describe another input.
 *
 * Design note. The origin segments a text (`structure/Segmenter.java`) and rewrites each
 * segment by its kind; the edge covers the two texts whose segmentation it can prove without
 * running the origin's detectors:
 *
 * - `whitespace`: a text with nothing any detector reacts to (no backtick, `~~~`, `<`, `{`, `[`,
 *   `#`, underline-shaped line or ReAct marker), so it is one prose segment, at aggressiveness
 *   exactly 0, where the word compressor returns its input: the answer is the whitespace rule's
 *   output (whitespace.ts).
 * - `toon` (with `whitespace`): a text that is, but for spaces, tabs and line breaks around it,
 *   one JSON object or array the origin takes as one JSON segment (embedded-json.ts), with no
 *   backtick (an inline code span claims first) and no `<nocompress>` tag (an unclosed one would
 *   claim the white space after it). The white space around it is prose, which the whitespace
 *   rule tidies and the lexical scorer leaves alone at any aggressiveness, having no word (a
 *   model-backed compressor is asked about it, so then only at 0); the JSON is minified, or
 *   TOON by the origin's `JsonRewrite` rule and thresholds, encoded with the pinned
 *   `@toon-format/toon`.
 *
 * The answer then follows `CompressEndpoint`: tokens counted with the request's tokenizer
 * (tokens.ts), the input returned with `not_smaller` unless the output is smaller and not
 * blank, fields in the origin's order and JSON written as the origin writes it, and with
 * `include_sections` each segment as `Responses.sections` reports it.
 */
import { encode } from "@toon-format/toon";
import type { Config } from "./config";
import { readJson, type JsonRefusal } from "./embedded-json";
import type { JsonValue, ParsedBody } from "./json";
import { originString } from "./origin-json";
import type { RouteName } from "./routes";
import { readShared, type Shared } from "./skip";
import { countTokens } from "./tokens";
import { normalizeProseWhitespace } from "./whitespace";

/** The origin's warning for an answer that is the input because nothing got smaller. */
export const NOT_SMALLER = "not_smaller";

/** Which rewrite made the answer, as the origin names a section's action. */
export type TransformLabel = "whitespace" | "json_minified" | "json_converted" | "json_preserved";

/** Why a request goes to the origin although transforms are on. */
export type ForwardReason =
  | "route"
  | "unchecked_request"
  | "debug"
  | "tenant_lists"
  | "compressor_unknown"
  | "structure"
  | "nonzero_aggressiveness"
  | "json_needs_toon_mode"
  | "toon_refused"
  | "model_prose"
  | JsonRefusal;

/** An answer the edge sends itself. */
export interface TransformAnswer {
  readonly kind: "answer";
  readonly label: TransformLabel;
  readonly body: string;
  /** The resolved tenant, which the origin echoes in `X-Tenant-ID`. */
  readonly tenantId: string | undefined;
}

export type TransformDecision =
  TransformAnswer | { readonly kind: "forward"; reason: ForwardReason };

/** The origin's compressor id before this isolate has seen the origin healthy. */
const UNKNOWN = "unknown@0";

/** The embedded scorer, which returns a text without words as it is at any aggressiveness. */
const LEXICAL = "lexical@1";

/**
 * Decides whether the edge answers the request itself, and with what. Undefined when
 * `EDGE_TRANSFORMS` is `none`.
 *
 * @param compressor the origin's compressor id, from its `/health`; its answers name it
 */
export function transformAnswer(
  route: RouteName,
  parsed: ParsedBody,
  tenantHeader: string | null,
  config: Config,
  compressor: string,
): TransformDecision | undefined {
  if (config.edgeTransforms === "none") {
    return undefined;
  }
  if (route !== "compress") {
    return forward("route");
  }
  const body = parsed.value;
  const shared = isObject(body) ? readShared(body, tenantHeader, config) : undefined;
  const text = isObject(body) ? body["text"] : undefined;
  const debug = isObject(body) ? body["debug"] : undefined;
  if (shared === undefined || typeof text !== "string" || !isAbsentOrBoolean(debug)) {
    return forward("unchecked_request");
  }
  if (debug === true) {
    return forward("debug");
  }
  const tenant =
    shared.tenantId === undefined ? undefined : config.tenantProfiles.get(shared.tenantId);
  if (tenant?.hasLists === true) {
    return forward("tenant_lists");
  }
  if (compressor === UNKNOWN) {
    return forward("compressor_unknown");
  }

  const core = trimJsonWhitespace(text);
  if (core.startsWith("{") || core.startsWith("[")) {
    if (config.edgeTransforms !== "toon") {
      return forward("json_needs_toon_mode");
    }
    return jsonAnswer(text, core, shared, config, compressor);
  }
  if (!isPlainProse(text)) {
    return forward("structure");
  }
  if (shared.aggressiveness !== 0) {
    return forward("nonzero_aggressiveness");
  }
  const sections =
    text === "" ? [] : [prose(text, 0, text.length, normalizeProseWhitespace(text, true))];
  return answer("whitespace", text, sections, shared, compressor);
}

/** The answer for a text that is one JSON value with white space around it. */
function jsonAnswer(
  text: string,
  core: string,
  shared: Shared,
  config: Config,
  compressor: string,
): TransformDecision {
  if (core.includes("`") || /<\/?nocompress/i.test(core)) {
    return forward("structure");
  }
  const json = readJson(core);
  if (typeof json === "string") {
    return forward(json);
  }
  const start = text.indexOf(core.charAt(0));
  const end = start + core.length;
  // The white space around the JSON is prose: a model-backed compressor is asked about it
  // unless the aggressiveness is 0, and only the lexical scorer is known to return it as it is.
  if (core !== text && shared.aggressiveness !== 0 && compressor !== LEXICAL) {
    return forward("model_prose");
  }

  let rewritten = json.minified;
  let label: TransformLabel = json.minified === core ? "json_preserved" : "json_minified";
  const indent = blockIndent(text, start, end);
  if (shared.toon !== "never" && indent !== undefined) {
    let toon: string;
    try {
      toon = encode(json.value as JsonValue & object);
    } catch {
      // The origin keeps such JSON minified, but the edge cannot be sure it refuses alike.
      return forward("toon_refused");
    }
    const separator = lineBreak(text, start, end) + indent;
    toon = separator === "\n" ? toon : toon.replaceAll("\n", separator);
    if (pays(json.minified, toon, shared, config)) {
      rewritten = toon;
      label = "json_converted";
    }
  }
  const sections: Section[] = [];
  if (start > 0) {
    const lead = text.slice(0, start);
    sections.push(prose(lead, 0, start, normalizeProseWhitespace(lead, false)));
  }
  sections.push({ kind: "json", action: JSON_ACTIONS[label], start, end, output: rewritten });
  if (end < text.length) {
    const trail = text.slice(end);
    sections.push(prose(trail, end, text.length, normalizeProseWhitespace(trail, true)));
  }
  return answer(label, text, sections, shared, compressor);
}

/** The origin's `JsonRewrite.pays`: `always`, or enough tokens and a large enough saving. */
function pays(minified: string, toon: string, shared: Shared, config: Config): boolean {
  if (shared.toon === "always") {
    return true;
  }
  const jsonTokens = countTokens(minified, shared.tokenizer.name);
  if (jsonTokens < config.toonMinJsonTokens) {
    return false;
  }
  const toonTokens = countTokens(toon, shared.tokenizer.name);
  return savesEnough(jsonTokens, toonTokens, config.toonMinSavingsRatio);
}

/**
 * Whether TOON of `toonTokens` saves at least `ratio` of `jsonTokens`, computed in doubles as
 * the origin computes it, so a figure on the boundary falls the same way on both sides.
 */
export function savesEnough(jsonTokens: number, toonTokens: number, ratio: number): boolean {
  return toonTokens <= jsonTokens * (1.0 - ratio);
}

/** The origin's `JsonRewrite.lineBreak`: CRLF when the JSON's lines, or the line it ends, do. */
function lineBreak(text: string, start: number, end: number): string {
  const crlf = text.indexOf("\r\n", start);
  return crlf >= 0 && crlf <= end ? "\r\n" : "\n";
}

/**
 * The origin's `JsonRewrite.blockIndent`: the spaces and tabs before `start` on its line when the
 * span has its lines to itself, else undefined.
 */
export function blockIndent(text: string, start: number, end: number): string | undefined {
  let lineStart = start;
  while (lineStart > 0 && isSpaceOrTab(text.charCodeAt(lineStart - 1))) {
    lineStart--;
  }
  if (lineStart > 0 && text.charAt(lineStart - 1) !== "\n") {
    return undefined;
  }
  let lineEnd = end;
  while (lineEnd < text.length && isSpaceOrTab(text.charCodeAt(lineEnd))) {
    lineEnd++;
  }
  if (lineEnd < text.length && text.charAt(lineEnd) === "\r") {
    lineEnd++;
  }
  if (lineEnd < text.length && text.charAt(lineEnd) !== "\n") {
    return undefined;
  }
  return text.slice(lineStart, start);
}

/**
 * Whether no detector of the origin's can claim anything in `text`: no code (backticks, `~~~`),
 * markup (`<`), JSON (`{`, `[`), heading (`#`, or a line of `=` or `-` that could underline
 * one, also inside quotes and lists) or ReAct marker. Stricter than the detectors, never looser.
 */
export function isPlainProse(text: string): boolean {
  if (/[`<{[#]|~~~|Action:|Action Input:|Observation:/.test(text)) {
    return false;
  }
  return !text.split(/\r\n|\r|\n/).some((line) => /^[ \t>]*[=-][=\- \t]*$/.test(line));
}

/** One segment of the text as the origin reports it in `sections`, with what it became. */
interface Section {
  readonly kind: "prose" | "json";
  /** The origin's `SegmentAction` label. */
  readonly action: "compressed" | "preserved" | "converted" | "minified";
  /** UTF-16 offsets into the text. */
  readonly start: number;
  readonly end: number;
  readonly output: string;
}

const JSON_ACTIONS = {
  json_converted: "converted",
  json_minified: "minified",
  json_preserved: "preserved",
  whitespace: "preserved",
} as const;

/** A prose segment: `compressed` when the whitespace rule changed it, as the origin says. */
function prose(source: string, start: number, end: number, output: string): Section {
  return {
    kind: "prose",
    action: output === source ? "preserved" : "compressed",
    start,
    end,
    output,
  };
}

/**
 * The origin's answer for `input` rewritten segment by segment, as `CompressEndpoint` writes it,
 * with `sections` as `Responses.sections` writes them when the request asks for them.
 */
function answer(
  label: TransformLabel,
  input: string,
  sections: readonly Section[],
  shared: Shared,
  compressor: string,
): TransformAnswer {
  const result = sections.map((section) => section.output).join("");
  const tokenizer = shared.tokenizer.name;
  const originalTokens = countTokens(input, tokenizer);
  const compressedTokens = result === input ? originalTokens : countTokens(result, tokenizer);
  // A blank result is not a compression of the text: the origin answers the input.
  const smaller = compressedTokens < originalTokens && !isJavaBlank(result);
  const output = smaller ? result : input;
  const outputTokens = smaller ? compressedTokens : originalTokens;
  // The rewrites the edge covers raise no warning of their own.
  const warnings = smaller ? [] : [NOT_SMALLER];

  const tenant = shared.tenantId === undefined ? "null" : originString(shared.tenantId);
  let body =
    `{"compressed_text":${originString(output)},"original_tokens":${originalTokens},` +
    `"compressed_tokens":${outputTokens},"tokens_saved":${originalTokens - outputTokens},` +
    `"compression_ratio":${ratio(originalTokens, outputTokens)},` +
    `"model":${originString(shared.model)},"tokenizer":"${tokenizer}",` +
    `"compressor":${originString(compressor)},"tenant_id":${tenant}`;
  if (warnings.length > 0) {
    body += `,"warnings":[${warnings.map(originString).join(",")}]`;
  }
  if (shared.includeSections) {
    body += `,"sections":[${sectionEntries(input, sections, smaller, tokenizer).join(",")}]`;
  }
  return { kind: "answer", label, body: body + "}", tenantId: shared.tenantId };
}

/**
 * The origin's `Responses.sections`: per segment its kind, its action (every one `preserved`
 * when the answer is the input), each side's tokens counted alone, and code point offsets.
 */
function sectionEntries(
  input: string,
  sections: readonly Section[],
  applied: boolean,
  tokenizer: Shared["tokenizer"]["name"],
): string[] {
  return sections.map((section) => {
    const source = input.slice(section.start, section.end);
    const originalTokens = countTokens(source, tokenizer);
    const changed = applied && section.output !== source;
    const compressedTokens = changed ? countTokens(section.output, tokenizer) : originalTokens;
    const action = applied ? section.action : "preserved";
    const start = codePoints(input.slice(0, section.start));
    const end = start + codePoints(source);
    return (
      `{"kind":"${section.kind}","action":"${action}","original_tokens":${originalTokens},` +
      `"compressed_tokens":${compressedTokens},"start":${start},"end":${end}}`
    );
  });
}

/** The length of `text` in code points; the edge's texts hold no lone surrogate. */
function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) {
    count++;
  }
  return count;
}

/**
 * The origin's `compression_ratio`: original over compressed tokens rounded half up to four
 * decimals, 1.0 when nothing was removed, written as Java writes a double (`2.0`, `1.3333`).
 * Integer arithmetic gives the exact rounding; the quotient by 10,000 is then the double nearest
 * to it, as `BigDecimal.doubleValue` gives.
 */
export function ratio(originalTokens: number, compressedTokens: number): string {
  if (compressedTokens >= originalTokens) {
    return "1.0";
  }
  const divisor = BigInt(Math.max(1, compressedTokens));
  const scaled = BigInt(originalTokens) * 10_000n;
  let quotient = scaled / divisor;
  if (2n * (scaled % divisor) >= divisor) {
    quotient++;
  }
  const written = String(Number(quotient) / 10_000);
  return /[.e]/.test(written) ? written : `${written}.0`;
}

/** Java's `String.isBlank`: empty or only `Character.isWhitespace` characters. */
function isJavaBlank(text: string): boolean {
  return /^[\t-\r\x1c-\x20\u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000]*$/.test(text);
}

/**
 * `text` without the spaces, tabs, line feeds and carriage returns at its ends: JSON's white
 * space. A loop, since a pattern anchored at the end rescans every run of white space inside.
 */
function trimJsonWhitespace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isJsonSpace(text.charCodeAt(start))) {
    start++;
  }
  while (end > start && isJsonSpace(text.charCodeAt(end - 1))) {
    end--;
  }
  return text.slice(start, end);
}

function isJsonSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function forward(reason: ForwardReason): TransformDecision {
  return { kind: "forward", reason };
}

function isSpaceOrTab(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

function isAbsentOrBoolean(value: JsonValue | undefined): boolean {
  return value === undefined || value === null || typeof value === "boolean";
}

function isObject(value: JsonValue | undefined): value is Record<string, JsonValue> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
