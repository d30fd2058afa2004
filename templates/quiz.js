// @ts-check
// The role-fit quiz: scoring exactly as PRODUCT.md section 2 defines it (the same rules as
// src/quiz/score.rs, which tests/quiz.rs diffs this against) and the quiz page around it.
// ladder puts the compiled data (src/quiz/page.rs documents its layout) where
// __LADDER_QUIZ_DATA__ stands. Nothing here makes a request or stores anything.
//
// The data comes as compact arrays (a quiz over thousands of roles stays small); `unpack` reads
// each position once, by name, and everything below uses the named fields.
// Checked with `tsc --noEmit --allowJs --checkJs` (tests/browser: `npm run check-scripts`).

/**
 * The compiled data, as src/quiz/page.rs writes it.
 * @typedef {[id: string, adds: number[], has: number[]]} RawOption
 * @typedef {[id: string, many: boolean, options: RawOption[]]} RawQuestion
 * @typedef {[text: string, source: number]} RawPay
 * @typedef {[id: string, title: string, fit: number[], need: number[], needCount: number, pay: RawPay[], path: number]} RawRole
 * @typedef {{
 *   base: string, learn: number, traits: string[], active: number[],
 *   questions: RawQuestion[], roles: RawRole[], skills: [string, string][], sources: string[],
 *   paths: [string, string][], labels: [number, string][]
 * }} QuizData
 *
 * The same, with named fields.
 * @typedef {{ id: string, adds: number[], has: number[] }} Option
 *   `adds`: the option's amount for every trait (dense); `has`: skill indices.
 * @typedef {{ id: string, many: boolean, options: Option[] }} Question
 * @typedef {{ text: string, source: number }} Pay  `source`: index into sources, or -1.
 * @typedef {{ id: string, title: string, fit: number[], need: number[], needCount: number,
 *   pay: Pay[], path: number, norm: number, normBig: bigint }} Role
 *   `fit` sparse as [trait, value, ...]; `need` skill indices; `path` index into paths, or -1;
 *   `norm` the sum of the squared fit values.
 * @typedef {{ id: string, name: string }} Named
 * @typedef {{ min: number, name: string }} Label
 *
 * A sheet: per question, the chosen option indices. A ranking entry: a role index, its dot
 * product with the totals, and that squared (made when first needed).
 * @typedef {number[][]} Sheet
 * @typedef {{ role: number, d: number, dd: bigint | null }} Entry
 */

