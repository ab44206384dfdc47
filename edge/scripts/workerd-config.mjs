// Serves the Worker under plain workerd, the open-source Workers runtime, without wrangler dev's
// proxy in front of it, its inspector or its log relay through node: bundles the Worker as
// `wrangler deploy` does for the top level of wrangler.jsonc, offline (`--dry-run`), into
// OUTDIR/bundle/, and writes OUTDIR/workerd.capnp, which serves that bundle on 127.0.0.1:PORT.
//
//   node scripts/workerd-config.mjs --outdir DIR --port PORT --origin http://127.0.0.1:PORT \
//     [--var NAME:VALUE ... | --module FILE]
//   node_modules/.bin/workerd serve DIR/workerd.capnp
//
// Everything is read from wrangler.jsonc, so the configuration cannot drift from it: the
// compatibility date and flags, and each top-level `vars` entry as a text binding, with
// ORIGIN_BASE_URL set to --origin and the --var values (wrangler dev's syntax) over the rest.
// Outbound connections may reach 127.0.0.1 only, where the origin is. The `ratelimits` bindings
// and a Cache API service are left out: the Worker touches neither while RATE_LIMIT_ENABLED and
// CACHE_ENABLED are false (src/ratelimit.ts, src/cache.ts), so either set to true is refused.
// console.log lines go to workerd's stdout.
//
// --module FILE serves that ES module, copied as it is into the bundle's place, instead of the
// Worker, under the same runtime settings, with ORIGIN_BASE_URL as its one binding: the load
// run's bare forwarder (bench/load/forwarder.js), whose cost is the floor under the Worker's.
// FILE is not bundled, so it must import nothing.
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { dryRun, readWranglerConfig } from "./wrangler.mjs";

/** What wrangler deploy writes to --outdir for this Worker: one module and its source map. */
const BUNDLE_FILES = ["README.md", "index.js", "index.js.map"];

/** Bindings this configuration does not provide, and the variable that must keep them unused. */
const SWITCHED_OFF = {
  CACHE_ENABLED: "Cache API service",
  RATE_LIMIT_ENABLED: "rate limit bindings",
};

function fail(message) {
  console.error(`workerd-config: ${message}`);
  process.exit(1);
}

function options() {
  const { values } = parseArgs({
    options: {
      outdir: { type: "string" },
      port: { type: "string" },
      origin: { type: "string" },
      var: { type: "string", multiple: true, default: [] },
      module: { type: "string" },
    },
  });
  for (const name of ["outdir", "port", "origin"]) {
    if (values[name] === undefined) {
      fail(`--${name} is required`);
    }
  }
  if (!/^[0-9]+$/.test(values.port) || Number(values.port) < 1 || Number(values.port) > 65535) {
    fail(`--port is "${values.port}"; expected a TCP port`);
  }
  let origin;
  try {
    origin = new URL(values.origin);
  } catch {
    fail(`--origin is "${values.origin}", which is not an absolute URL`);
  }
  // The only address the Worker may connect to.
  if (origin.hostname !== "127.0.0.1") {
    fail(`--origin is "${values.origin}"; expected an origin on 127.0.0.1`);
  }
  // The --var values set the Worker's variables, which a module of its own does not read.
  if (values.module !== undefined && values.var.length > 0) {
    fail("--var and --module: a module served in the Worker's place gets ORIGIN_BASE_URL only");
  }
  return {
    ...values,
    outdir: resolve(values.outdir),
    module: values.module === undefined ? undefined : resolve(values.module),
  };
}

/** The top-level vars, then ORIGIN_BASE_URL and the --var values over them. */
function bindings(config, origin, overrides) {
  const vars = { ...config.vars, ORIGIN_BASE_URL: origin };
  for (const override of overrides) {
    const colon = override.indexOf(":");
    if (colon < 1) {
      fail(`--var "${override}" is not NAME:VALUE`);
    }
    const name = override.slice(0, colon);
    // --origin is checked to be on the one address the Worker may reach.
    if (name === "ORIGIN_BASE_URL") {
      fail("--var ORIGIN_BASE_URL: the origin is given with --origin");
    }
    vars[name] = override.slice(colon + 1);
  }
  for (const [name, value] of Object.entries(vars)) {
    if (typeof value !== "string") {
      fail(`vars.${name} is not a string; only text bindings are written`);
    }
  }
  for (const [name, binding] of Object.entries(SWITCHED_OFF)) {
    if (vars[name] !== "false") {
      fail(`${name} is "${vars[name]}"; this configuration has no ${binding}, so it must be false`);
    }
  }
  return vars;
}

/** The Worker bundled into OUTDIR as `wrangler deploy` builds it, or the --module file there. */
function bundle(outdir, module) {
  if (module !== undefined) {
    mkdirSync(outdir, { recursive: true });
    try {
      copyFileSync(module, join(outdir, "index.js"));
    } catch (error) {
      fail(`--module ${module} cannot be copied: ${error.message}`);
    }
    return;
  }
  const { status, output } = dryRun(outdir, "");
  if (status !== 0) {
    fail(`wrangler deploy --dry-run exited with ${status}\n${output}`);
  }
  const unexpected = readdirSync(outdir).filter((file) => !BUNDLE_FILES.includes(file));
  if (unexpected.length > 0) {
    fail(`the bundle holds files this configuration does not load: ${unexpected.join(", ")}`);
  }
}

/** A Cap'n Proto text literal: quotes and backslashes escaped, control characters in hex. */
function text(value) {
  const escaped = value
    .replace(/[\\"]/g, (c) => `\\${c}`)
    .replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
  return `"${escaped}"`;
}

function capnp(config, port, vars) {
  const flags = (config.compatibility_flags ?? []).map(text).join(", ");
  const lines = Object.entries(vars).map(
    ([name, value]) => `    (name = ${text(name)}, text = ${text(value)}),`,
  );
  return `# Written by edge/scripts/workerd-config.mjs from edge/wrangler.jsonc.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "worker", worker = .worker),
    (name = "loopback", network = (allow = ["127.0.0.1/32"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "worker")],
);

const worker :Workerd.Worker = (
  modules = [(name = "index.js", esModule = embed "bundle/index.js")],
  compatibilityDate = ${text(config.compatibility_date)},
  compatibilityFlags = [${flags}],
  globalOutbound = "loopback",
  bindings = [
${lines.join("\n")}
  ],
);
`;
}

const { outdir, port, origin, var: overrides, module } = options();
const config = readWranglerConfig();
if (typeof config.compatibility_date !== "string") {
  fail("wrangler.jsonc has no compatibility_date");
}
const vars =
  module === undefined ? bindings(config, origin, overrides) : { ORIGIN_BASE_URL: origin };
mkdirSync(outdir, { recursive: true });
bundle(join(outdir, "bundle"), module);
writeFileSync(join(outdir, "workerd.capnp"), capnp(config, port, vars));
