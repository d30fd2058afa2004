#!/usr/bin/env python3
"""Generate a synthetic ladder site (and the same records as JSON for the Hugo comparison).

    python3 benches/gen.py --roles 3000 --skills 14000 --out /dev/shm/ladder-bench/site-3000 [--seed 1]

Writes, following PRODUCT.md section 2:

    DIR/data/site.yaml, sources.yaml, categories.yaml, industries.yaml, skills.yaml, pay.yaml,
    quiz.yaml, roles/ID.yaml, paths/ID.yaml
    DIR/content/_index.md, DIR/content/SLUG.md (guides; about one in five nested, topics/SLUG.md)
    DIR/hugo/data/*.json           the same records as JSON (Hugo's content adapters read them)
    DIR/hugo/content/_index.md, DIR/hugo/content/guides/**.md   the same Markdown for Hugo

Proportions (defaults): skills = roles*14/3, 8 categories, 20 industries, roles/10 paths (3-5 steps,
about a third starting with a `job:` step), roles/20 guides, roles/50 sources, roles/60 shared pay
bands. Each role lists 2-40 skills drawn from a Zipf-like popularity (a few skills appear in a large
share of roles; every skill is used at least once), 0-3 aliases, 0-3 pay bands of varied shapes, 1-4
industries, 0-5 related roles, a quiz fit that is never all zero. Every source and industry is cited.
`--shape real` makes a site shaped like public occupation data instead (the shape the team's own
generator missed): with the default skill count, roles use only about 5 skills per 3 roles, so most
skills are listed by no role and each draws a warning; roles list 10-30 skills; role and skill
summaries run 150-600 characters and carry 2-10 long aliases; every guide ends with a list of
150-400 links. The default shape's output is unchanged by this option's existence.
Same seed, same bytes. Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import math
import os
import random
import re
import shutil
import sys
from pathlib import Path

# ---------------------------------------------------------------------------------------------
# Vocabulary

ROLE_MODS = ["Junior", "Senior", "Lead", "Principal", "Staff", "Associate", "Chief", "Head of",
             "Applied", "Clinical", "Remote", "Field", "Regional", "Technical", "Freelance",
             "Contract", "Specialist", "Assistant", "Deputy", "Certified"]
ROLE_DOMAINS = ["AI", "Data", "Model", "Prompt", "Evaluation", "Safety", "Quality", "Compliance",
                "Governance", "Annotation", "Knowledge", "Retrieval", "Agent", "Vision", "Speech",
                "Language", "Robotics", "Privacy", "Risk", "Audit", "Product", "Platform",
                "Infrastructure", "Security", "Fairness", "Medical", "Legal", "Financial",
                "Education", "Localisation", "Search", "Ranking", "Content", "Trust", "Policy",
                "Research", "Analytics", "Automation", "Workflow", "Operations"]
ROLE_NOUNS = ["Engineer", "Analyst", "Evaluator", "Trainer", "Reviewer", "Auditor", "Manager",
              "Designer", "Scientist", "Architect", "Consultant", "Strategist", "Coordinator",
              "Writer", "Editor", "Curator", "Tester", "Operator", "Advisor", "Officer",
              "Researcher", "Developer", "Specialist", "Lead", "Director"]

SKILL_ADJ = ["", "Applied", "Advanced", "Practical", "Statistical", "Clinical", "Legal", "Visual",
             "Automated", "Manual", "Distributed", "Secure", "Multilingual", "Structured",
             "Exploratory", "Comparative", "Regulatory", "Operational", "Ethical", "Domain"]
SKILL_TOPICS = ["Python", "SQL", "Rust", "Go", "TypeScript", "Spark", "Kubernetes", "Docker",
                "Terraform", "PyTorch", "TensorFlow", "JAX", "ONNX", "CUDA", "Airflow", "dbt",
                "Rubric", "Prompt", "Benchmark", "Regression", "Annotation", "Labelling", "Taxonomy",
                "Ontology", "Retrieval", "Embedding", "Vector", "Search", "Ranking", "Recommender",
                "Speech", "Vision", "OCR", "Translation", "Summarisation", "Dialogue", "Agent",
                "Tool-use", "Reward", "Preference", "Feedback", "Safety", "Red-team", "Jailbreak",
                "Bias", "Fairness", "Privacy", "GDPR", "HIPAA", "SOX", "Audit", "Risk", "Policy",
                "Contract", "Clinical", "Radiology", "Pharmacy", "Finance", "Accounting", "Tax",
                "Insurance", "Actuarial", "Legal", "Patent", "Procurement", "Supply-chain",
                "Logistics", "Energy", "Climate", "Geospatial", "Robotics", "Sensor", "Telemetry",
                "Observability", "Incident", "Cost", "Latency", "Throughput", "Caching", "Queue",
                "Stream", "Batch", "Pipeline", "Schema", "Metadata", "Lineage", "Catalogue",
                "Dashboard", "Report", "Survey", "Interview", "Workshop", "Curriculum", "Lesson",
                "Coaching", "Hiring", "Budget", "Roadmap", "Stakeholder", "Vendor", "Change",
                "Adoption", "Documentation", "Style-guide", "Glossary", "Localisation", "Accessibility",
                "Usability", "Interaction", "Conversation", "Chart", "Statistics", "Probability",
                "Causal", "Experiment", "A/B", "Forecast", "Anomaly", "Fraud", "Identity", "Access",
                "Encryption", "Threat", "Model-card", "Dataset", "Synthetic-data", "Sampling"]
SKILL_ACTS = ["design", "analysis", "writing", "review", "testing", "tuning", "modelling",
              "engineering", "operations", "governance", "evaluation", "debugging", "monitoring",
              "planning", "auditing", "curation", "reporting", "automation", "optimisation",
              "research", "training", "management", "architecture", "validation", "migration",
              "integration", "annotation", "scoring", "triage", "facilitation", "negotiation",
              "mapping", "profiling", "hardening", "documentation", "literacy", "fluency",
              "instrumentation", "forecasting", "benchmarking"]
SKILL_GROUPS = ["Core", "Technical", "Domain", "Task type", "Knowledge", "Governance and business",
                "Data", "Infrastructure", "Communication", "Leadership", "Research", "Security"]

SYLL = ["ka", "lo", "mi", "ren", "to", "va", "qui", "zar", "nel", "dor", "fi", "sa", "tem", "bru",
        "gal", "pe", "xo", "lin", "cor", "da"]

INDUSTRY_NAMES = ["Healthcare and life sciences", "Legal services", "Financial services", "Insurance",
                  "Education", "Retail and e-commerce", "Manufacturing", "Energy and utilities",
                  "Telecommunications", "Media and entertainment", "Government and public sector",
                  "Transport and logistics", "Agriculture", "Construction and real estate",
                  "Hospitality and travel", "Pharmaceuticals", "Cybersecurity", "Gaming",
                  "Frontier model labs", "Non-profit and research", "Automotive", "Aerospace",
                  "Biotechnology", "Consumer software", "Advertising"]
CATEGORY_NAMES = [("Technical roles", "Building, shipping and running models and the software around them."),
                  ("Semi-technical roles", "Testing and judging model output and documenting it."),
                  ("Business and leadership", "Choosing where AI is used and steering its adoption."),
                  ("AI training and data work", "Human feedback, labelling and evaluation for training."),
                  ("Governance and risk", "Rules, audits and accountability for AI systems."),
                  ("Research", "Studying how models learn, fail and can be improved."),
                  ("Design and content", "Interfaces, writing and knowledge for AI products."),
                  ("Operations", "Keeping AI programmes, vendors and teams running."),
                  ("Domain specialists", "Professionals who bring a field's expertise to AI work."),
                  ("Security", "Attacking and defending AI systems.")]
PUBLISHERS = ["Mercor", "iMerit", "Goka World News", "World Economic Forum", "Bureau of Labor Statistics",
              "O*NET", "levels.fyi", "Glassdoor", "Stack Overflow", "OECD", "Eurostat", "ONS",
              "McKinsey", "Gartner", "Indeed Hiring Lab", "LinkedIn Economic Graph"]
KINDS = ["vendor", "news", "report", "government", "dataset"]
TASK_VERBS = ["Write", "Review", "Design", "Build", "Maintain", "Score", "Audit", "Document", "Test",
              "Compare", "Label", "Monitor", "Escalate", "Explain", "Plan", "Train", "Coordinate",
              "Measure", "Report on", "Prioritise"]
TASK_OBJS = ["evaluation rubrics", "regression suites", "model answers", "annotation guidelines",
             "training data", "prompt libraries", "risk registers", "incident reports",
             "retrieval pipelines", "dashboards for stakeholders", "vendor contracts", "edge cases",
             "policy documents", "benchmark results", "quality metrics", "team workflows",
             "deployment checklists", "model cards", "red-team findings", "customer feedback"]
BACKGROUNDS = ["QA engineering", "Data analysis", "Clinical practice", "Law", "Accounting",
               "Teaching", "Technical writing", "Software engineering", "DevOps", "Customer support",
               "Journalism", "Library science", "Translation", "Project management", "Consulting",
               "Academic research", "Compliance", "Nursing", "Design", "Sales engineering"]
CREDENTIALS = ["MD", "JD", "CPA", "PE", "PhD", "RN", "CFA", "CISSP", "PMP"]
STAGES = ["Starting out", "Moving up", "Going deeper", "Leading", "Specialising", "Owning the area"]
JOBS = ["Any professional background", "A job in customer service", "Classroom teaching",
        "A QA or testing job", "Work as a lawyer or paralegal", "Clinical practice",
        "Software engineering", "Technical writing", "Data analysis in any field"]
LOREM = ("teams rely on careful judgement and clear writing when models fail in ways that look "
         "right at first glance so the work rewards patience consistency and a habit of checking "
         "claims against sources before they reach users or regulators").split()
LOREM += [w.lower() for w in ROLE_DOMAINS + ROLE_NOUNS + SKILL_TOPICS + SKILL_ACTS if w.isalpha()]

TRAITS = [("code", "Writing code"), ("evaluate", "Judging quality"), ("domain", "Professional expertise"),
          ("policy", "Rules, risk and compliance"), ("lead", "Leading teams"), ("people", "Working with people")]


def slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s or "x"


# ---------------------------------------------------------------------------------------------
# YAML writing (a small emitter for the shapes we write; strings always double-quoted)

def q(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def scalar(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return repr(v)
    if isinstance(v, str):
        return q(v)
    raise TypeError(v)


def flow(v) -> str:
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k}: {flow(x)}" for k, x in v.items()) + " }"
    if isinstance(v, list):
        return "[" + ", ".join(flow(x) for x in v) + "]"
    return scalar(v)


def block_str(s: str, indent: str) -> str:
    lines = s.rstrip("\n").split("\n")
    return "|\n" + "\n".join((indent + ln) if ln else "" for ln in lines)


def emit_map(d: dict, indent: str = "") -> list[str]:
    """A block mapping. Multi-line strings become literal blocks; lists of scalars and small maps
    are flow style; lists of maps are block sequences of flow maps."""
    out = []
    for k, v in d.items():
        if v is None:
            continue
        if isinstance(v, str) and "\n" in v:
            out.append(f"{indent}{k}: {block_str(v, indent + '  ')}")
        elif isinstance(v, list) and v and isinstance(v[0], dict):
            out.append(f"{indent}{k}:")
            for item in v:
                if any(isinstance(x, str) and "\n" in x for x in item.values()):
                    sub = emit_map(item, indent + "    ")
                    sub[0] = indent + "  - " + sub[0].lstrip()
                    out.extend(sub)
                else:
                    out.append(f"{indent}  - {flow(item)}")
        elif isinstance(v, list) and v and isinstance(v[0], str) and any(len(x) > 60 or "\n" in x for x in v):
            out.append(f"{indent}{k}:")
            for item in v:
                out.append(f"{indent}  - {scalar(item)}")
        elif isinstance(v, dict) and any(isinstance(x, str) and "\n" in x for x in v.values()):
            out.append(f"{indent}{k}:")
            out.extend(emit_map(v, indent + "  "))
        else:
            out.append(f"{indent}{k}: {flow(v)}")
    return out


def emit_list(items: list[dict]) -> str:
    out = []
    for it in items:
        lines = emit_map(it, "  ")
        lines[0] = "- " + lines[0][2:]
        out.extend(lines)
        out.append("")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------

class Gen:
    def __init__(self, roles: int, skills: int, seed: int, shape: str = "ours"):
        self.n_roles = roles
        self.n_skills = skills
        self.rng = random.Random(seed)
        # "real": shaped like public occupation data (see --shape); "ours": the original shape.
        self.real = shape == "real"

    def long_text(self, chars=(200, 600)) -> str:
        """Running text of a length drawn from `chars` (real shape: summaries, aliases)."""
        r = self.rng
        want = r.randint(*chars)
        out = []
        while sum(len(x) + 1 for x in out) < want:
            out.append(self.sentence((10, 24)))
        return " ".join(out)

    # text helpers
    def sentence(self, words=(8, 16)) -> str:
        r = self.rng
        n = r.randint(*words)
        w = [r.choice(LOREM) for _ in range(n)]
        return (" ".join(w)).capitalize() + "."

    def para(self, n=(2, 4)) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(*n)))

    def pseudo(self) -> str:
        r = self.rng
        return "".join(r.choice(SYLL) for _ in range(r.randint(2, 3))).capitalize()

    def date(self, lo=(2025, 1), hi=(2026, 11)) -> str:
        r = self.rng
        y = r.randint(lo[0], hi[0])
        m = r.randint(1, 12) if y != hi[0] else r.randint(1, hi[1])
        return f"{y:04d}-{m:02d}-{r.randint(1, 28):02d}"

    def run(self):
        r = self.rng
        N, M = self.n_roles, self.n_skills

        # --- sources: ~roles/50, a fifth of them not read by us (quoted "as reported by")
        n_src = max(3, N // 50)
        self.sources = []
        for i in range(n_src):
            pub = r.choice(PUBLISHERS)
            title = f"{self.pseudo()} report on {r.choice(ROLE_DOMAINS).lower()} work, part {i + 1}"
            sid = f"{slug(pub)}-{slug(title)}"[:90].strip("-")
            s = {"id": sid, "title": title, "publisher": pub, "kind": r.choice(KINDS)}
            read = i < 2 or r.random() > 0.2
            if read:
                s["url"] = f"https://example.com/{slug(pub)}/{i}"
                s["accessed"] = self.date((2026, 1), (2026, 11))
            if r.random() < 0.6:
                s["date"] = self.date((2024, 1), (2025, 12))
            if r.random() < 0.3:
                s["note"] = self.sentence()
            self.sources.append(s)
        self.read_src = [s["id"] for s in self.sources if "url" in s]
        self.unread_src = [s["id"] for s in self.sources if "url" not in s]

        # --- categories and industries
        self.categories = []
        for name, summ in CATEGORY_NAMES[:8]:
            c = {"id": slug(name), "name": name, "summary": summ}
            if r.random() < 0.5:
                c["outlook"] = {"summary": self.sentence(), "source": r.choice(self.read_src)}
            self.categories.append(c)
        self.industries = []
        for name in INDUSTRY_NAMES[:20]:
            ind = {"id": slug(name), "name": name, "summary": self.sentence()}
            if r.random() < 0.7:
                ind["description"] = self.para() + "\n\n" + self.para() + "\n"
            if r.random() < 0.3:
                ind["outlook"] = {"summary": self.sentence(), "source": r.choice(self.read_src)}
            self.industries.append(ind)

        # --- skills: unique names, shuffled file order, random popularity rank
        names, seen = [], set()
        while len(names) < M:
            adj = r.choice(SKILL_ADJ)
            topic = r.choice(SKILL_TOPICS) if r.random() < 0.85 else self.pseudo()
            name = " ".join(x for x in (adj, topic, r.choice(SKILL_ACTS)) if x)
            sid = slug(name)
            if sid in seen:
                continue
            seen.add(sid)
            names.append((sid, name[0].upper() + name[1:]))
        self.skills = []
        for sid, name in names:
            s = {"id": sid, "name": name, "group": r.choice(SKILL_GROUPS)}
            if self.real:
                # O*NET-like: a long description and several long alternative titles.
                s["summary"] = self.long_text((150, 500))
                s["aliases"] = [f"{name.split()[-1].lower()} {self.pseudo().lower()} "
                                + self.long_text((30, 110)).rstrip(".").lower() for _ in range(r.randint(2, 6))]
            else:
                if r.random() < 0.8:
                    s["summary"] = self.sentence()
                k = r.choices([0, 1, 2, 3], [5, 3, 1.5, 0.5])[0]
                if k:
                    s["aliases"] = [f"{name.split()[-1].lower()} {self.pseudo().lower()}" for _ in range(k)]
            if r.random() < 0.5:
                s["learn"] = self.para((1, 3)) + "\n"
            self.skills.append(s)
        skill_ids = [s["id"] for s in self.skills]
        pop = skill_ids[:]
        r.shuffle(pop)  # pop[0] is the most popular skill
        if self.real:
            # Roles draw from a popular subset of about 5 skills per 3 roles; the rest are listed
            # by no role (and each draws a warning), as in public occupation data.
            pop = pop[:max(2, min(M, N * 5 // 3))]
        M = len(pop)
        cum = list(itertools.accumulate(1.0 / (k + 1) ** 1.05 for k in range(M)))
        total = cum[-1]

        # --- roles: titles, ids
        role_ids, titles, seen = [], [], set()
        while len(role_ids) < N:
            t = f"{r.choice(ROLE_MODS)} {r.choice(ROLE_DOMAINS)} {r.choice(ROLE_NOUNS)}"
            if r.random() < 0.3:
                t = f"{r.choice(ROLE_DOMAINS)} {t.split(' ', 1)[1]}" if r.random() < 0.5 else \
                    f"{t} ({r.choice(ROLE_DOMAINS)})"
            rid = slug(t)
            n = 2
            while rid in seen:
                rid = f"{slug(t)}-{n}"
                n += 1
            seen.add(rid)
            role_ids.append(rid)
            titles.append(t if n == 2 else f"{t} {n - 1}")
        self.role_ids = role_ids
        cat_w = [1.0 / (k + 1) ** 0.7 for k in range(len(self.categories))]
        ind_ids = [i["id"] for i in self.industries]
        ind_w = [1.0 / (k + 1) ** 0.8 for k in range(len(ind_ids))]

        # skills per role: skewed count 2..40, Zipf-like choice of which
        role_skills: list[list[str]] = []
        for _ in range(N):
            if self.real:
                k = min(r.randint(10, 30), M)
            else:
                k = int(round(math.exp(r.gauss(math.log(10), 0.55))))
                k = max(2, min(40, k, M))
            chosen, cs = [], set()
            while len(chosen) < k:
                x = r.random() * total
                sid = pop[min(bisect.bisect_left(cum, x), M - 1)]
                if sid not in cs:
                    cs.add(sid)
                    chosen.append(sid)
            role_skills.append(chosen)
        used = set(itertools.chain.from_iterable(role_skills))
        unused = [] if self.real else [s for s in pop if s not in used]
        # Every skill used at least once: the tail goes mostly to roles that already list many.
        weights = [len(x) for x in role_skills]
        for sid in unused:
            while True:
                i = r.choices(range(N), weights)[0] if N < 2000 else self._wchoice(weights)
                if len(role_skills[i]) < 40:
                    role_skills[i].append(sid)
                    weights[i] = len(role_skills[i])
                    break
                weights[i] = 0

        # shared pay bands
        n_bands = max(4, N // 60)
        self.bands = []
        for i in range(n_bands):
            b = self.band(shared=True)
            b = {"id": f"band-{i + 1}-{slug(b.get('label', 'work'))}"[:60].strip("-"), **b}
            self.bands.append(b)
        band_ids = [b["id"] for b in self.bands]

        self.roles = []
        for i, rid in enumerate(role_ids):
            cat = r.choices(self.categories, cat_w)[0]["id"]
            role = {"title": titles[i]}
            k = r.choices([0, 1, 2, 3], [4, 3, 2, 1])[0]
            if k:
                role["aliases"] = [f"{r.choice(ROLE_DOMAINS)} {r.choice(ROLE_NOUNS).lower()}" for _ in range(k)]
            if self.real:
                role["aliases"] = role.get("aliases", []) + [
                    f"{r.choice(ROLE_DOMAINS)} {r.choice(ROLE_NOUNS).lower()} {self.long_text((20, 80)).rstrip('.').lower()}"
                    for _ in range(r.randint(3, 10))]
            role["category"] = cat
            role["summary"] = self.long_text((200, 600)) if self.real else self.sentence((10, 22))
            desc = [self.para() for _ in range(r.randint(1, 3))]
            if N > 1 and r.random() < 0.5:
                other = role_ids[r.randrange(N)]
                desc[-1] += f" The usual next step is [{titles[role_ids.index(other)] if N < 500 else 'a related role'}](@/roles/{other}/)."
            if r.random() < 0.3:
                sk = role_skills[i][0]
                desc.append(f"**Most important:** [this skill](@/skills/{sk}/), then *practice*.")
            role["description"] = "\n\n".join(desc) + "\n"
            role["tasks"] = [f"{r.choice(TASK_VERBS)} {r.choice(TASK_OBJS)}" for _ in range(r.randint(2, 7))]
            role["backgrounds"] = r.sample(BACKGROUNDS, r.randint(1, 4))
            if r.random() < 0.5:
                role["education"] = self.sentence()
            if r.random() < 0.15:
                role["credentials"] = r.sample(CREDENTIALS, r.randint(1, 2))
            role["skills"] = [self.role_skill(s) for s in role_skills[i]]
            npay = r.choices([0, 1, 2, 3], [15, 40, 30, 15])[0]
            pay = []
            for _ in range(npay):
                if r.random() < 0.2:
                    pay.append({"band": r.choice(band_ids)})
                else:
                    pay.append(self.band(shared=False))
            # drop a repeated `band:` reference
            seen_b, pay2 = set(), []
            for b in pay:
                if "band" in b:
                    if b["band"] in seen_b:
                        continue
                    seen_b.add(b["band"])
                pay2.append(b)
            if pay2:
                role["pay"] = pay2
            if not pay2 or r.random() < 0.1:
                role["pay_note"] = "None of our sources gives pay for this role. " + self.sentence() + "\n"
            ni = r.choices([1, 2, 3, 4], [4, 3, 2, 1])[0]
            inds = []
            while len(inds) < ni:
                x = r.choices(ind_ids, ind_w)[0]
                if x not in inds:
                    inds.append(x)
            role["industries"] = inds
            fit = {}
            for t, _ in r.sample(TRAITS, r.randint(2, 4)):
                fit[t] = r.randint(1, 5)
            role["fit"] = {t: fit[t] for t, _ in TRAITS if t in fit}
            nrel = r.choices([0, 1, 2, 3, 4, 5], [2, 2, 3, 3, 2, 1])[0] if N > 1 else 0
            rel = []
            while len(rel) < min(nrel, N - 1):
                x = role_ids[r.randrange(N)]
                if x != rid and x not in rel:
                    rel.append(x)
            if rel:
                role["related"] = rel
            bi = []
            for j in range(r.randint(2, 5)):
                s = self.sentence((6, 12))
                if j == 0 and r.random() < 0.3:
                    s = s[:-1] + f"; see [the guide](@/guides/)."
                bi.append(s)
            role["breaking_in"] = bi
            if r.random() < 0.2:
                role["outlook"] = {"summary": self.sentence(), "source": r.choice(self.read_src),
                                   "applies_to": "roles of this kind"}
            role["sources"] = r.sample(self.read_src, min(len(self.read_src), r.randint(1, 3)))
            role["updated"] = self.date()
            if r.random() < 0.01:
                role["redirect_from"] = [f"/jobs/{rid}/"]
            self.roles.append(role)

        # every industry listed and every source cited
        listed = {x for ro in self.roles for x in ro["industries"]}
        for ind in ind_ids:
            if ind not in listed:
                ro = self.roles[r.randrange(N)]
                ro["industries"].append(ind)
        cited = set()
        for ro in self.roles:
            cited.update(ro["sources"])
            for b in ro.get("pay", []):
                cited.update(x for x in (b.get("source"), b.get("via")) if x)
            if "outlook" in ro:
                cited.add(ro["outlook"]["source"])
        for b in self.bands:
            cited.update(x for x in (b.get("source"), b.get("via")) if x)
        for x in self.categories + self.industries:
            if "outlook" in x:
                cited.add(x["outlook"]["source"])
        for s in self.sources:
            if s["id"] in cited:
                continue
            ro = self.roles[r.randrange(N)]
            if s["id"] in self.read_src:
                ro["sources"].append(s["id"])
            else:
                band = self.band(shared=False)
                band["source"] = s["id"]
                band["via"] = r.choice(self.read_src)
                ro.setdefault("pay", []).append(band)

        # --- paths: ~roles/10, 3-5 steps, some starting with a job
        n_paths = max(2, N // 10)
        self.paths = []
        pseen = set()
        for i in range(n_paths):
            steps = []
            nsteps = r.randint(3, 5)
            if r.random() < 0.33:
                steps.append({"job": r.choice(JOBS), "focus": self.sentence((4, 8))})
            chosen = []
            while len(steps) + len(chosen) < nsteps and len(chosen) < N:
                x = role_ids[r.randrange(N)]
                if x not in chosen:
                    chosen.append(x)
            if len(steps) + len(chosen) < 2:
                steps.append({"job": r.choice(JOBS)})
            for j, x in enumerate(chosen):
                st = {"role": x, "stage": STAGES[min(j, len(STAGES) - 1)], "focus": self.sentence((4, 10))}
                if r.random() < 0.2:
                    st["years"] = f"{r.randint(1, 3)}-{r.randint(4, 6)}"
                steps.append(st)
            first = titles[role_ids.index(chosen[0])] if N < 500 else chosen[0]
            last = chosen[-1]
            title = f"From {steps[0].get('job', first)} to {last.replace('-', ' ')}"
            pid = slug(f"{steps[0].get('job', chosen[0])}-to-{last}")[:80].strip("-")
            n = 2
            base = pid
            while pid in pseen:
                pid = f"{base}-{n}"
                n += 1
            pseen.add(pid)
            p = {"title": title, "summary": self.sentence()}
            if r.random() < 0.5:
                p["sources"] = r.sample(self.read_src, 1)
            p["steps"] = steps
            self.paths.append((pid, p))

        # --- guides: ~roles/20, a fifth nested (content/topics/SLUG.md)
        n_guides = max(2, N // 20)
        self.guides = []
        gseen = set()
        for i in range(n_guides):
            title = f"{r.choice(['How to', 'Why', 'When to', 'What to know before you'])} " \
                    f"{r.choice(['move into', 'price', 'judge', 'start in', 'leave'])} " \
                    f"{r.choice(ROLE_DOMAINS).lower()} {r.choice(ROLE_NOUNS).lower()} work"
            gs = slug(title)
            n = 2
            base = gs
            while gs in gseen:
                gs = f"{base}-{n}"
                n += 1
            gseen.add(gs)
            path = f"topics/{gs}" if i % 5 == 4 else gs
            front = {"title": title, "summary": self.sentence(), "weight": i + 1}
            if r.random() < 0.7:
                front["sources"] = r.sample(self.read_src, min(2, len(self.read_src)))
            front["updated"] = self.date()
            body = []
            for h in range(r.randint(2, 5)):
                body.append(f"## {self.sentence((2, 5))[:-1]}\n")
                body.append(self.para((2, 5)) + "\n")
                if r.random() < 0.5:
                    links = [f"[{role_ids[j]}](@/roles/{role_ids[j]}/)" for j in r.sample(range(N), min(3, N))]
                    body.append("\n".join(f"- {x}: {self.sentence((4, 8))}" for x in links) + "\n")
                if r.random() < 0.3:
                    sk = r.choice(pop[:50])
                    body.append(f"Start with [a common skill](@/skills/{sk}/) and the [pay overview](@/pay/).\n")
            if self.real:
                # A long reference guide: hundreds of links to roles and skills.
                links = [f"- [{role_ids[j]}](@/roles/{role_ids[j]}/)" for j in r.sample(range(N), min(N, r.randint(100, 250)))]
                links += [f"- [{sk}](@/skills/{sk}/)" for sk in r.sample(pop, min(len(pop), r.randint(50, 150)))]
                body.append("## Every role and skill this guide names\n\n" + "\n".join(links) + "\n")
            self.guides.append((path, front, "\n".join(body)))

        # --- home
        self.home = ({"title": "Synthetic careers", "summary": "A generated site for benchmarks."},
                     "This site lists [roles](@/roles/), [skills](@/skills/), [paths](@/paths/) and the "
                     "[pay overview](@/pay/). Take the [quiz](@/quiz/).\n\n" + self.para() + "\n")

        # --- quiz: 6 traits, 6 questions (one `many`)
        has_pool = pop[:40]
        questions = []
        for qi in range(6):
            many = qi == 1
            opts = []
            for oi in range(r.randint(4, 6)):
                o = {"id": f"o{oi + 1}-{slug(r.choice(TASK_OBJS))}"[:40].strip("-"),
                     "label": self.sentence((3, 7))}
                if oi < 4 or r.random() < 0.5:
                    adds = {}
                    for t, _ in r.sample(TRAITS, r.randint(1, 2)):
                        adds[t] = r.choice([1, 2, 3, 3, 4, -1, -2]) if not many else r.randint(1, 3)
                    o["adds"] = adds
                if r.random() < 0.3:
                    o["has"] = r.sample(has_pool, 2)
                opts.append(o)
            questions.append({"id": f"q{qi + 1}", "prompt": self.sentence((5, 10))[:-1] + "?",
                              "choose": "many" if many else "one", "options": opts})
        self.quiz = {"title": "Which role fits you?",
                     "intro": "Six questions. Your answers never leave your device.\n",
                     "traits": [{"id": t, "name": n} for t, n in TRAITS],
                     "questions": questions,
                     "labels": [{"min": 0.8, "label": "Strong fit"}, {"min": 0.6, "label": "Good fit"},
                                {"min": 0, "label": "Worth a look"}]}
        self.site = {"title": f"Synthetic careers ({N} roles)", "base_url": "https://bench.example.org/",
                     "description": "A generated site for ladder's benchmarks.", "language": "en",
                     "currency": "USD"}

    def _wchoice(self, weights):
        # weighted choice without rebuilding a cumulative list each time (rejection sampling)
        r = self.rng
        mx = 40
        n = len(weights)
        while True:
            i = r.randrange(n)
            if r.random() * mx < weights[i]:
                return i

    def role_skill(self, sid):
        r = self.rng
        d = {"skill": sid, "level": r.choices(["basic", "working", "expert"], [3, 5, 2])[0]}
        if r.random() < 0.15:
            d["optional"] = True
        return d

    def band(self, shared: bool) -> dict:
        r = self.rng
        shape = r.choices(["range", "open_high", "up_to", "mean", "pct", "median", "hourly", "via"],
                          [25, 10, 8, 8, 10, 7, 25, 7])[0]
        hourly = shape == "hourly" or (shape in ("range", "open_high", "up_to") and r.random() < 0.3)
        b = {}
        if r.random() < 0.8:
            b["label"] = f"{r.choice(['Full-time', 'Contract', 'Entry-level', 'Senior', 'Freelance'])} " \
                         f"{r.choice(ROLE_NOUNS).lower()}, {r.choice(['US', 'UK', 'EU', 'worldwide', 'remote'])}"
        b["basis"] = "hourly" if hourly else "annual"
        if r.random() < 0.08:
            b["currency"] = r.choice(["EUR", "GBP"])
        base = r.randint(15, 90) if hourly else r.randrange(35000, 180000, 500)
        step = (lambda x: round(x * 2) / 2) if hourly else (lambda x: float(int(x / 500) * 500))
        if shape in ("range", "hourly", "via"):
            b["low"] = step(base)
            b["high"] = step(base * r.uniform(1.2, 2.2))
        elif shape == "open_high":
            b["low"] = step(base)
            if r.random() < 0.4:
                b["high"] = step(base * 1.5)
            b["open_high"] = True
        elif shape == "up_to":
            b["high"] = step(base * 1.6)
            b["up_to"] = True
        elif shape == "mean":
            b["mean"] = step(base * 1.2)
        elif shape == "median":
            b["median"] = step(base * 1.2)
        else:
            f = [base, base * 1.15, base * 1.3, base * 1.5, base * 1.8]
            for k, v in zip(["p10", "p25", "median", "p75", "p90"], f):
                b[k] = step(v)
        if r.random() < 0.3:
            b["approx"] = True
        if r.random() < 0.4:
            b["level"] = r.choice(["entry", "mid", "senior", "lead"])
        if r.random() < 0.6:
            b["arrangement"] = r.choice(["employed", "contract", "freelance", "gig"])
        if r.random() < 0.3:
            b["region"] = r.choice(["US", "UK", "EU", "Worldwide"])
        if shape == "via" and self.unread_src:
            b["source"] = r.choice(self.unread_src)
            b["via"] = r.choice(self.read_src)
        else:
            b["source"] = r.choice(self.read_src)
        if shared or r.random() < 0.15:
            b["note"] = self.sentence() + "\n"
        return b

    # -----------------------------------------------------------------------------------------
    def write(self, out: Path):
        if out.exists():
            shutil.rmtree(out)
        data = out / "data"
        (data / "roles").mkdir(parents=True)
        (data / "paths").mkdir()
        (out / "content" / "topics").mkdir(parents=True)

        def w(path: Path, text: str):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")

        w(data / "site.yaml", "\n".join(emit_map(self.site)) + "\n")
        w(data / "sources.yaml", "# Generated sources\n" + emit_list(self.sources))
        w(data / "categories.yaml", emit_list(self.categories))
        w(data / "industries.yaml", emit_list(self.industries))
        w(data / "skills.yaml", "# Generated skills\n" + emit_list(self.skills))
        w(data / "pay.yaml", emit_list(self.bands))
        w(data / "quiz.yaml", self.quiz_yaml())
        for rid, role in zip(self.role_ids, self.roles):
            w(data / "roles" / f"{rid}.yaml", f"# {role['title']}\n" + "\n".join(emit_map(role)) + "\n")
        for pid, p in self.paths:
            w(data / "paths" / f"{pid}.yaml", "\n".join(emit_map(p)) + "\n")
        for path, front, body in self.guides:
            w(out / "content" / f"{path}.md", "---\n" + "\n".join(emit_map(front)) + "\n---\n\n" + body)
        hf, hb = self.home
        w(out / "content" / "_index.md", "---\n" + "\n".join(emit_map(hf)) + "\n---\n\n" + hb)

        # Hugo: the same records as JSON, ids inside each record
        h = out / "hugo"
        hd = h / "data"
        hd.mkdir(parents=True)

        def j(name, obj):
            (hd / f"{name}.json").write_text(json.dumps(obj, ensure_ascii=False, separators=(",", ":")),
                                            encoding="utf-8")
        j("site", self.site)
        j("sources", self.sources)
        j("categories", self.categories)
        j("industries", self.industries)
        j("skills", self.skills)
        j("pay", self.bands)
        j("quiz", self.quiz)
        j("roles", [{"id": rid, **role} for rid, role in zip(self.role_ids, self.roles)])
        j("paths", [{"id": pid, **p} for pid, p in self.paths])
        for path, front, body in self.guides:
            w(h / "content" / "guides" / f"{path}.md", "---\n" + "\n".join(emit_map(front)) + "\n---\n\n" + body)
        w(h / "content" / "_index.md", "---\n" + "\n".join(emit_map(hf)) + "\n---\n\n" + hb)

    def quiz_yaml(self) -> str:
        qz = self.quiz
        out = [f"title: {q(qz['title'])}", f"intro: {block_str(qz['intro'], '  ')}", "traits:"]
        out += [f"  - {flow(t)}" for t in qz["traits"]]
        out.append("questions:")
        for qu in qz["questions"]:
            out.append(f"  - id: {qu['id']}")
            out.append(f"    prompt: {q(qu['prompt'])}")
            out.append(f"    choose: {qu['choose']}")
            out.append("    options:")
            out += [f"      - {flow(o)}" for o in qu["options"]]
        out.append("labels: " + flow(qz["labels"]))
        return "\n".join(out) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--roles", type=int, required=True)
    ap.add_argument("--skills", type=int, help="default: roles*14/3")
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--shape", choices=["ours", "real"], default="ours",
                    help="ours: every skill used, short text (the original benchmark); real: shaped like "
                         "public occupation data: about 5 of every 14 skills used by roles (the rest each "
                         "draw a warning), roles with 10-30 skills, summaries and aliases of hundreds of "
                         "characters, guides with hundreds of links")
    a = ap.parse_args(argv)
    skills = a.skills if a.skills is not None else a.roles * 14 // 3
    if a.roles < 1 or skills < 2:
        ap.error("need at least one role and two skills")
    if skills > a.roles * 40:
        ap.error("more skills than roles can list (40 each)")
    g = Gen(a.roles, skills, a.seed, a.shape)
    g.run()
    g.write(a.out)
    pairs = sum(len(ro["skills"]) for ro in g.roles)
    print(f"gen: {a.out}: {a.roles} roles, {skills} skills ({pairs} role-skill pairs), "
          f"{len(g.paths)} paths, {len(g.guides)} guides, {len(g.sources)} sources, "
          f"{len(g.bands)} shared pay bands", file=sys.stderr)


if __name__ == "__main__":
    main()