((/** @type {QuizData} */ data) => {
  "use strict";
  const traitCount = data.traits.length;
  const SAFE = Number.MAX_SAFE_INTEGER;

  // ---- the data, by name ---------------------------------------------------------------------
  /** @param {number[]} pairs sparse [index, value, ...] @returns {number[]} one value per trait */
  const dense = (pairs) => {
    const v = new Array(traitCount).fill(0);
    for (let j = 0; j < pairs.length; j += 2) v[pairs[j]] = pairs[j + 1];
    return v;
  };
  /** @param {number[]} fit */
  const sumOfSquares = (fit) => {
    let s = 0;
    for (let j = 0; j < fit.length; j += 2) s += fit[j + 1] * fit[j + 1];
    return s;
  };
  /** @type {Question[]} */
  const questions = data.questions.map(([id, many, options]) => ({
    id,
    many,
    options: options.map(([optionId, adds, has]) => ({ id: optionId, adds: dense(adds), has })),
  }));
  /** @type {Role[]} */
  const roles = data.roles.map(([id, title, fit, need, needCount, pay, path]) => {
    const norm = sumOfSquares(fit);
    return {
      id, title, fit, need, needCount, path, norm, normBig: BigInt(norm),
      pay: pay.map(([text, source]) => ({ text, source })),
    };
  });
  /** @type {Named[]} */
  const skills = data.skills.map(([id, name]) => ({ id, name }));
  /** @type {Named[]} */
  const paths = data.paths.map(([id, name]) => ({ id, name }));
  /** @type {Label[]} highest min first */
  const labels = data.labels.map(([min, name]) => ({ min, name }));

  // ---- scoring -------------------------------------------------------------------------------
  /** Trait totals of a sheet. @param {Sheet} sheet */
  function totals(sheet) {
    const t = dense([]);
    questions.forEach((q, qi) => {
      for (const o of sheet[qi] || []) {
        const adds = q.options[o].adds;
        for (let i = 0; i < traitCount; i++) t[i] += adds[i];
      }
    });
    return t;
  }

  /** Flat: the totals are equal over the traits some option adds to (all zero included).
   * @param {number[]} t */
  function isFlat(t) {
    const first = t[data.active[0]];
    return data.active.every((i) => t[i] === first);
  }

  /** @param {number[]} t @param {number} r */
  function dot(t, r) {
    const fit = roles[r].fit;
    let d = 0;
    for (let j = 0; j < fit.length; j += 2) d += t[fit[j]] * fit[j + 1];
    return d;
  }

  /** @param {number[]} t @param {number} role @returns {Entry} */
  const entry = (t, role) => ({ role, d: dot(t, role), dd: null });

  /** d² as BigInt, made once per entry. @param {Entry} e */
  function squared(e) {
    if (e.dd === null) e.dd = BigInt(e.d) * BigInt(e.d);
    return e.dd;
  }

  /** Negative when a ranks above b: sign(d_a)·d_a²·nf_b against sign(d_b)·d_b²·nf_a, compared
   * exactly in BigInt; exact ties go to the smaller role id (roles are sorted by id).
   * @param {Entry} a @param {Entry} b */
  function compare(a, b) {
    const sa = Math.sign(a.d), sb = Math.sign(b.d);
    if (sa !== sb) return sb - sa;
    if (sa !== 0) {
      const x = squared(a) * roles[b.role].normBig, y = squared(b) * roles[a.role].normBig;
      if (x !== y) return (x > y ? -1 : 1) * sa;
    }
    return a.role - b.role;
  }

  /** @param {number[]} t */
  const normOf = (t) => t.reduce((s, x) => s + x * x, 0);

  /** d / sqrt(nt·nf): the product exact (BigInt when past 2^53), then one rounding to a double.
   * @param {number} d @param {number[]} t @param {number} nt @param {number} nf */
  function score(d, t, nt, nf) {
    let p = nt * nf;
    if (nt > SAFE || p > SAFE) {
      let b = 0n;
      for (let i = 0; i < traitCount; i++) b += BigInt(t[i]) * BigInt(t[i]);
      p = Number(b * BigInt(nf));
    }
    return d / Math.sqrt(p);
  }

  /** The entry's label, or null: no label for d <= 0.
   * @param {Entry} e @param {number[]} t @param {number} nt @returns {string | null} */
  function labelOf(e, t, nt) {
    if (e.d <= 0) return null;
    const s = score(e.d, t, nt, roles[e.role].norm);
    const found = labels.find((l) => l.min <= s);
    return found ? found.name : null;
  }

  /** Every role, best first. @param {number[]} t */
  const rank = (t) => roles.map((_, r) => entry(t, r)).sort(compare);

  /** The first n of rank(t), by selection (what the page shows). @param {number[]} t @param {number} n */
  function top(t, n) {
    /** @type {Entry[]} */
    const best = [];
    for (let r = 0; r < roles.length; r++) {
      const e = entry(t, r);
      if (best.length === n && compare(e, best[n - 1]) > 0) continue;
      let at = best.length;
      while (at > 0 && compare(e, best[at - 1]) < 0) at--;
      best.splice(at, 0, e);
      if (best.length > n) best.pop();
    }
    return best;
  }

  /** Skills the chosen options show the person has (skill indices). @param {Sheet} sheet */
  function hasSet(sheet) {
    /** @type {Set<number>} */
    const has = new Set();
    questions.forEach((q, qi) => {
      for (const o of sheet[qi] || []) for (const s of q.options[o].has) has.add(s);
    });
    return has;
  }

  /** The role's required skills no chosen option has, most important first: the first
   * `data.learn`, and how many more there are. @param {number} r @param {Sheet} sheet */
  function learn(r, sheet) {
    const has = hasSet(sheet);
    /** @type {number[]} */
    const out = [];
    let covered = 0;
    for (const s of roles[r].need) {
      if (has.has(s)) covered++;
      else if (out.length < data.learn) out.push(s);
    }
    return { skills: out, more: roles[r].needCount - covered - out.length };
  }

  /** A sheet from [question id, option id] pairs; unknown ids are skipped.
   * @param {[string, string][]} pairs @returns {Sheet} */
  function sheetFromPairs(pairs) {
    /** @type {Sheet} */
    const sheet = questions.map(() => []);
    for (const [questionId, optionId] of pairs) {
      questions.forEach((q, qi) => {
        if (q.id !== questionId) return;
        q.options.forEach((o, oi) => {
          if (o.id !== optionId) return;
          if (!q.many) sheet[qi] = [oi];
          else if (!sheet[qi].includes(oi)) sheet[qi].push(oi);
          sheet[qi].sort((a, b) => a - b);
        });
      });
    }
    return sheet;
  }

  /** @param {Sheet} sheet */
  const complete = (sheet) => questions.every((q, i) => (q.many ? sheet[i].length > 0 : sheet[i].length === 1));

  /** The whole result, in plain values (what tests diff against the Rust reference).
   * @param {Sheet} sheet @param {number} [n] */
  function outcome(sheet, n) {
    const t = totals(sheet), nt = normOf(t);
    const list = n ? top(t, n) : rank(t);
    return {
      totals: t,
      flat: isFlat(t),
      ranking: list.map((e) => ({ id: roles[e.role].id, role: e.role, d: e.d, label: labelOf(e, t, nt) })),
    };
  }

  /** The shareable form: "question:option" pairs in question order, comma-separated.
   * @param {Sheet} sheet */
  function encode(sheet) {
    const parts = questions.flatMap((q, i) => sheet[i].map((o) => `${q.id}:${q.options[o].id}`));
    return "answers=" + parts.join(",");
  }

  /** @param {string} hash @returns {Sheet | null} */
  function decode(hash) {
    const m = /(?:^#?|&)answers=([^&]*)/.exec(hash || "");
    if (!m) return null;
    let text;
    try {
      text = decodeURIComponent(m[1]);
    } catch {
      text = m[1];
    }
    return sheetFromPairs(
      text
        .split(",")
        .filter(Boolean)
        .map((p) => {
          const i = p.indexOf(":");
          return /** @type {[string, string]} */ (i < 0 ? [p, ""] : [p.slice(0, i), p.slice(i + 1)]);
        }),
    );
  }

  /** @type {any} */ (globalThis).ladderQuiz = {
    totals, isFlat, rank, top, learn, outcome, sheetFromPairs, complete, encode, decode,
    /** @param {number} s */
    skillId: (s) => skills[s].id,
  };
  if (typeof document === "undefined") return;

  // ---- the page ------------------------------------------------------------------------------
  /** @param {string} id @returns {any} */
  const byId = (id) => document.getElementById(id);
  const app = byId("quiz-app"), form = byId("quiz"), results = byId("quiz-results"), body = byId("quiz-results-body");
  const progress = byId("quiz-progress"), meter = byId("quiz-meter"), status = byId("quiz-status"), error = byId("quiz-error");
  const back = byId("quiz-back"), next = byId("quiz-next"), mode = byId("quiz-mode");
  if (!app || !form) return;
  /** @type {HTMLFieldSetElement[]} */
  const fieldsets = questions.map((q) => byId("q_" + q.id));
  let step = 0, allAtOnce = false;

  /** @param {number} q @returns {HTMLInputElement[]} */
  const inputs = (q) => Array.from(fieldsets[q].querySelectorAll("input"));
  /** @param {number} q @param {number} o */
  function optionLabel(q, o) {
    const id = questions[q].options[o].id;
    const l = fieldsets[q].querySelector(`label[for="q_${questions[q].id}_${id}"]`);
    return l ? l.textContent || "" : id;
  }
  /** @param {number} q */
  function prompt(q) {
    const l = fieldsets[q].querySelector("legend .quiz-prompt");
    return l ? l.textContent || "" : questions[q].id;
  }

  /** @returns {Sheet} */
  const readSheet = () =>
    questions.map((_, i) => inputs(i).flatMap((input, o) => (input.checked ? [o] : [])));
  /** @param {Sheet} sheet */
  function writeSheet(sheet) {
    questions.forEach((_, i) => inputs(i).forEach((input, o) => (input.checked = sheet[i].includes(o))));
  }
  /** @param {Sheet} sheet @param {number} q */
  const answered = (sheet, q) => sheet[q].length > 0;

  /** @param {string} tag @param {Record<string, string>} [attrs] @param {(Node | string | null)[]} [kids] */
  function el(tag, attrs, kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const k of kids || []) if (k !== null) e.append(k);
    return e;
  }
  /** @param {string} href @param {string} text */
  const link = (href, text) => el("a", { href }, [text]);
  /** @param {number} r */
  const roleLink = (r) => link(`${data.base}roles/${roles[r].id}/`, roles[r].title);
  /** @param {string} text */
  const quoted = (text) => "\u201c" + text + "\u201d";
  /** @param {string[]} items */
  function listText(items) {
    if (items.length < 2) return items.join("");
    return items.slice(0, -1).join(", ") + " and " + items[items.length - 1];
  }

  function render() {
    const sheet = readSheet();
    const done = sheet.filter((s) => s.length > 0).length;
    meter.value = done;
    progress.textContent = allAtOnce
      ? `${done} of ${questions.length} questions answered`
      : `Question ${step + 1} of ${questions.length}`;
    fieldsets.forEach((s, i) => (s.hidden = !allAtOnce && i !== step));
    back.hidden = allAtOnce;
    back.disabled = step === 0;
    next.textContent = allAtOnce || step === questions.length - 1 ? "See my results" : "Next";
    mode.textContent = allAtOnce ? "One question at a time" : "Show all questions";
  }

  /** @param {number} q */
  function focusQuestion(q) {
    const list = inputs(q);
    const target = list.find((i) => i.checked) || list[0];
    if (target) target.focus();
  }

  /** @param {number} q */
  function showForm(q) {
    results.hidden = true;
    form.hidden = false;
    byId("quiz-bar").hidden = false;
    step = Math.max(0, Math.min(q, questions.length - 1));
    error.textContent = "";
    render();
    focusQuestion(step);
  }

  /** Contributions to d = t·f: by trait, and by chosen answer.
   * @param {number} r @param {number[]} t @param {Sheet} sheet */
  function drivers(r, t, sheet) {
    const fit = dense(roles[r].fit);
    /** @type {{ trait: number, c: number }[]} */
    const traits = [];
    for (let i = 0; i < traitCount; i++) if (t[i] * fit[i] !== 0) traits.push({ trait: i, c: t[i] * fit[i] });
    traits.sort((a, b) => b.c - a.c || a.trait - b.trait);
    /** @type {{ q: number, o: number, c: number }[]} */
    const answers = [];
    questions.forEach((question, q) => {
      for (const o of sheet[q]) {
        const adds = question.options[o].adds;
        let c = 0;
        for (let i = 0; i < traitCount; i++) c += adds[i] * fit[i];
        if (c !== 0) answers.push({ q, o, c });
      }
    });
    answers.sort((a, b) => b.c - a.c || a.q - b.q || a.o - b.o);
    return { fit, traits, answers };
  }

  /** A trait's name inside a sentence: "Writing code" -> "writing code", "AI safety" kept.
   * @param {number} i */
  function traitName(i) {
    const s = data.traits[i];
    return /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
  }

  /** How much of a role a trait is, in words (a role's profile rates each trait 0 to 5).
   * @param {number} v */
  const howMuch = (v) => (v >= 5 ? "mostly" : v >= 4 ? "largely" : v >= 3 ? "partly" : "a little");

  /** @param {{ q: number, o: number }[]} list */
  const answerNames = (list) => list.map((a) => quoted(optionLabel(a.q, a.o)));

  /** @param {number} r @param {number[]} t @param {Sheet} sheet */
  function reasonsFor(r, t, sheet) {
    const dr = drivers(r, t, sheet);
    const plus = dr.traits.filter((x) => x.c > 0).slice(0, 2);
    const pro = dr.answers.filter((a) => a.c > 0).slice(0, 3);
    const con = dr.answers.filter((a) => a.c < 0);
    const out = [];
    if (plus.length) {
      // "mostly A and B" when both weigh the same, else "mostly A and partly B".
      const same = plus.length === 2 && howMuch(dr.fit[plus[0].trait]) === howMuch(dr.fit[plus[1].trait]);
      const parts = same
        ? [`${howMuch(dr.fit[plus[0].trait])} ${traitName(plus[0].trait)}`, traitName(plus[1].trait)]
        : plus.map((x) => `${howMuch(dr.fit[x.trait])} ${traitName(x.trait)}`);
      out.push(`This role is ${listText(parts)}, and your answers lean that way.`);
    }
    if (pro.length) out.push("What you said that points here: " + listText(answerNames(pro)) + ".");
    if (con.length) out.push("What counts against it: " + listText(answerNames(con)) + ".");
    return out.join(" ");
  }

  /** Why a role ranked below the best: the trait it needs more than the answers show, the
   * person's strongest trait that it uses less, the answers that count against it (two at most).
   * @param {number} r @param {number[]} t @param {Sheet} sheet */
  function lowerFor(r, t, sheet) {
    const dr = drivers(r, t, sheet), nt = Math.sqrt(normOf(t)) || 1, nf = Math.sqrt(roles[r].norm);
    /** @type {{ trait: number, g: number } | null} */
    let gap = null;
    /** @type {number | null} */
    let strong = null;
    for (let i = 0; i < traitCount; i++) {
      const g = dr.fit[i] / nf - Math.max(t[i], 0) / nt;
      if (dr.fit[i] > 0 && g > 0.05 && (!gap || g > gap.g)) gap = { trait: i, g };
      if (t[i] > 0 && (strong === null || t[i] > t[strong])) strong = i;
    }
    const out = [];
    if (gap) {
      out.push(`it asks for more ${traitName(gap.trait)} than your answers show`);
    }
    if (strong !== null && dr.fit[strong] / nf < t[strong] / nt - 0.05 && (!gap || gap.trait !== strong)) {
      out.push(`it makes less use of ${traitName(strong)}, your strongest side`);
    }
    const con = dr.answers.filter((a) => a.c < 0);
    if (con.length) out.push(listText(answerNames(con)) + " counts against it");
    if (!out.length) out.push("it is close, just a little further from your answers");
    const s = listText(out.slice(0, 2));
    return s.charAt(0).toUpperCase() + s.slice(1) + ".";
  }

  /** @param {string} title @param {string} text */
  function advice(title, text) {
    const many = questions.findIndex((q) => q.many);
    return [
      el("p", {}, [title]),
      el("ul", {}, [
        el("li", {}, [text]),
        many < 0 ? null : el("li", {}, [`In ${quoted(prompt(many))}, choose only the one or two you like most.`]),
        el("li", {}, ["Or compare ", link(data.base + "roles/", "all roles"), " directly."]),
      ]),
    ];
  }

  /** @param {Entry} e @param {number[]} t @param {Sheet} sheet @param {string | null} label */
  function matchCard(e, t, sheet, label) {
    const role = roles[e.role], kids = [];
    const head = el("h3", {}, [roleLink(e.role)]);
    if (label) head.append(" ", el("span", { class: "tag quiz-label" }, [label]));
    kids.push(head);
    kids.push(el("p", {}, [el("strong", {}, ["Why: "]), reasonsFor(e.role, t, sheet)]));
    const l = learn(e.role, sheet), sk = el("p", {}, [el("strong", {}, ["Skills to learn next: "])]);
    if (!l.skills.length) sk.append("your answers already show every skill it lists as required.");
    l.skills.forEach((s, i) => {
      if (i) sk.append(", ");
      sk.append(link(`${data.base}skills/${skills[s].id}/`, skills[s].name));
    });
    if (l.more > 0) sk.append(` and ${l.more} more on the role page`);
    if (l.skills.length) sk.append(".");
    kids.push(sk);
    const p = el("p", {}, [el("strong", {}, ["Pay: "])]);
    if (!role.pay.length) p.append("no source gives a figure; see the role page.");
    role.pay.forEach((band, i) => {
      if (i) p.append("; ");
      p.append(band.text);
      if (band.source >= 0) p.append(` (source: ${data.sources[band.source]})`);
    });
    if (role.pay.length) p.append(".");
    kids.push(p);
    if (role.path >= 0) {
      const path = paths[role.path];
      kids.push(el("p", {}, [el("strong", {}, ["A path there: "]), link(`${data.base}paths/${path.id}/`, path.name)]));
    }
    return el("li", { class: "card" }, kids);
  }

  /** @param {boolean} focus */
  function showResults(focus) {
    const sheet = readSheet();
    const t = totals(sheet), nt = normOf(t);
    const list = top(t, 6);
    const matches = list.slice(0, 3).filter((e) => e.d > 0);
    const lower = list.slice(3).filter((e) => e.d > 0);
    /** @type {(HTMLElement | null)[]} */
    let kids = [];
    let said;
    if (isFlat(t)) {
      kids = advice(
        "Your answers weigh every kind of work the same (or none at all), so no role stands out yet.",
        "Choose answers that say what you prefer: the quiz compares where your answers lean.",
      );
      said = "Results: your answers do not lean any way, so the quiz gives advice instead of a ranking.";
    } else if (!matches.length) {
      kids = advice(
        "None of the roles on this site fits these answers.",
        `Answers such as ${quoted("I would rather not write code")} count against roles; try the ones you are unsure of another way.`,
      );
      said = "Results: no role fits these answers.";
    } else {
      kids.push(el("p", {}, ["The roles that fit your answers best, closest first:"]));
      const ol = el("ol", { class: "quiz-matches" }, []);
      for (const e of matches) ol.append(matchCard(e, t, sheet, labelOf(e, t, nt)));
      kids.push(ol);
      if (lower.length) {
        kids.push(el("h3", {}, ["Why the next ones ranked lower"]));
        const ul = el("ul", { class: "quiz-lower" }, []);
        for (const e of lower) {
          ul.append(el("li", {}, [roleLink(e.role), ": " + lowerFor(e.role, t, sheet)]));
        }
        kids.push(ul);
      }
      const first = matches[0], firstLabel = labelOf(first, t, nt);
      const then = matches.length > 1 ? "; then " + matches.slice(1).map((e) => roles[e.role].title).join(", ") : "";
      said = `Results: best fit ${roles[first.role].title}${firstLabel === null ? "" : ", " + firstLabel}${then}.`;
    }
    kids.push(el("h3", {}, ["Your answers"]));
    const dl = el("dl", { class: "quiz-answers" }, []);
    questions.forEach((_, i) => {
      const change = el("button", { type: "button", class: "secondary quiz-change", "data-q": String(i) }, ["Change"]);
      change.append(el("span", { class: "visually-hidden" }, [" answer to " + quoted(prompt(i))]));
      const chosen = sheet[i].map((o) => optionLabel(i, o)).join("; ") || "not answered";
      dl.append(el("dt", {}, [prompt(i)]), el("dd", {}, [chosen, " ", change]));
    });
    kids.push(dl);
    body.replaceChildren(...kids.filter((k) => k !== null));
    const hash = "#" + encode(sheet);
    byId("quiz-share").value = location.href.split("#")[0] + hash;
    // The address bar follows after the results are on screen (it can take a few ms).
    setTimeout(() => history.replaceState(null, "", location.pathname + location.search + hash), 0);
    form.hidden = true;
    byId("quiz-bar").hidden = true;
    results.hidden = false;
    status.textContent = said;
    if (focus) byId("quiz-results-title").focus();
  }

  /** @param {Sheet} sheet */
  const missing = (sheet) => questions.map((_, i) => i).filter((i) => !answered(sheet, i));

  form.addEventListener("submit", (/** @type {Event} */ ev) => {
    ev.preventDefault();
    const sheet = readSheet();
    if (!allAtOnce && step < questions.length - 1) {
      if (!answered(sheet, step)) {
        error.textContent = questions[step].many ? "Choose at least one answer to go on." : "Choose an answer to go on.";
        focusQuestion(step);
        return;
      }
      error.textContent = "";
      step++;
      render();
      focusQuestion(step);
      return;
    }
    const gaps = missing(sheet);
    if (gaps.length) {
      error.textContent =
        "Answer every question to see your results; not answered yet: " +
        gaps.map((i) => `question ${i + 1}`).join(", ") +
        ".";
      if (!allAtOnce) {
        step = gaps[0];
        render();
      }
      focusQuestion(gaps[0]);
      return;
    }
    error.textContent = "";
    showResults(true);
  });
  form.addEventListener("change", () => {
    error.textContent = "";
    render();
  });
  form.addEventListener("keydown", (/** @type {KeyboardEvent} */ ev) => {
    if (ev.key === "Enter" && ev.target instanceof HTMLInputElement) {
      ev.preventDefault();
      form.requestSubmit(next);
    }
  });
  back.addEventListener("click", () => {
    if (step > 0) step--;
    error.textContent = "";
    render();
    focusQuestion(step);
  });
  mode.addEventListener("click", () => {
    allAtOnce = !allAtOnce;
    render();
    mode.focus();
  });
  function reset() {
    writeSheet(questions.map(() => []));
    history.replaceState(null, "", location.pathname + location.search);
    status.textContent = "Answers cleared.";
    showForm(0);
  }
  byId("quiz-reset").addEventListener("click", reset);
  byId("quiz-restart").addEventListener("click", reset);
  byId("quiz-edit").addEventListener("click", () => showForm(0));
  body.addEventListener("click", (/** @type {MouseEvent} */ ev) => {
    const b = ev.target instanceof Element ? ev.target.closest("button[data-q]") : null;
    if (b) showForm(Number(b.getAttribute("data-q")));
  });
  byId("quiz-copy").addEventListener("click", () => {
    const share = byId("quiz-share");
    share.select();
    const cannot = () => (status.textContent = "Select the link and copy it.");
    if (navigator.clipboard) navigator.clipboard.writeText(share.value).then(() => (status.textContent = "Link copied."), cannot);
    else cannot();
  });

  /** A shared link opens on its result; one that answers only part of the quiz, on the first gap. */
  function fromHash() {
    const sheet = decode(location.hash);
    if (!sheet) return false;
    writeSheet(sheet);
    if (complete(sheet)) {
      showResults(false);
    } else {
      step = Math.max(0, missing(sheet)[0] || 0);
      results.hidden = true;
      form.hidden = false;
      byId("quiz-bar").hidden = false;
      render();
    }
    return true;
  }
  // Another result's link opened on this page; an in-page link such as "#main" changes nothing.
  window.addEventListener("hashchange", () => {
    if (!fromHash() && !location.hash) showForm(0);
  });
  app.hidden = false;
  render();
  fromHash();
})(__LADDER_QUIZ_DATA__);
