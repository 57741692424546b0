import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["lib/**/*.test.ts", "emulator/**/*.test.ts"],
    environment: "node",
    // server-only throws outside a React Server Component bundle; unit
    // tests import server modules directly, so it is replaced by a no-op.
    alias: {
      "server-only": new URL("./lib/testing/empty.ts", import.meta.url)
        .pathname,
    },
  },
});
