/**
 * The low-savings skip: a request that compression cannot pay for is answered unchanged by the
 * edge, without the origin.
 *
 * The rule is the origin's own (`LowSavingsSkip` on the origin, README "The low-savings skip"),
 * with the same settings, so the edge's answer is the one the origin would
 * have given, except for the warning that says who decided: the edge writes
 * `edge_skipped_origin_low_expected_savings` where the origin writes
 * `skipped_low_expected_savings`. The edge skips only a request it can prove the origin would
 * accept as it is; anything it cannot check in full (lists of force tokens, profile lists, chat
 * content the published token rule does not cover) goes to the origin, which decides alike.
 */
import type { Config } from "./config";
import type { JsonValue, ParsedBody } from "./json";
import { originJson, originString } from "./origin-json";
import { isTenantId } from "./requests";
import type { RouteName } from "./routes";
import { MAX_AGGRESSIVENESS } from "./tenants";
import {
  countTokens,
  countTokensUpTo,
  messageTokens,
  tokenizerFor,
  type Tokenizer,
} from "./tokens";

/** The warning of a skip the edge decided. */
export const EDGE_SKIP_WARNING = "edge_skipped_origin_low_expected_savings";

/** The media type of the origin's JSON answers, sent as it sends it. */
export const ORIGIN_JSON_TYPE = "application/json";

/** The `compressor` of a skip answer: none ran. */
export const SKIP_COMPRESSOR = "none@1";

/** The origin's aggressiveness when neither request nor profile gives one. */
const DEFAULT_AGGRESSIVENESS = 0.5;

/** The origin's defaults and limits for `model` (`Tokenizers.DEFAULT_MODEL`). */
const DEFAULT_MODEL = "gpt-4o";
const MAX_MODEL_LENGTH = 128;

/** The origin's limit on chat messages (`ChatRequest.MAX_MESSAGES`). */
const MAX_MESSAGES = 10_000;

const TOON_MODES = ["auto", "never", "always"];

/** Why a request is skipped, checked in this order; the same names as the origin's. */
export type SkipReason =
  | "no_user_text"
  | "empty_text"
  | "zero_aggressiveness"
  | "below_min_chars"
  | "below_min_tokens"
  | "below_min_expected_savings";

/** The thresholds of the rule. */
export interface SkipThresholds {
  readonly minChars: number;
  readonly minTokens: number;
  readonly minSavings: number;
}

/** A skip answer, ready to send. */
export interface SkipAnswer {
  readonly reason: SkipReason;
  readonly body: string;
  /** The resolved tenant, which the origin echoes in `X-Tenant-ID`. */
  readonly tenantId: string | undefined;
}

/**
 * Decides on the figures of a request's user texts: the reason to skip, or undefined to
 * compress. Counting stops as soon as the decision is certain, so a long text costs little.
 */
export function decide(
  texts: readonly string[],
  aggressiveness: number,
  tokenizer: Tokenizer,
  thresholds: SkipThresholds,
): SkipReason | undefined {
  if (texts.length === 0) {
    return "no_user_text";
  }
  if (texts.every((text) => text.length === 0)) {
    return "empty_text";
  }
  if (aggressiveness === 0) {
    return "zero_aggressiveness";
  }
  let chars = 0;
  for (const text of texts) {
    chars += codePoints(text);
  }
  if (chars < thresholds.minChars) {
    return "below_min_chars";
  }

  // Below `savingsBound` prose tokens the expected savings are worked out exactly, as the origin
  // does; at or above it they are at least the threshold whatever the rounding.
  const savingsBound = Math.ceil(thresholds.minSavings / aggressiveness) + 1;
  const bound = Math.max(thresholds.minTokens, savingsBound);
  let tokens = 0;
  let proseTokens = 0;
  for (const text of texts) {
    if (tokens >= bound && proseTokens >= bound) {
      break;
    }
    const counted = countTokensUpTo(text, tokenizer.name, bound);
    tokens += counted;
    if (hasProse(text)) {
      proseTokens += counted;
    }
  }
  if (tokens < thresholds.minTokens) {
    return "below_min_tokens";
  }
  if (proseTokens < savingsBound && aggressiveness * proseTokens < thresholds.minSavings) {
    return "below_min_expected_savings";
  }
  return undefined;
}

/**
 * Whether a text has more than one word (whitespace with something before and after it) or
 * may hold JSON that the origin re-encodes; a single word is kept or dropped whole.
 */
export function hasProse(text: string): boolean {
  if (text.includes("{") || text.includes("[")) {
    return true;
  }
  const first = text.search(/[^\t\n\v\f\r ]/);
  if (first < 0) {
    return false;
  }
  let seenSpace = false;
  for (let i = first + 1; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && seenSpace) {
      return true;
    }
    seenSpace ||= space;
  }
  return false;
}

