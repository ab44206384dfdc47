import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// Tests run inside workerd with the Worker's own wrangler.jsonc. The origin is never the real
// one: unit tests pass a fake fetcher, and the Worker under test points at a closed port.
export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.jsonc" },
      miniflare: {
        bindings: { ORIGIN_BASE_URL: "http://127.0.0.1:9", ORIGIN_TIMEOUT_MS: "2000" },
      },
    }),
  ],
  test: {
    include: ["test/**/*.test.ts"],
    // The Worker logs one line per request; show them only for a failing test.
    silent: "passed-only",
  },
});
