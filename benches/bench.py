#!/usr/bin/env python3
"""ladder's benchmark driver (run through benches/run.sh, which builds ladder and finds Hugo).

    python3 benches/bench.py --ladder BIN --hugo BIN --repo REPO --dir /dev/shm/ladder-bench

1. Generates synthetic sites (gen.py) for each size in --sizes into DIR/site-N.
2. `ladder check` once on each (exit status must be 0), then `ladder build` --runs times
   (scaling curve: median wall time, peak RSS, pages, output bytes).
3. For --compare-roles (3,000 roles, 14,000 skills): ladder, Hugo and Hugo --minify, alternating,
   --runs times each; median wall time, peak RSS, page count, SHA-256 of the sorted page-URL list
   (every folder holding index.html, plus /404.html), output bytes.
4. The default site (the repo's own data/ and content/): build time (median of --runs) and its
   largest role page gzipped (level 9).
Writes the Markdown report to stdout and DIR/report.md. Standard library only.

Wall time is measured around the child process (time.perf_counter), peak RSS with os.wait4 on that
child (ru_maxrss, the largest resident set the process reached; both tools are one process).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def run(cmd: list[str], cwd=None, env=None) -> dict:
    """Run cmd; return wall seconds, peak RSS (KiB), exit status, stderr tail."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # read stderr while waiting, then reap with wait4 for this child's own rusage
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    return {"wall": wall, "rss_kib": ru.ru_maxrss, "rc": p.returncode,
            "stderr": err.decode("utf-8", "replace")}


def rmtree(p: Path):
    if p.exists():
        shutil.rmtree(p)


def page_urls(out: Path) -> list[str]:
    urls = []
    for dirpath, _, files in os.walk(out):
        rel = os.path.relpath(dirpath, out)
        if "index.html" in files:
            urls.append("/" if rel == "." else f"/{rel}/")
        if rel == "." and "404.html" in files:
            urls.append("/404.html")
    urls.sort()
    return urls


def url_hash(urls: list[str]) -> str:
    return hashlib.sha256(("\n".join(urls) + "\n").encode()).hexdigest()


def du_sb(p: Path) -> int:
    try:
        return int(subprocess.run(["du", "-sb", str(p)], capture_output=True, text=True, check=True).stdout.split()[0])
    except Exception:
        return sum(f.stat().st_size for f in p.rglob("*") if f.is_file())


def html_bytes(p: Path) -> tuple[int, int]:
    n = b = 0
    for f in p.rglob("*.html"):
        n += 1
        b += f.stat().st_size
    return n, b


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def mib(kib):
    return kib / 1024


def fmt_s(x):
    return f"{x:.3f} s" if x < 10 else f"{x:.2f} s"


def fmt_mb(b):
    return f"{b / 1e6:.1f} MB"


def count_warnings(stderr: str) -> str:
    """The N of ladder's summary line "checked P pages in T ms: N warning(s), ..."."""
    import re
    m = re.findall(r"(\d+) warning", stderr)
    return m[-1] if m else "?"


def summary_line(stderr: str) -> str:
    lines = [ln.strip() for ln in stderr.strip().splitlines() if ln.strip()]
    return lines[-1] if lines else ""


def gen_site(repo: Path, roles: int, skills: int | None, out: Path, seed: int) -> float:
    cmd = [sys.executable, str(HERE / "gen.py"), "--roles", str(roles), "--out", str(out), "--seed", str(seed)]
    if skills:
        cmd += ["--skills", str(skills)]
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True)
    return time.perf_counter() - t0


