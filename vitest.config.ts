import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";
import SlowFirstSequencer from "./test/slow-first-sequencer";

export default defineConfig({
  resolve: {
    alias: {
      "~": fileURLToPath(new URL("./app", import.meta.url)),
      "#db": fileURLToPath(new URL("./db", import.meta.url)),
    },
  },
  test: {
    globals: true,
    include: ["test/**/*.test.ts", "app/**/*.test.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Browser tests each start a server and Chromium; two cores run two files at once.
    maxWorkers: 2,
    minWorkers: 1,
    // Longest files first (measured, or estimated on a fresh clone): both workers end together.
    sequence: { sequencer: SlowFirstSequencer },
  },
});
