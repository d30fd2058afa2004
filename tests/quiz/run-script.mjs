// Runs the quiz page's inline script in node (no DOM: the script stops after its scoring API)
// and scores answer sheets with it, for tests/quiz.rs to diff against the Rust reference.
//
//   node tests/quiz/run-script.mjs PAGE.html < sheets.json > results.json
//   node tests/quiz/run-script.mjs --script SCRIPT.js < sheets.json > results.json
//
// sheets.json: [[[question id, option id], ...], ...]; results.json: one object per sheet,
// { flat, ranking: [[role id, label or null], ...], top: [...first 6 by selection...], learn }.
// `learn` lists, for every role, the skills to learn next (ids) and how many more there are.

import fs from 'node:fs';
import vm from 'node:vm';
import crypto from 'node:crypto';

export function extractScript(html) {
  const m = /<script id="quiz-script">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('no <script id="quiz-script"> in the page');
  return m[1];
}

export function cspHashes(html) {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
  if (!m) throw new Error('no CSP meta');
  return m[1];
}

export function loadQuiz(html) {
  const code = extractScript(html);
  const ctx = vm.createContext({});
  vm.runInContext(code, ctx);
  return { api: ctx.ladderQuiz, code, sha: crypto.createHash('sha256').update(code, 'utf8').digest('base64') };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let api;
  if (process.argv[2] === '--script') {
    const ctx = vm.createContext({});
    vm.runInContext(fs.readFileSync(process.argv[3], 'utf8'), ctx);
    api = ctx.ladderQuiz;
  } else {
    const html = fs.readFileSync(process.argv[2], 'utf8');
    const loaded = loadQuiz(html);
    api = loaded.api;
    if (!cspHashes(html).includes(`'sha256-${loaded.sha}'`)) {
      process.stderr.write(`the quiz script's hash sha256-${loaded.sha} is not in the page's CSP\n`);
      process.exit(3);
    }
  }
  const sheets = JSON.parse(fs.readFileSync(0, 'utf8'));
  const roles = api.outcome(api.sheetFromPairs([])).ranking.length;
  const out = sheets.map((pairs) => {
    const sheet = api.sheetFromPairs(pairs);
    const full = api.outcome(sheet);
    const top = api.outcome(sheet, 6);
    const learn = [];
    for (let r = 0; r < roles; r++) {
      const l = api.learn(r, sheet);
      learn.push([l.skills.map((s) => api.skillId(s)), l.more]);
    }
    return {
      flat: full.flat,
      ranking: full.ranking.map((e) => [e.id, e.label]),
      top: top.ranking.map((e) => [e.id, e.label]),
      learn,
    };
  });
  process.stdout.write(JSON.stringify(out));
}
