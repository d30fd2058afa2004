// The Nu HTML checker (npm vnu-jar, run with the machine's Java 17), once over a folder.
//
//   const { errors, files } = await runVnu('/tmp/site');
//   errors: [{ file: 'roles/x/index.html', line, column, message, extract }]
//
// vnu prints its JSON report on STDERR (stdout stays empty) and exits 1 when it found
// errors, so the exit code alone says nothing about whether it ran: we parse the JSON
// and throw if there is none. With --errors-only, warnings ("info") are left out;
// "non-document-error" (a file it could not read) counts as an error.

import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

// The jar shipped inside the npm package. (The package's own JS entry point is not used:
// it carries a Java downloader, and its install script must never run here.)
export function vnuJarPath() {
  return process.env.VNU_JAR || path.join(here, '..', 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
}

function fileOf(url, root) {
  let p = url;
  try {
    p = fileURLToPath(url);
  } catch {
    /* not a file: URL */
  }
  const rel = path.relative(root, p);
  return rel && !rel.startsWith('..') ? rel.split(path.sep).join('/') : p;
}

/**
 * Check every HTML file under dir (or the given list of paths). Resolves to
 * { errors, raw } ; rejects if vnu could not run or printed no JSON.
 */
export function runVnu(dirOrFiles, { java = process.env.JAVA || 'java', timeoutMs = 30 * 60_000 } = {}) {
  const targets = Array.isArray(dirOrFiles) ? dirOrFiles : [dirOrFiles];
  const root = path.resolve(Array.isArray(dirOrFiles) ? '.' : dirOrFiles);
  // -Xss: deep documents (long inline SVGs) can overflow the default thread stack.
  const args = ['-Xss8m', '-jar', vnuJarPath(), '--errors-only', '--format', 'json', '--skip-non-html',
    ...targets.map((t) => path.resolve(t))];
  return new Promise((resolve, reject) => {
    const child = spawn(java, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`could not start ${java}: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const text = stderr.trim() || stdout.trim();
      let report;
      try {
        report = JSON.parse(text.slice(text.indexOf('{')));
      } catch {
        reject(new Error(`vnu exited ${code ?? signal} without a JSON report:\n${(stderr + stdout).slice(0, 4000)}`));
        return;
      }
      const errors = (report.messages || [])
        .filter((m) => m.type === 'error' || m.type === 'non-document-error')
        .map((m) => ({
          file: m.url ? fileOf(m.url, root) : '(unknown)',
          line: m.firstLine ?? m.lastLine ?? null,
          column: m.firstColumn ?? m.lastColumn ?? null,
          message: m.message,
          extract: m.extract ?? '',
          type: m.subType ? `${m.type}/${m.subType}` : m.type,
        }));
      resolve({ errors, raw: report, exitCode: code });
    });
  });
}

export function formatVnuErrors(errors) {
  const lines = errors.map((e) =>
    `${e.file}:${e.line ?? '?'}:${e.column ?? '?'}: ${e.message}` +
    (e.extract ? `\n    ${e.extract.replace(/\s+/g, ' ').trim()}` : ''));
  lines.push(`${errors.length} HTML error(s)`);
  return lines.join('\n');
}
