// Builds the Worker for the top level of wrangler.jsonc and for each of its `env` entries with
// `wrangler deploy --dry-run`, which reads and validates the configuration and bundles the Worker
// without contacting Cloudflare, so it runs offline. An environment fails when Wrangler exits
// with an error, prints a warning (an unknown or misplaced field is only a warning), writes no
// bundle, or does not list a binding that the environment declares. What the values must be is
// checked by test/environments.test.ts; this checks that Wrangler itself accepts them.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dryRun, readWranglerConfig } from "./wrangler.mjs";

const config = readWranglerConfig();

/** The binding names an environment's section declares, which the dry run must list. */
function bindingNames(section) {
  return [
    ...Object.keys(section.vars ?? {}),
    ...(section.ratelimits ?? []).map((binding) => binding.name),
    ...(section.analytics_engine_datasets ?? []).map((binding) => binding.binding),
  ];
}

/**
 * The text without terminal colour codes, which Wrangler writes even into a pipe and with
 * NO_COLOR set, around the very words the check looks for (`[\x1b[43;30mWARNING\x1b[43;33m]`).
 */
function withoutColour(text) {
  return text.replace(/\x1b\[[0-9;]*m/g, "");
}

function check(name, section) {
  const outdir = mkdtempSync(join(tmpdir(), "edge-dry-run-"));
  try {
    const { status, output } = dryRun(outdir, name);
    const problems = [];
    if (status !== 0) {
      problems.push(`wrangler exited with ${status}`);
    }
    if (/\[WARNING\]|\[ERROR\]/.test(withoutColour(output))) {
      problems.push("wrangler printed a warning or an error");
    }
    if (!existsSync(join(outdir, "index.js"))) {
      problems.push("no bundle was written");
    }
    const missing = bindingNames(section).filter((binding) => !output.includes(`env.${binding}`));
    if (missing.length > 0) {
      problems.push(`bindings not listed: ${missing.join(", ")}`);
    }
    return { problems, output };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

let failed = false;
// `--env ""` names the top level; without it Wrangler warns that no environment was chosen.
const environments = [["", config], ...Object.entries(config.env ?? {})];
for (const [name, section] of environments) {
  const label = name === "" ? "top level (dev)" : name;
  const { problems, output } = check(name, section);
  if (problems.length === 0) {
    console.log(`dry run ${label}: ok`);
    continue;
  }
  failed = true;
  console.error(`dry run ${label}: ${problems.join("; ")}\n${output}`);
}
process.exit(failed ? 1 : 0);