/**
 * The answer the edge sends instead of calling the origin, or undefined when the request goes
 * to the origin: the skip rule is off, the route is not one it covers, the request is not one
 * the edge can check in full, or compression may pay.
 */
export function skipAnswer(
  route: RouteName,
  parsed: ParsedBody,
  tenantHeader: string | null,
  config: Config,
): SkipAnswer | undefined {
  if (!config.skipEnabled || (route !== "compress" && route !== "messages_compress")) {
    return undefined;
  }
  const body = parsed.value;
  if (!isObject(body)) {
    return undefined;
  }
  const shared = readShared(body, tenantHeader, config);
  if (shared === undefined || shared.includeSections) {
    return undefined;
  }
  const thresholds: SkipThresholds = {
    minChars: config.minCompressTextChars,
    minTokens: config.minCompressEstimatedTokens,
    minSavings: config.minExpectedSavingsTokens,
  };

  if (route === "compress") {
    const text = body["text"];
    if (typeof text !== "string" || !absentOr(body["debug"], "boolean") || body["debug"] === true) {
      return undefined;
    }
    const reason = decide([text], shared.aggressiveness, shared.tokenizer, thresholds);
    if (reason === undefined) {
      return undefined;
    }
    const tokens = countTokens(text, shared.tokenizer.name);
    const answer = `{"compressed_text":${originString(text)},${summary(tokens, shared)}}`;
    return { reason, body: answer, tenantId: shared.tenantId };
  }

  const chat = readChat(body);
  if (chat === undefined) {
    return undefined;
  }
  const reason = decide(chat.userTexts, shared.aggressiveness, shared.tokenizer, thresholds);
  if (reason === undefined) {
    return undefined;
  }
  const tokens = messageTokens(shared.tokenizer.name, chat.messages, chat.system, chat.tools);
  if (tokens === undefined) {
    return undefined;
  }
  let out = `{"messages":${member(parsed, "messages")}`;
  if (chat.system !== null) {
    out += `,"system":${member(parsed, "system")}`;
  }
  return { reason, body: `${out},${summary(tokens, shared)}}`, tenantId: shared.tenantId };
}

/** The fields both routes read, when the edge can be sure the origin accepts them. */
export interface Shared {
  readonly tenantId: string | undefined;
  readonly model: string;
  readonly tokenizer: Tokenizer;
  readonly aggressiveness: number;
  readonly includeSections: boolean;
  /** `compression_settings.toon`: `auto`, `never` or `always`. */
  readonly toon: ToonMode;
}

export type ToonMode = "auto" | "never" | "always";

/**
 * Reads tenant, model, aggressiveness, `compression_settings`, `tenant_profile` and
 * `include_sections` as the origin's CompressionParameters does; undefined when any would be
 * refused or is beyond what the edge checks.
 */
export function readShared(
  body: Record<string, JsonValue>,
  tenantHeader: string | null,
  config: Config,
): Shared | undefined {
  const header = tenantHeader === null || tenantHeader === "" ? undefined : tenantHeader;
  const bodyTenant = given(body["tenant_id"]);
  if (header !== undefined && !isTenantId(header)) {
    return undefined;
  }
  if (bodyTenant !== undefined && (typeof bodyTenant !== "string" || !isTenantId(bodyTenant))) {
    return undefined;
  }
  if (header !== undefined && bodyTenant !== undefined && header !== bodyTenant) {
    return undefined;
  }
  const tenantId = bodyTenant ?? header;

  const model = given(body["model"]) ?? DEFAULT_MODEL;
  // A visible ASCII character makes a model name non-blank by Java's rule and JavaScript's alike.
  if (typeof model !== "string" || !/[\x21-\x7e]/.test(model) || model.length > MAX_MODEL_LENGTH) {
    return undefined;
  }
  const topLevel = given(body["aggressiveness"]);
  if (!isAggressiveness(topLevel)) {
    return undefined;
  }

  let inSettings: JsonValue | undefined;
  let toon: ToonMode = "auto";
  const settings = given(body["compression_settings"]);
  if (settings !== undefined) {
    if (
      !isObject(settings) ||
      !isAggressiveness((inSettings = given(settings["aggressiveness"]))) ||
      !isEmptyList(settings["force_tokens"]) ||
      !absentOr(settings["force_reserve_digit"], "boolean") ||
      !absentOr(settings["drop_consecutive"], "boolean") ||
      !isToonMode(settings["toon"]) ||
      (topLevel !== undefined && inSettings !== undefined && topLevel !== inSettings)
    ) {
      return undefined;
    }
    toon = (given(settings["toon"]) as ToonMode | undefined) ?? "auto";
  }

  let inline: JsonValue | undefined;
  const profile = given(body["tenant_profile"]);
  if (profile !== undefined) {
    if (
      !isObject(profile) ||
      !isEmptyList(profile["force_keep_tokens"]) ||
      !isEmptyList(profile["force_drop_phrases"]) ||
      !isEmptyList(profile["protected_headings"]) ||
      !isAggressiveness((inline = given(profile["default_aggressiveness"])))
    ) {
      return undefined;
    }
  }
  const includeSections = given(body["include_sections"]);
  if (includeSections !== undefined && typeof includeSections !== "boolean") {
    return undefined;
  }

  const registered =
    tenantId === undefined ? undefined : config.tenantProfiles.get(tenantId)?.defaultAggressiveness;
  const aggressiveness = [topLevel, inSettings, inline, registered].find(
    (value) => value !== undefined,
  ) as number | undefined;
  return {
    tenantId,
    model,
    tokenizer: tokenizerFor(model),
    aggressiveness: aggressiveness ?? DEFAULT_AGGRESSIVENESS,
    includeSections: includeSections === true,
    toon,
  };
}

