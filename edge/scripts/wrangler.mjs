// What the scripts of this folder share: wrangler.jsonc as Wrangler reads it, and
// `wrangler deploy --dry-run`, which validates the configuration and bundles the Worker as a
// deploy would, without contacting Cloudflare.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, printParseErrorCode } from "jsonc-parser";

/** The edge's folder, which holds wrangler.jsonc. */
export const edge = join(dirname(fileURLToPath(import.meta.url)), "..");

const wrangler = join(edge, "node_modules", "wrangler", "bin", "wrangler.js");

/** wrangler.jsonc, parsed; exits with the parse errors when it does not parse. */
export function readWranglerConfig() {
  const errors = [];
  const config = parse(readFileSync(join(edge, "wrangler.jsonc"), "utf8"), errors, {
    allowTrailingComma: true,
  });
  if (errors.length > 0) {
    const codes = errors.map((error) => `${printParseErrorCode(error.error)} at ${error.offset}`);
    console.error(`wrangler.jsonc does not parse: ${codes.join(", ")}`);
    process.exit(1);
  }
  return config;
}

/**
 * Runs `wrangler deploy --dry-run --outdir OUTDIR`, with `--env ENV` when `env` is given (`""`
 * names the top level), and returns its exit status and everything it printed.
 */
export function dryRun(outdir, env) {
  const args = [wrangler, "deploy", "--dry-run", "--outdir", outdir];
  if (env !== undefined) {
    args.push("--env", env);
  }
  const run = spawnSync(process.execPath, args, {
    cwd: edge,
    encoding: "utf8",
    // Usage reports are the one thing Wrangler would send; a dry run needs no network.
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
  });
  return { status: run.status ?? run.signal, output: `${run.stdout}\n${run.stderr}` };
}
