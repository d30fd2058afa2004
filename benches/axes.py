#!/usr/bin/env python3
"""Scaling per input axis (issue 11, item 6): doubling one input must no more than about double
the time of `ladder check`.

    python3 benches/axes.py --ladder BIN [--ladder BIN2 ...] [--dir /dev/shm/ladder-axes]
                            [--runs 2] [--axes links,warnings] [--scale 1]

For each axis a small site from gen.py (the benchmark generator) is grown along that one input to
n, 2n and 4n; each binary runs `ladder check` on each (the exit status is not judged: some axes
are made of errors), and the table shows the CPU time (user + sys, the least of --runs; less
disturbed than wall time by other work on the machine) and the ratio per doubling. A ratio near
2 is linear; near 4 is quadratic. Sites are written under --dir (tmpfs) and removed after use.
Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import gen  # noqa: E402  (the benchmark site generator)


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def generate(dirpath: Path, roles: int, skills: int):
    g = gen.Gen(roles, skills, 1)
    g.run()
    g.write(dirpath)
    shutil.rmtree(dirpath / "hugo")
    return g


def role_ids(site: Path) -> list[str]:
    return sorted(p.stem for p in (site / "data" / "roles").glob("*.yaml"))


def guide(title: str, body: str) -> str:
    return f'---\ntitle: "{title}"\n---\n\n{body}'


# Each axis: (what grows, base n, how to make a site of size n in DIR from BASE).
def files(site: Path, n: int):
    roles = role_ids(site)
    for i in range(n):
        r = roles[i % len(roles)]
        (site / "content" / "axis").mkdir(exist_ok=True)
        (site / "content" / "axis" / f"g{i}.md").write_text(
            guide(f"Guide {i}", f"## Part {i}\n\nRead about [a role](@/roles/{r}/) first.\n"))


def lines(site: Path, n: int):
    body = []
    for i in range(n):
        body.append(f"Line {i} of a long guide says something plain about the work.")
        if i % 4 == 3:
            body.append("")
    (site / "content" / "long.md").write_text(guide("Long", "\n".join(body) + "\n"))


def line_length(site: Path, n: int):
    roles = role_ids(site)
    line = " ".join(f"see [role {i}](@/roles/{roles[i % len(roles)]}/)" for i in range(n))
    (site / "content" / "wide.md").write_text(guide("Wide", line + "\n"))


def links(site: Path, n: int):
    body = "".join(f"Paragraph {i} has [a link](#nope-{i}).\n\n" for i in range(n))
    (site / "content" / "links.md").write_text(guide("Links", body))


def headings(site: Path, n: int):
    body = "".join(f"## Notes\n\nNote {i}.\n\n" for i in range(n))
    (site / "content" / "notes.md").write_text(guide("Notes", body))


def warnings(site: Path, n: int):
    # About 500 bytes a skill, as the real skills file of issue 11 (7.5 MB for 14,000 skills).
    g = gen.Gen(1, 2, n)
    extra = "".join(f'\n- id: "unused-skill-{i}"\n  name: "Unused skill {i}"\n  group: "Domain"\n'
                    f'  summary: "{g.sentence()}"\n  learn: |\n    {g.para((3, 4))}\n'
                    for i in range(n))
    with open(site / "data" / "skills.yaml", "a", encoding="utf-8") as f:
        f.write(extra)


def unknown_refs(site: Path, n: int):
    p = site / "data" / "roles" / (role_ids(site)[0] + ".yaml")
    text = p.read_text()
    entries = "".join(f"\n  - {{ skill: missing-skill-number-{i}, level: basic }}" for i in range(n))
    p.write_text(text.replace("\nskills:", "\nskills:" + entries, 1))


AXES = {
    # name: (description, base n, base site (roles, skills), grow function or None for gen sizes)
    "files": ("guide files (content/*.md)", 1000, (20, 60), files),
    "lines": ("lines in one guide", 25000, (20, 60), lines),
    "line-length": ("`@/` links on one line", 4000, (20, 60), line_length),
    "links": ("broken links in one guide (one a paragraph)", 2500, (20, 60), links),
    "headings": ("headings of one text in one guide", 2000, (20, 60), headings),
    "warnings": ("unused skills (warnings on one file)", 2000, (20, 60), warnings),
    "unknown": ("unknown skill references (2,000 skills)", 250, (100, 2000), unknown_refs),
    "roles": ("roles (300 skills)", 250, None, lambda n: (n, 300)),
    "skills": ("skills (200 roles)", 1000, None, lambda n: (200, n)),
}


def cpu_time(cmd: list[str]) -> tuple[float, float, int]:
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    return ru.ru_utime + ru.ru_stime, wall, os.waitstatus_to_exitcode(status)


def unused_skills_build(a, names):
    """`ladder build` on 40 roles and 14,000 skills of which 13,000 no role lists (the real site
    of issue 11: 13,000 warnings on one 2 MB file, 14,000 skill pages)."""
    site = a.dir / "unused-site"
    generate(site, 40, 1000)
    warnings(site, 13000)
    log("unused-skills site:", sum(f.stat().st_size for f in site.rglob("*") if f.is_file()) // 1000, "KB")
    print("\n| `ladder build`, 40 roles, 14,000 skills (13,000 listed by no role) | CPU s | wall s | exit |")
    print("| --- | --- | --- | --- |")
    for name, binary in zip(names, a.ladder):
        best = None
        for _ in range(a.runs):
            out = a.dir / "unused-out"
            shutil.rmtree(out, ignore_errors=True)
            r = cpu_time([binary, "build", "--root", str(site), "--out", str(out), "--today", "2026-12-03"])
            if best is None or r[0] < best[0]:
                best = r
            shutil.rmtree(out, ignore_errors=True)
        log(f"unused-skills build  {name}: cpu {best[0]:7.2f} s  wall {best[1]:7.2f} s  exit {best[2]}")
        print(f"| {name} | {best[0]:.2f} | {best[1]:.2f} | {best[2]} |")
    shutil.rmtree(site)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ladder", action="append", required=True, help="binary to time (repeatable)")
    ap.add_argument("--name", action="append", help="a column name per --ladder")
    ap.add_argument("--dir", type=Path, default=Path("/dev/shm/ladder-axes"))
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--axes", default=",".join(AXES))
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every base n")
    ap.add_argument("--unused-build", action="store_true",
                    help="also time `ladder build` on 14,000 skills of which 13,000 are unused")
    a = ap.parse_args()
    names = a.name or [Path(b).name for b in a.ladder]
    a.dir.mkdir(parents=True, exist_ok=True)
    rows = []
    for axis in filter(None, a.axes.split(",")):
        desc, base, site_of, grow = AXES[axis]
        n0 = max(1, int(base * a.scale))
        times = {name: [] for name in names}
        sizes = [n0, 2 * n0, 4 * n0]
        for n in sizes:
            site = a.dir / f"{axis}-{n}"
            if site_of is None:
                generate(site, *grow(n))
            else:
                generate(site, *site_of)
                grow(site, n)
            mb = sum(f.stat().st_size for f in site.rglob("*") if f.is_file()) / 1e6
            for name, binary in zip(names, a.ladder):
                best = None
                for _ in range(a.runs):
                    cpu, wall, code = cpu_time([binary, "check", "--root", str(site), "--today", "2026-12-03"])
                    if best is None or cpu < best[0]:
                        best = (cpu, wall, code)
                times[name].append(best)
                log(f"{axis:12} n={n:<7} {mb:6.1f} MB  {name}: cpu {best[0]:7.2f} s  wall {best[1]:7.2f} s  exit {best[2]}")
            shutil.rmtree(site)
        rows.append((axis, desc, sizes, times))
    print("| axis | n, 2n, 4n | " + " | ".join(f"{nm}: CPU s (n / 2n / 4n) | {nm}: ratio per doubling"
                                              for nm in names) + " |")
    print("| --- | --- | " + " | ".join("--- | ---" for _ in names) + " |")
    for axis, desc, sizes, times in rows:
        cells = []
        for nm in names:
            t = [x[0] for x in times[nm]]
            r = [t[i + 1] / t[i] if t[i] > 0 else float("nan") for i in range(2)]
            cells.append(" / ".join(f"{x:.2f}" for x in t) + " | " + " , ".join(f"{x:.1f}" for x in r))
        print(f"| {axis}: {desc} | {sizes[0]:,} / {sizes[1]:,} / {sizes[2]:,} | " + " | ".join(cells) + " |")
    if a.unused_build:
        unused_skills_build(a, names)


if __name__ == "__main__":
    main()
