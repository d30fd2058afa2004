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
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def run(cmd: list[str], cwd=None, env=None) -> dict:
    """Run cmd; return wall seconds, peak RSS (KiB), exit status, stderr tail."""
    # Linux keeps a process's peak RSS across exec, so a child forked from this (large) Python
    # process would report at least Python's size. GNU time is small: the tool it starts reports
    # its own peak (written to a file, so the tool's stderr stays as it is).
    gnu_time = os.path.exists("/usr/bin/time")
    rss_file = None
    if gnu_time:
        fd, rss_file = tempfile.mkstemp(prefix="bench-rss-")
        os.close(fd)
        cmd = ["/usr/bin/time", "-f", "%M", "-o", rss_file, *cmd]
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # read stderr while waiting, then reap with wait4 for this child's own rusage
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    rss = ru.ru_maxrss
    if rss_file:
        try:
            rss = int(Path(rss_file).read_text().strip().splitlines()[-1])
        except (OSError, ValueError, IndexError):
            pass
        os.unlink(rss_file)
    return {"wall": wall, "rss_kib": rss, "rc": p.returncode,
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


def gen_site(repo: Path, roles: int, skills: int | None, out: Path, seed: int, shape: str = "ours") -> float:
    cmd = [sys.executable, str(HERE / "gen.py"), "--roles", str(roles), "--out", str(out), "--seed", str(seed),
           "--shape", shape]
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
    for css in ("style.css", "chart.css", "search.css", "glance.css", "wages.css"):
        src = repo / "templates" / css
        if src.exists():
            shutil.copy(src, h / "assets" / css)
    return h


KINDS = [("home", "/"), ("role", "/roles/*/"), ("role pay", "/roles/*/pay/"), ("skill", "/skills/*/"),
         ("path", "/paths/*/"), ("guide", "/guides/**/"), ("industry", "/industries/*/"),
         ("category", "/categories/*/"), ("redirect", "/jobs/*/"), ("compare", "/compare/"), ("pay", "/pay/"),
         ("quiz", "/quiz/")]


def page_kind(url: str) -> str:
    """The kind of a page by its address (lists such as /roles/ and /skills/ are "lists")."""
    parts = [p for p in url.strip("/").split("/") if p]
    if url == "/":
        return "home"
    if url == "/404.html":
        return "other"
    top = parts[0]
    if len(parts) == 1:
        return {"compare": "compare", "pay": "pay", "quiz": "quiz"}.get(top, "lists")
    if top == "roles":
        return "role pay" if parts[-1] == "pay" and len(parts) == 3 else "role"
    if top == "guides":
        return "guide"
    return {"skills": "skill", "paths": "path", "industries": "industry", "categories": "category",
            "jobs": "redirect"}.get(top, "other")


def bytes_by_kind(out: Path) -> dict:
    """{kind: (pages, bytes)} over every page (index.html and 404.html)."""
    acc: dict[str, list[int]] = {}
    for url in page_urls(out):
        f = out / "404.html" if url == "/404.html" else out / url.strip("/") / "index.html"
        k = page_kind(url)
        a = acc.setdefault(k, [0, 0])
        a[0] += 1
        a[1] += f.stat().st_size
    return {k: tuple(v) for k, v in acc.items()}


def steps_of(stderr: str) -> str:
    """ladder's `--timings` line, without its prefix."""
    for ln in stderr.splitlines():
        if ln.startswith("timings: "):
            return ln[len("timings: "):]
    return ""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ladder", required=True)
    ap.add_argument("--hugo", required=True)
    ap.add_argument("--repo", required=True, type=Path)
    ap.add_argument("--dir", required=True, type=Path)
    ap.add_argument("--sizes", default="100,1000,3000,10000")
    ap.add_argument("--shapes", default="real,ours", help="gen.py shapes, each measured in turn")
    ap.add_argument("--compare-roles", type=int, default=3000)
    ap.add_argument("--compare-skills", type=int, default=14000)
    ap.add_argument("--runs", type=int, default=5, help="runs of each tool at the comparison size")
    ap.add_argument("--curve-runs", type=int, default=3, help="runs of each tool at the other sizes")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-minify-variant", action="store_true", help="skip Hugo --minify")
    a = ap.parse_args()
    B: Path = a.dir
    B.mkdir(parents=True, exist_ok=True)
    outs = B / "out"
    outs.mkdir(exist_ok=True)
    sizes = sorted(set([int(x) for x in a.sizes.split(",") if x] + [a.compare_roles]))
    shapes = [x for x in a.shapes.split(",") if x]
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
        ("outputs", f"{B} ({cmd_out(['df', '--output=fstype', str(B)]).splitlines()[-1]})"),
    ]
    mins = {"ladder": "CSS and scripts once (minify-html, oxc), published as content-hashed files; template "
                      "indentation stripped at load; no per-page HTML minifier",
            "hugo": "the same CSS files concatenated and minified once (`minify` pipe), published as one "
                    "fingerprinted file; HTML as the templates write it",
            "hugo --minify": "the above, and every HTML page (with inline JSON and scripts) through Hugo's minifier"}

    L = []
    L.append("# ladder benchmark report\n")
    gen_rows = []
    for shape in shapes:
        # ---- sites
        sites = {}
        for n in sizes:
            skills = a.compare_skills if n == a.compare_roles else None
            d = B / f"site-{shape}-{n}"
            log(f"[gen {shape}] {n} roles -> {d}")
            secs = gen_site(a.repo, n, skills, d, a.seed, shape)
            sites[n] = {"dir": d, "gen_s": secs, "skills": skills or n * 14 // 3, "hugo": prepare_hugo(a.repo, d)}
            gen_rows.append((shape, n, sites[n]["skills"], secs, du_sb(d / "data")))
        cache = B / "hugo-cache"
        curve = []
        cmp_rows = {}
        kinds = {}
        url_notes = []
        steps = ""
        for n in sizes:
            d, hdir = sites[n]["dir"], sites[n]["hugo"]
            at_compare = n == a.compare_roles
            tools = {
                "ladder": lambda out, d=d: [ladder, "build", "--root", str(d), "--out", str(out), "--quiet"],
                "hugo": lambda out, h=hdir: [hugo, "--source", str(h), "--destination", str(out), "--cacheDir",
                                             str(cache), "--quiet"],
            }
            if at_compare and not a.no_minify_variant:
                tools["hugo --minify"] = lambda out, h=hdir: [hugo, "--source", str(h), "--destination", str(out),
                                                              "--cacheDir", str(cache), "--quiet", "--minify"]
            chk = run([ladder, "check", "--root", str(d), "--timings"])
            if chk["rc"] != 0:
                problems.append(f"`ladder check` on the {shape} {n}-role site exited {chk['rc']}:\n\n```\n{chk['stderr'][-3000:]}\n```")
            dirs = {k: outs / f"{shape}-{n}-{k.replace(' ', '').replace('-', '')}" for k in tools}
            # one untimed warm-up each: fills the page cache and Hugo's resource cache
            for k, mk in tools.items():
                rmtree(dirs[k])
                r = run(mk(dirs[k]))
                log(f"[warm-up {k} {shape} {n}] {r['wall']:.3f} s, exit {r['rc']}")
                if r["rc"] != 0:
                    problems.append(f"`{k}` failed on the {shape} {n}-role site (exit {r['rc']}):\n\n```\n{r['stderr'][-3000:]}\n```")
            results = {k: [] for k in tools}
            for i in range(a.runs if at_compare else a.curve_runs):
                for k, mk in tools.items():
                    rmtree(dirs[k])
                    r = run(mk(dirs[k]))
                    log(f"[{k} {shape} {n}] run {i + 1}: {r['wall']:.3f} s, {mib(r['rss_kib']):.0f} MiB, exit {r['rc']}")
                    if r["rc"] == 0:
                        results[k].append(r)
            row = {"n": n, "skills": sites[n]["skills"], "check": chk["wall"], "warnings": count_warnings(chk["stderr"])}
            for k in tools:
                rs = results[k]
                urls = page_urls(dirs[k]) if rs else []
                nh, hb = html_bytes(dirs[k]) if rs else (0, 0)
                row[k] = {"cmd": " ".join(tools[k](dirs[k])),
                          "wall": med([r["wall"] for r in rs]), "walls": [r["wall"] for r in rs],
                          "rss": med([r["rss_kib"] for r in rs]), "rss_max": max([r["rss_kib"] for r in rs], default=float("nan")),
                          "pages": len(urls), "urls": urls, "hash": url_hash(urls) if urls else "-",
                          "bytes": du_sb(dirs[k]) if rs else 0, "html_files": nh, "html_bytes": hb}
            curve.append(row)
            if at_compare:
                cmp_rows = {k: row[k] for k in tools}
                kinds = {k: bytes_by_kind(dirs[k]) for k in ("ladder", "hugo") if results[k]}
                steps = steps_of(run([ladder, "build", "--root", str(d), "--out", str(dirs["ladder"]), "--quiet",
                                      "--timings"])["stderr"])
                base = row["ladder"]["urls"]
                for k in tools:
                    if k != "ladder" and row[k]["urls"]:
                        only_l = sorted(set(base) - set(row[k]["urls"]))
                        only_h = sorted(set(row[k]["urls"]) - set(base))
                        if only_l or only_h:
                            url_notes.append(f"URL sets differ (ladder vs {k}): {len(only_l)} only in ladder "
                                             f"(e.g. {only_l[:5]}), {len(only_h)} only in {k} (e.g. {only_h[:5]})")
                (B / f"urls-{shape}-ladder.txt").write_text("\n".join(base) + "\n")
                if row["hugo"]["urls"]:
                    (B / f"urls-{shape}-hugo.txt").write_text("\n".join(row["hugo"]["urls"]) + "\n")
            else:
                for k in tools:
                    rmtree(dirs[k])

        # ---- report for this shape
        n = a.compare_roles
        L.append(f"## Shape `{shape}`: {n:,} roles, {a.compare_skills:,} skills, side by side\n")
        lad = cmp_rows.get("ladder")
        if lad:
            L.append("| tool | median wall | runs (s) | peak RSS (median / max) | pages | SHA-256 of sorted URL list | output bytes (du -sb) | HTML files / bytes | minifies |")
            L.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
            for k, r in cmp_rows.items():
                L.append(f"| {k} | **{fmt_s(r['wall'])}** | {', '.join(f'{x:.2f}' for x in r['walls'])} | "
                         f"{mib(r['rss']):.0f} / {mib(r['rss_max']):.0f} MiB | {r['pages']:,} | `{r['hash'][:16]}…` | "
                         f"{r['bytes']:,} | {r['html_files']:,} / {r['html_bytes']:,} | {mins.get(k, '')} |")
            same = len({r["hash"] for r in cmp_rows.values()}) == 1
            L.append(f"\nURL sets {'**match**' if same else '**differ**'}.")
            for note in url_notes:
                L.append(f"\n- {note}")
            L.append("")
            L.append("| ratio | value | target |")
            L.append("| --- | --- | --- |")
            for k in cmp_rows:
                if k == "ladder":
                    continue
                tr = cmp_rows[k]["wall"] / lad["wall"]
                mr = lad["rss"] / cmp_rows[k]["rss"]
                L.append(f"| time, {k} / ladder | **{tr:.2f}x** | at least 4x: {'met' if tr >= 4 else 'NOT met'} |")
                L.append(f"| peak memory, ladder / {k} | **{mr:.2f}** | under 0.33: {'met' if mr < 1 / 3 else 'NOT met'} |")
            L.append("")
            if steps:
                L.append(f"ladder's steps in one more build (`--timings`): {steps}\n")
        if kinds:
            L.append("Bytes per page kind (HTML only; the shared stylesheet and scripts are separate files):\n")
            L.append("| kind | ladder pages | ladder average | ladder total | Hugo pages | Hugo average | Hugo total |")
            L.append("| --- | --- | --- | --- | --- | --- | --- |")
            allk = sorted(set().union(*[set(v) for v in kinds.values()]), key=lambda k: -kinds.get("ladder", {}).get(k, (0, 0))[1])
            tot = {t: [0, 0] for t in kinds}
            for k in allk:
                cells = []
                for t in ("ladder", "hugo"):
                    pn, pb = kinds.get(t, {}).get(k, (0, 0))
                    if t in tot:
                        tot[t][0] += pn
                        tot[t][1] += pb
                    cells += [f"{pn:,}", f"{pb / pn / 1024:.1f} KB" if pn else "-", fmt_mb(pb)]
                L.append(f"| {k} | " + " | ".join(cells) + " |")
            cells = []
            for t in ("ladder", "hugo"):
                pn, pb = tot.get(t, (0, 0))
                cells += [f"**{pn:,}**", f"**{pb / pn / 1024:.1f} KB**" if pn else "-", f"**{fmt_mb(pb)}**"]
            L.append("| all pages | " + " | ".join(cells) + " |")
            L.append("")
        L.append(f"### Shape `{shape}`: scaling curve\n")
        L.append("| roles | skills | pages | `check` | ladder build (median) | Hugo build (median) | Hugo / ladder | ladder peak RSS | Hugo peak RSS | ladder output | Hugo output | check warnings |")
        L.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        for row in curve:
            l, h = row["ladder"], row["hugo"]
            L.append(f"| {row['n']:,} | {row['skills']:,} | {l['pages']:,} | {fmt_s(row['check'])} | {fmt_s(l['wall'])} "
                     f"({len(l['walls'])} runs) | {fmt_s(h['wall'])} | {h['wall'] / l['wall']:.2f}x | {mib(l['rss']):.0f} MiB | "
                     f"{mib(h['rss']):.0f} MiB | {fmt_mb(l['bytes'])} | {fmt_mb(h['bytes'])} | {row['warnings']} |")
        L.append("")

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
    L.append("## Default site (repo `data/` + `content/`)\n")
    if not dres:
        L.append("The build failed: see Problems below.\n")
    else:
        dm = med([r["wall"] for r in dres])
        nh, hb = html_bytes(dout)
        L.append("| measure | value | target |")
        L.append("| --- | --- | --- |")
        L.append(f"| build, median of {len(dres)} | **{fmt_s(dm)}** ({', '.join('%.3f' % r['wall'] for r in dres)}) | under 100 ms: {'met' if dm < 0.1 else 'NOT met'} |")
        L.append(f"| peak RSS | {mib(med([r['rss_kib'] for r in dres])):.0f} MiB | |")
        L.append(f"| pages (URLs) | {len(page_urls(dout))}; HTML average {hb / max(nh, 1) / 1024:.1f} KB | |")
        if largest:
            L.append(f"| largest role page | `roles/{largest[0]}/`: {largest[1]:,} bytes, **{largest[2]:,} bytes gzipped** (-9) | < 30 KB gzipped: {'met' if largest[2] < 30_000 else 'NOT met'} |")
        L.append("")
    L.append("## Generated sites\n")
    L.append("| shape | roles | skills | gen.py time | data/ bytes |")
    L.append("| --- | --- | --- | --- | --- |")
    for shape, n, sk, secs, size in gen_rows:
        L.append(f"| {shape} | {n:,} | {sk:,} | {secs:.1f} s | {size:,} |")
    L.append("")
    L.append("## Exact commands\n")
    L.append("```")
    L.append(f"python3 benches/gen.py --shape SHAPE --roles N [--skills {a.compare_skills}] --out {B}/site-SHAPE-N --seed {a.seed}")
    L.append(f"{ladder} check --root {B}/site-SHAPE-N --timings")
    L.append(f"{ladder} build --root {B}/site-SHAPE-N --out {outs}/SHAPE-N-ladder --quiet")
    L.append(f"{hugo} --source {B}/site-SHAPE-N/hugo --destination {outs}/SHAPE-N-hugo --cacheDir {B}/hugo-cache --quiet [--minify]")
    L.append(f"{ladder} build --root {a.repo} --out {dout} --quiet")
    L.append("```")
    L.append(f"\nMedian of {a.runs} runs at {a.compare_roles:,} roles and of {a.curve_runs} at the other sizes, "
             "tools alternating within each round, after one untimed warm-up run of each. Each output folder is "
             "deleted before each run (not timed). Peak RSS is `ru_maxrss` from `wait4` on the tool's own process.\n")
    if problems:
        L.append("## Problems\n")
        L.extend(problems)
        L.append("")
    L.append(f"Whole run {time.perf_counter() - t_start:.0f} s. Load average at the end: "
             f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} (2 cores: anything above about 0.5 at the start or "
             "end means other work shared the machine).\n")
    L[1:1] = [f"Generated {time.strftime('%Y-%m-%d %H:%M:%S')}. Outputs on tmpfs under `{B}`.\n",
              "| | |\n| --- | --- |", *[f"| {k} | {v} |" for k, v in env_rows], ""]
    report = "\n".join(L)
    (B / "report.md").write_text(report)
    print(report)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
