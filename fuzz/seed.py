#!/usr/bin/env python3
"""Seed the fuzz corpora from the repo's own inputs (run from the repo root):

    python3 fuzz/seed.py

corpus/data_file/: every file of tests/fixture, and every broken file written by
tests/diagnostics.rs (its `("data/...", "...")` pairs and `role("...")` cases), each prefixed
with the byte that makes the target write it at the right place (see fuzz_targets/data_file.rs).
corpus/site/ is left to the structured generator (libFuzzer starts it from empty inputs).
"""
import re
from pathlib import Path

repo = Path(__file__).resolve().parent.parent
fixture = repo / "tests/fixture"
files = sorted(str(p.relative_to(fixture)) for p in fixture.rglob("*") if p.is_file())
new = ["data/roles/new-role.yaml", "data/paths/new-path.yaml", "content/new-page.md"]
out = repo / "fuzz/corpus/data_file"
out.mkdir(parents=True, exist_ok=True)


def pick(rel: str) -> int:
    if rel in files:
        return files.index(rel)
    if rel.startswith("data/roles/"):
        return len(files)
    if rel.startswith("data/paths/"):
        return len(files) + 1
    if rel.startswith("content/"):
        return len(files) + 2
    return files.index("data/site.yaml")


def seed(rel: str, body: bytes, n: int) -> None:
    (out / f"seed-{n:03}").write_bytes(bytes([pick(rel)]) + body)


n = 0
for rel in files:
    seed(rel, (fixture / rel).read_bytes(), n)
    n += 1

src = (repo / "tests/diagnostics.rs").read_text()
lit = r'"((?:[^"\\]|\\.)*)"'


def unescape(s: str) -> bytes:
    return s.encode("utf-8").decode("unicode_escape").encode("latin-1", "replace") if s.isascii() else \
        s.replace("\\n", "\n").replace('\\"', '"').replace("\\\\", "\\").encode()


role = ("title: Analyst\ncategory: technical\nsummary: Reads numbers.\nskills:\n"
        "  - { skill: python, level: working }\npay_note: None published.\nsources: [survey]\n")
for m in re.finditer(r'\(\s*"((?:data|content|templates)/[^"]+)",\s*' + lit, src):
    seed(m.group(1), unescape(m.group(2)), n)
    n += 1
for m in re.finditer(r'role\(\s*' + lit, src):
    seed("data/roles/new-role.yaml", role.encode() + unescape(m.group(1)), n)
    n += 1
print(f"{n} seeds in {out}")
