// No Docker daemon and no hadolint here, so the deployment files are read the way hadolint and a
// reviewer would: pinned base images, no root at run time, exec-form CMD, a health check on
// /healthz, a lean install; and every variable they set is one the portal actually reads.
import fs from "node:fs";
import { CONFIG_VARIABLES } from "~/lib/config.server";

const read = (file: string) => fs.readFileSync(file, "utf8");
const pkg = JSON.parse(read("package.json")) as { dependencies: Record<string, string>; devDependencies: Record<string, string>; scripts: Record<string, string> };

/** Dockerfile instructions with continuation lines joined and comments dropped. */
function instructions(dockerfile: string) {
  return dockerfile
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => {
      const [op, ...rest] = l.split(/\s+/);
      return { op: op.toUpperCase(), args: rest.join(" ") };
    });
}

describe("Dockerfile (hadolint-style reading)", () => {
  const all = instructions(read("Dockerfile"));
  const stages = all.reduce<(typeof all)[]>((list, i) => (i.op === "FROM" ? [...list, [i]] : (list.at(-1)!.push(i), list)), []);
  const runtime = stages.at(-1)!;

  it("pins every base image to a version tag (DL3006, DL3007)", () => {
    const images = all.filter((i) => i.op === "FROM").map((i) => i.args.split(/\s+/)[0]);
    expect(images.length).toBeGreaterThanOrEqual(2);
    for (const image of images) expect(image, image).toMatch(/^[\w./-]+:(?!latest$)[\w.-]+$/);
  });

  it("installs system packages lean and cleans up in the same layer (DL3008-style, DL3009, DL3015)", () => {
    const apt = all.filter((i) => i.op === "RUN" && i.args.includes("apt-get install"));
    for (const run of apt) {
      expect(run.args).toContain("--no-install-recommends");
      expect(run.args).toMatch(/-y\b/);
      expect(run.args).toContain("rm -rf /var/lib/apt/lists/*");
    }
  });

  it("installs npm dependencies reproducibly from the lock file, copied before the sources for layer caching", () => {
    const ops = stages[0].map((i) => `${i.op} ${i.args}`);
    const lockCopy = ops.findIndex((o) => /^COPY package\.json package-lock\.json/.test(o));
    const ci = ops.findIndex((o) => /^RUN npm ci\b/.test(o));
    const sources = ops.findIndex((o) => o === "COPY . .");
    expect(lockCopy).toBeGreaterThan(-1);
    expect([lockCopy < ci, ci < sources]).toEqual([true, true]);
    expect(all.some((i) => i.op === "RUN" && /\bnpm install\b/.test(i.args))).toBe(false);
    expect(fs.existsSync("package-lock.json")).toBe(true);
  });

  it("runs as a non-root user with absolute WORKDIRs and no ADD of local files (DL3002, DL3000, DL3020)", () => {
    const user = runtime.filter((i) => i.op === "USER").at(-1);
    expect(user?.args).toBeDefined();
    expect(user!.args).not.toMatch(/^(root|0)(:|$)/);
    for (const w of all.filter((i) => i.op === "WORKDIR")) expect(w.args).toMatch(/^\//);
    expect(all.some((i) => i.op === "ADD")).toBe(false);
  });

  it("starts in exec form with a program that survives the production prune, and checks /healthz (DL3025)", () => {
    const cmd = runtime.filter((i) => i.op === "CMD").at(-1)!;
    const argv = JSON.parse(cmd.args) as string[];
    expect(argv[0]).toBe("node_modules/.bin/tsx");
    expect(pkg.dependencies.tsx, "tsx must be a runtime dependency: the build stage prunes dev dependencies").toBeDefined();
    expect(fs.existsSync(argv[1])).toBe(true);
    expect(all.some((i) => i.op === "RUN" && i.args.includes("npm prune --omit=dev"))).toBe(true);
    const health = runtime.find((i) => i.op === "HEALTHCHECK")!;
    expect(health.args).toContain("/healthz");
    expect(health.args).toMatch(/CMD \[/);
  });

  it("sets only variables the portal reads, with the database and the audit anchors on separate volumes", () => {
    const env = runtime.filter((i) => i.op === "ENV").flatMap((i) => [...i.args.matchAll(/([A-Z_]+)=/g)].map((m) => m[1]));
    expect(env).toEqual(expect.arrayContaining(["NODE_ENV", "DATABASE_PATH", "AUDIT_ANCHOR_DIR"]));
    for (const name of env) expect(CONFIG_VARIABLES, name).toContain(name);
    const volumes = JSON.parse(runtime.find((i) => i.op === "VOLUME")!.args) as string[];
    const setting = (name: string) => new RegExp(`${name}=(\\S+)`).exec(runtime.filter((i) => i.op === "ENV").map((i) => i.args).join(" "))![1];
    expect(volumes.some((v) => setting("DATABASE_PATH").startsWith(`${v}/`))).toBe(true);
    expect(volumes).toContain(setting("AUDIT_ANCHOR_DIR"));
  });

  it("keeps local data, builds and secrets out of the build context", () => {
    const ignored = read(".dockerignore").split("\n").map((l) => l.trim());
    expect(ignored).toEqual(expect.arrayContaining(["node_modules", "data", "*.db", ".git"]));
  });
});

describe("systemd units, environment example and Caddy", () => {
  it("the environment example names only real variables, in production, behind the proxy", () => {
    const lines = read("deploy/env.example").split("\n").filter((l) => /^[A-Z_]+=/.test(l));
    const vars = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
    for (const name of Object.keys(vars)) expect(CONFIG_VARIABLES, name).toContain(name);
    expect(vars.NODE_ENV).toBe("production");
    expect(vars.APP_ORIGIN).toMatch(/^https:\/\//);
    expect(vars.TRUST_PROXY).toBe("loopback");
    expect(vars.SMTP_URL).toMatch(/^smtps?:\/\//);
  });

  it("the service writes only its data and anchor directories and restarts on failure", () => {
    const unit = read("deploy/regiotafel.service");
    const env = read("deploy/env.example");
    const writable = /ReadWritePaths=(.+)/.exec(unit)![1].split(/\s+/);
    for (const name of ["DATABASE_PATH", "UPLOADS_PATH", "AUDIT_ANCHOR_DIR"]) {
      const value = new RegExp(`^${name}=(.+)$`, "m").exec(env)![1];
      expect(writable.some((dir) => value === dir || value.startsWith(`${dir}/`)), `${name}=${value} is writable`).toBe(true);
    }
    expect(unit).toMatch(/^ProtectSystem=strict$/m);
    expect(unit).toMatch(/^NoNewPrivileges=true$/m);
    expect(unit).toMatch(/^Restart=on-failure$/m);
    expect(unit).toMatch(/^ExecStart=\/opt\/regiotafel\/node_modules\/\.bin\/tsx server\/index\.ts$/m);
  });

  it("the backup timer runs the backup command daily and prunes by age", () => {
    const service = read("deploy/regiotafel-backup.service");
    expect(service).toContain("server/cli/backup.ts");
    expect(pkg.scripts["db:backup"]).toContain("server/cli/backup.ts");
    expect(service).toMatch(/-mtime \+\d+ -delete/);
    expect(read("deploy/regiotafel-backup.timer")).toMatch(/^OnCalendar=\*-\*-\* \d\d:\d\d:\d\d$/m);
  });

  it("Caddy terminates TLS for the public origin and proxies to the portal's port", () => {
    const caddy = read("deploy/Caddyfile");
    const origin = new URL(/^APP_ORIGIN=(.+)$/m.exec(read("deploy/env.example"))![1]);
    const port = /^PORT=(\d+)$/m.exec(read("deploy/env.example"))![1];
    expect(caddy).toMatch(new RegExp(`^${origin.hostname.replaceAll(".", "\\.")} \\{`, "m"));
    expect(caddy).toContain(`reverse_proxy 127.0.0.1:${port}`);
  });
});