/** A chat request as the origin's ChatRequest checks it, with its user texts. */
interface Chat {
  readonly messages: JsonValue[];
  readonly system: JsonValue;
  readonly tools: JsonValue;
  readonly userTexts: string[];
}

function readChat(body: Record<string, JsonValue>): Chat | undefined {
  const messages = body["messages"];
  if (!Array.isArray(messages) || messages.length === 0 || messages.length > MAX_MESSAGES) {
    return undefined;
  }
  const userTexts: string[] = [];
  for (const message of messages) {
    if (!isObject(message) || typeof message["role"] !== "string") {
      return undefined;
    }
    if (message["role"] !== "user") {
      continue;
    }
    const texts = userContent(message["content"]);
    if (texts === undefined) {
      return undefined;
    }
    userTexts.push(...texts);
  }
  const system = given(body["system"]) ?? null;
  if (
    system !== null &&
    typeof system !== "string" &&
    !(Array.isArray(system) && system.every(isObject))
  ) {
    return undefined;
  }
  return { messages, system, tools: given(body["tools"]) ?? null, userTexts };
}

/** The texts of a user message's content, or undefined when the origin would refuse it. */
function userContent(content: JsonValue | undefined): string[] | undefined {
  if (content === undefined || content === null) {
    return [];
  }
  if (typeof content === "string") {
    return [content];
  }
  if (!Array.isArray(content)) {
    return undefined;
  }
  const texts: string[] = [];
  for (const part of content) {
    if (!isObject(part) || typeof part["type"] !== "string") {
      return undefined;
    }
    if (part["type"] === "text") {
      const text = part["text"];
      if (typeof text !== "string") {
        return undefined;
      }
      texts.push(text);
    }
  }
  return texts;
}

/** The summary fields, in the origin's order, for an answer with nothing removed. */
function summary(tokens: number, shared: Shared): string {
  const tenant = shared.tenantId === undefined ? "null" : originString(shared.tenantId);
  return (
    `"original_tokens":${tokens},"compressed_tokens":${tokens},"tokens_saved":0,` +
    `"compression_ratio":1.0,"model":${originString(shared.model)},` +
    `"tokenizer":"${shared.tokenizer.name}","compressor":"${SKIP_COMPRESSOR}",` +
    `"tenant_id":${tenant},"warnings":["${EDGE_SKIP_WARNING}"]`
  );
}

function member(parsed: ParsedBody, name: string): string {
  const span = parsed.memberSpans.get(name);
  if (span === undefined) {
    throw new TypeError(`the body has no member ${name}`);
  }
  return originJson(parsed.text, span[0], span[1]);
}

/** A value as the origin's FieldReader sees it: null is the same as absent. */
function given(value: JsonValue | undefined): JsonValue | undefined {
  return value === null ? undefined : value;
}

function absentOr(value: JsonValue | undefined, type: "boolean" | "string"): boolean {
  const present = given(value);
  return present === undefined || typeof present === type;
}

function isAggressiveness(value: JsonValue | undefined): boolean {
  return (
    value === undefined || (typeof value === "number" && value >= 0 && value <= MAX_AGGRESSIVENESS)
  );
}

/** Absent or an empty array: a list the edge need not check item by item. */
function isEmptyList(value: JsonValue | undefined): boolean {
  const present = given(value);
  return present === undefined || (Array.isArray(present) && present.length === 0);
}

function isToonMode(value: JsonValue | undefined): boolean {
  const present = given(value);
  return present === undefined || (typeof present === "string" && TOON_MODES.includes(present));
}

function isObject(value: JsonValue | undefined): value is Record<string, JsonValue> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}
