// Test files in order of how long they take, longest first, so the two workers of a 2-core machine
// finish together instead of one starting the fuzz test while the other has run out of files.
// vitest's own order uses the durations of the last run (node_modules/.vite/vitest) but falls back
// to file size, and CI's fresh clone has no last run: a small browser test takes longer than a
// large unit test. Without a recorded duration a file is weighed by an estimate instead.
import path from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** Seconds on an idle 2-core machine, for the files that take longest (measured alone). */
const MEASURED: Record<string, number> = {
  "test/integration/fuzz.test.ts": 90,
  "test/browser/accessibility.test.ts": 60,
  "test/integration/durability.test.ts": 40,
};

/** Without a measurement: a browser test starts Chromium and a portal, an integration test a portal. */
function estimate(file: string): number {
  if (file in MEASURED) return MEASURED[file];
  if (file.startsWith("test/browser/")) return 15;
  if (file.startsWith("test/integration/")) return 6;
  return 1;
}

export default class SlowFirstSequencer extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const seconds = (spec: TestSpecification) => {
      const file = path.relative(root, spec.moduleId).split(path.sep).join("/");
      const last = this.ctx.cache.getFileTestResults(`${spec.project.name}:${file}`);
      return last && !last.failed ? last.duration / 1000 : estimate(file);
    };
    const weighed = (await super.sort(files)).map((spec, order) => ({ spec, order, seconds: seconds(spec) }));
    return weighed.sort((a, b) => b.seconds - a.seconds || a.order - b.order).map((w) => w.spec);
  }
}