def prepare_hugo(repo: Path, site: Path):
    """Lay the Hugo project (benches/hugo-site) over the generated DIR/hugo (data + guides)."""
    h = site / "hugo"
    shutil.copytree(HERE / "hugo-site", h, dirs_exist_ok=True)
    (h / "assets").mkdir(exist_ok=True)
    for css in ("style.css", "chart.css"):
        src = repo / "templates" / css
        if src.exists():
            shutil.copy(src, h / "assets" / css)
    return h


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ladder", required=True)
    ap.add_argument("--hugo", required=True)
    ap.add_argument("--repo", required=True, type=Path)
    ap.add_argument("--dir", required=True, type=Path)
    ap.add_argument("--sizes", default="100,1000,3000,10000")
    ap.add_argument("--compare-roles", type=int, default=3000)
    ap.add_argument("--compare-skills", type=int, default=14000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-minify-variant", action="store_true", help="skip Hugo --minify")
    a = ap.parse_args()
    B: Path = a.dir
    B.mkdir(parents=True, exist_ok=True)
    outs = B / "out"
    outs.mkdir(exist_ok=True)
    sizes = [int(x) for x in a.sizes.split(",") if x]
    ladder, hugo = a.ladder, a.hugo
    t_start = time.perf_counter()
    problems: list[str] = []

    # ---- environment
    def cmd_out(c, cwd=None):
        try:
            return subprocess.run(c, capture_output=True, text=True, cwd=cwd).stdout.strip()
        except Exception as e:
            return f"? ({e})"
    cpu = "?"
    try:
        for ln in open("/proc/cpuinfo"):
            if ln.startswith("model name"):
                cpu = ln.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    env_rows = [
        ("ladder", cmd_out([ladder, "--version"]) + f" (git {cmd_out(['git', 'rev-parse', '--short', 'HEAD'], a.repo)}"
         + (", uncommitted changes" if cmd_out(["git", "status", "--porcelain", "--", "src", "templates", "Cargo.toml"], a.repo) else "") + ")"),
        ("hugo", cmd_out([hugo, "version"]).split(" BuildDate")[0]),
        ("machine", f"{cpu}, {os.cpu_count()} logical CPUs, {platform.system()} {platform.release()}"),
        ("load average (1, 5, 15 min) at start", " ".join(f"{x:.2f}" for x in os.getloadavg())),
        ("outputs", f"{B} ({cmd_out(['df', '--output=fstype', str(B)]).splitlines()[-1] if True else ''})"),
    ]

    # ---- sites
    sites = {}
    for n in sorted(set(sizes + [a.compare_roles])):
        skills = a.compare_skills if n == a.compare_roles else None
        d = B / f"site-{n}"
        log(f"[gen] {n} roles -> {d}")
        secs = gen_site(a.repo, n, skills, d, a.seed)
        sites[n] = {"dir": d, "gen_s": secs, "skills": skills or n * 14 // 3}

    # ---- scaling curve (ladder only)
    scale_rows = []
    for n in sizes:
        d = sites[n]["dir"]
        chk = run([ladder, "check", "--root", str(d)])
        if chk["rc"] != 0:
            problems.append(f"`ladder check` on the {n}-role site exited {chk['rc']}:\n\n```\n{chk['stderr'][-3000:]}\n```")
        out = outs / f"ladder-{n}"
        res = []
        for i in range(a.runs):
            rmtree(out)
            r = run([ladder, "build", "--root", str(d), "--out", str(out), "--quiet"])
            log(f"[ladder {n}] run {i + 1}: {r['wall']:.3f} s, {mib(r['rss_kib']):.0f} MiB, exit {r['rc']}")
            if r["rc"] != 0:
                problems.append(f"`ladder build` on the {n}-role site exited {r['rc']}:\n\n```\n{r['stderr'][-3000:]}\n```")
                break
            res.append(r)
        if not res:
            scale_rows.append((n, sites[n]["skills"], "failed", "", "", "", "", "", ""))
            continue
        urls = page_urls(out)
        scale_rows.append((n, sites[n]["skills"], len(urls), fmt_s(chk["wall"]), fmt_s(med([r["wall"] for r in res])),
                           f"{min(r['wall'] for r in res):.3f}–{max(r['wall'] for r in res):.3f}",
                           f"{mib(med([r['rss_kib'] for r in res])):.0f} MiB", fmt_mb(du_sb(out)),
                           count_warnings(chk["stderr"])))
        sites[n]["check_stderr"] = chk["stderr"]

    # ---- side by side at the compare size
    n = a.compare_roles
    d = sites[n]["dir"]
    hdir = prepare_hugo(a.repo, d)
    cache = B / "hugo-cache"
    tools = {
        "ladder": lambda out: [ladder, "build", "--root", str(d), "--out", str(out), "--quiet"],
        "hugo": lambda out: [hugo, "--source", str(hdir), "--destination", str(out), "--cacheDir", str(cache), "--quiet"],
    }
    if not a.no_minify_variant:
        tools["hugo --minify"] = lambda out: [hugo, "--source", str(hdir), "--destination", str(out),
                                              "--cacheDir", str(cache), "--quiet", "--minify"]
    # one warm-up each (not counted): fills the page cache, Hugo's module/resource cache
    results = {k: [] for k in tools}
    for k, mk in tools.items():
        out = outs / f"cmp-{k.replace(' ', '').replace('-', '')}"
        rmtree(out)
        r = run(mk(out))
        log(f"[warm-up {k}] {r['wall']:.3f} s, exit {r['rc']}")
        if r["rc"] != 0:
            problems.append(f"`{k}` failed on the {n}-role site (exit {r['rc']}):\n\n```\n{r['stderr'][-3000:]}\n```")
    for i in range(a.runs):
        for k, mk in tools.items():
            out = outs / f"cmp-{k.replace(' ', '').replace('-', '')}"
            rmtree(out)
            r = run(mk(out))
            log(f"[{k} {n}] run {i + 1}: {r['wall']:.3f} s, {mib(r['rss_kib']):.0f} MiB, exit {r['rc']}")
            if r["rc"] == 0:
                results[k].append(r)
    cmp_rows = {}
    url_lists = {}
    for k, mk in tools.items():
        out = outs / f"cmp-{k.replace(' ', '').replace('-', '')}"
        rs = results[k]
        urls = page_urls(out) if rs else []
        url_lists[k] = urls
        nh, hb = html_bytes(out) if rs else (0, 0)
        cmp_rows[k] = {
            "cmd": " ".join(mk(out)),
            "wall": med([r["wall"] for r in rs]) if rs else float("nan"),
            "walls": [r["wall"] for r in rs],
            "rss": med([r["rss_kib"] for r in rs]) if rs else float("nan"),
            "rss_max": max([r["rss_kib"] for r in rs], default=float("nan")),
            "pages": len(urls), "hash": url_hash(urls) if urls else "-",
            "bytes": du_sb(out) if rs else 0, "html_files": nh, "html_bytes": hb,
        }
    # URL-set comparison
    url_notes = []
    base = url_lists.get("ladder", [])
    for k in tools:
        if k == "ladder" or not url_lists.get(k):
            continue
        only_l = sorted(set(base) - set(url_lists[k]))
        only_h = sorted(set(url_lists[k]) - set(base))
        if only_l or only_h:
            url_notes.append(f"URL sets differ (ladder vs {k}): {len(only_l)} only in ladder "
                             f"(e.g. {only_l[:5]}), {len(only_h)} only in {k} (e.g. {only_h[:5]})")
    (B / "urls-ladder.txt").write_text("\n".join(base) + "\n")
    if url_lists.get("hugo"):
        (B / "urls-hugo.txt").write_text("\n".join(url_lists["hugo"]) + "\n")

    # ---- default site
    dout = outs / "default"
    dres = []
    for i in range(a.runs):
        rmtree(dout)
        r = run([ladder, "build", "--root", str(a.repo), "--out", str(dout), "--quiet"])
        log(f"[default] run {i + 1}: {r['wall']:.3f} s, {mib(r['rss_kib']):.0f} MiB, exit {r['rc']}")
        if r["rc"] != 0:
            problems.append(f"`ladder build` on the default site exited {r['rc']}:\n\n```\n{r['stderr'][-3000:]}\n```")
            break
        dres.append(r)
    largest = None
    if dres:
        for f in sorted((dout / "roles").glob("*/index.html")):
            raw = f.read_bytes()
            gz = len(gzip.compress(raw, compresslevel=9, mtime=0))
            if largest is None or gz > largest[2]:
                largest = (f.parent.name, len(raw), gz)
    # largest role page of the 3,000-role site too (ladder's output)
    big3k = None
    for f in (outs / "cmp-ladder").glob("roles/*/index.html"):
        sz = f.stat().st_size
        if big3k is None or sz > big3k[1]:
            big3k = (f.parent.name, sz)
    if big3k:
        big3k = (*big3k, len(gzip.compress((outs / "cmp-ladder" / "roles" / big3k[0] / "index.html").read_bytes(), 9, mtime=0)))

    # ---- report
    L = []
    L.append("# ladder benchmark report\n")
    L.append(f"Generated {time.strftime('%Y-%m-%d %H:%M:%S')}; whole run {time.perf_counter() - t_start:.0f} s. "
             f"Median of {a.runs} runs, outputs on tmpfs under `{B}`.\n")
    L.append("| | |\n| --- | --- |")
    for k, v in env_rows:
        L.append(f"| {k} | {v} |")
    L.append("")
    c = cmp_rows
    lad = c.get("ladder")
    if lad:
        L.append(f"## Side by side: {n:,} roles, {sites[n]['skills']:,} skills\n")
        L.append("| tool | median wall | runs (s) | peak RSS (median / max) | pages | SHA-256 of sorted URL list | output bytes (du -sb) | HTML files / bytes | minifies |")
        L.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        mins = {"ladder": "CSS and JS once (minify-html); template indentation stripped at load; no per-page HTML minifier",
                "hugo": "CSS once (`minify` pipe, inlined like ladder); HTML as the templates write it",
                "hugo --minify": "CSS once, and every HTML page (and inline JSON/JS) through Hugo's minifier"}
        for k, r in c.items():
            L.append(f"| {k} | **{fmt_s(r['wall'])}** | {', '.join(f'{x:.2f}' for x in r['walls'])} | "
                     f"{mib(r['rss']):.0f} / {mib(r['rss_max']):.0f} MiB | {r['pages']:,} | `{r['hash'][:16]}…` | "
                     f"{r['bytes']:,} | {r['html_files']:,} / {r['html_bytes']:,} | {mins.get(k, '')} |")
        L.append("")
        L.append("Full URL-list hashes:\n")
        for k, r in c.items():
            L.append(f"- {k}: `{r['hash']}`")
        same = len({r["hash"] for r in c.values()}) == 1
        L.append(f"\nURL sets {'**match**' if same else '**differ**'}.")
        for note in url_notes:
            L.append(f"\n- {note}")
        L.append("")
        L.append("| ratio | value | target |")
        L.append("| --- | --- | --- |")
        for k in c:
            if k == "ladder":
                continue
            tr = c[k]["wall"] / lad["wall"]
            mr = lad["rss"] / c[k]["rss"]
            L.append(f"| time, {k} / ladder | **{tr:.2f}x** | > 1x (aim 4x): {'met' if tr > 1 else 'NOT met'}"
                     f"{', 4x met' if tr >= 4 else ''} |")
            L.append(f"| peak memory, ladder / {k} | **{mr:.2f}** | < 0.33: {'met' if mr < 1 / 3 else 'NOT met'} |")
        L.append("")
    L.append("## Scaling curve (ladder build)\n")
    L.append("| roles | skills | pages (URLs) | `check` (1 run) | build median | build min–max | peak RSS (median) | output (du -sb) | check warnings |")
    L.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for row in scale_rows:
        L.append("| " + " | ".join(f"{x:,}" if isinstance(x, int) else str(x) for x in row) + " |")
    L.append("")
    L.append("## Default site (repo `data/` + `content/`)\n")
    if not dres:
        L.append("The build failed: see Problems below.\n")
    if dres:
        dm = med([r["wall"] for r in dres])
        L.append("| measure | value | target |")
        L.append("| --- | --- | --- |")
        L.append(f"| build, median of {len(dres)} | **{fmt_s(dm)}** ({', '.join('%.3f' % r['wall'] for r in dres)}) | well under 1 s: {'met' if dm < 0.5 else ('under 1 s' if dm < 1 else 'NOT met')} |")
        L.append(f"| peak RSS | {mib(med([r['rss_kib'] for r in dres])):.0f} MiB | |")
        L.append(f"| pages (URLs) | {len(page_urls(dout))} | |")
        if largest:
            L.append(f"| largest role page | `roles/{largest[0]}/`: {largest[1]:,} bytes, **{largest[2]:,} bytes gzipped** (-9) | < 30 KB gzipped: {'met' if largest[2] < 30_000 else 'NOT met'} |")
        if big3k:
            L.append(f"| largest role page, {n:,}-role site | `roles/{big3k[0]}/`: {big3k[1]:,} bytes, {big3k[2]:,} gzipped | |")
        L.append("")
    L.append("## Generated sites\n")
    L.append("| roles | skills | gen.py time | data/ bytes |")
    L.append("| --- | --- | --- | --- |")
    for k, s in sorted(sites.items()):
        L.append(f"| {k:,} | {s['skills']:,} | {s['gen_s']:.1f} s | {du_sb(s['dir'] / 'data'):,} |")
    L.append("")
    L.append("## Exact commands\n")
    L.append("```")
    L.append(f"python3 benches/gen.py --roles N [--skills 14000] --out {B}/site-N --seed {a.seed}")
    L.append(f"{ladder} check --root {B}/site-N")
    L.append(f"{ladder} build --root {B}/site-N --out {outs}/ladder-N --quiet")
    for k, r in c.items():
        L.append(r["cmd"])
    L.append(f"{ladder} build --root {a.repo} --out {dout} --quiet")
    L.append("```")
    L.append("\nEach output folder is deleted before each run (not timed). One untimed warm-up run per tool "
             "precedes the timed, alternating runs at the comparison size. Peak RSS is `ru_maxrss` from "
             "`wait4` on the tool's own process.\n")
    if problems:
        L.append("## Problems\n")
        L.extend(problems)
        L.append("")
    ck = sites.get(n, {}).get("check_stderr", "")
    if ck:
        L.append(f"`ladder check` on the {n:,}-role site, last line: `{summary_line(ck)}`\n")
    L.append(f"Load average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
             f"(2 cores: anything above about 0.5 at the start or end means other work shared the machine).\n")
    report = "\n".join(L)
    (B / "report.md").write_text(report)
    print(report)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
