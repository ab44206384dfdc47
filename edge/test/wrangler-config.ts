/// <reference types="vite/client" />
/**
 * edge/wrangler.jsonc as Wrangler reads it, for tests that check the committed configuration.
 * The file is bundled as text at build time, so the tests read exactly what is deployed.
 */
import { parse, printParseErrorCode, type ParseError } from "jsonc-parser";
import text from "../wrangler.jsonc?raw";

export interface RateLimitBinding {
  readonly name: string;
  readonly namespace_id: string;
  readonly simple: { readonly limit: number; readonly period: number };
}

export interface AnalyticsBinding {
  readonly binding: string;
  readonly dataset: string;
}

/** The part of a top level or `env` entry these tests read. */
export interface Section {
  readonly name?: string;
  readonly routes?: readonly { readonly pattern: string; readonly zone_name: string }[];
  readonly vars?: Readonly<Record<string, string>>;
  readonly ratelimits?: readonly RateLimitBinding[];
  readonly analytics_engine_datasets?: readonly AnalyticsBinding[];
}

export interface WranglerConfig extends Section {
  readonly env?: Readonly<Record<string, Section>>;
}

const errors: ParseError[] = [];

/** The parsed file; `parseErrors` says whether it parsed cleanly. */
export const wrangler = parse(text, errors, { allowTrailingComma: true }) as WranglerConfig;

/** The file's syntax errors, by code and offset; empty when it parsed cleanly. */
export const parseErrors = errors.map(
  (error) => `${printParseErrorCode(error.error)} at ${error.offset}`,
);

/** The top-level `vars`: local development's, and the names every environment must set. */
export const TOP_LEVEL_VARS: Readonly<Record<string, string>> = wrangler.vars ?? {};
