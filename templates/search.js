// @ts-check
// Site search, on every page: the header box (results drop down as you type) and the search page
// (/search/?q=, with filters). It reads the small index files named by the manifest in the form's
// data-index. The word rules, the file layout and the ranking are documented in src/search/
// (tokenise.rs, typo.rs, index.rs, query.rs); this script mirrors query.rs step for step, with
// the same names (SearchRecord for Record, Candidate, Hit, Postings).
// Checked with `tsc --noEmit --allowJs --checkJs` (tests/browser: `npm run check-scripts`).

/**
 * The manifest (index.rs `Manifest`): record counts by kind, categories as [id, name, roles],
 * vocabulary and word file counts, records per record file, and the file names (8 characters each).
 * @typedef {{ kinds: number[], cats: [string, string, number][], nv: number, nw: number,
 *   chunk: number, files: string }} Manifest
 * @typedef {{ doc: number, kind: number, title: string, url: string, summary: string, pay: string,
 *   tag: string }} SearchRecord  tag: the label shown (a topic record names its own: Industry, Pay...)
 * @typedef {{ doc: number, wordCount: number }} Posting  a title or alias word, with the title's length
 * @typedef {{ title: Posting[], alias: Posting[], body: number[] }} Postings
 * @typedef {{ records: Record<number, SearchRecord>, words: Record<string, Postings> }} WordFile
 * @typedef {{ edits: number, inexact: boolean, len: number, word: string, file: number }} Candidate
 * @typedef {{ doc: number, score: number, brevity: number }} Hit
 * @typedef {{ hits: Hit[], records: Record<number, SearchRecord> }} Found
 */

(() => {
  "use strict";
  /** @type {NodeListOf<HTMLFormElement>} */
  const forms = document.querySelectorAll("form[data-index]");
  if (!forms.length || !window.DecompressionStream) return;
  const FOLDERS = ["roles", "skills", "paths", "guides", "topics"];
  const KINDS = ["Role", "Skill", "Path", "Guide", "Topic"];
  const decoder = new TextDecoder();
  const index = forms[0].dataset.index || "";
  const dir = index.slice(0, index.lastIndexOf("/") + 1);
  const base = forms[0].dataset.base || "";
  /** @type {Record<string, Promise<Uint8Array>>} */
  const cache = {};
  /** @type {WeakMap<Uint8Array, any>} */
  const parsed = new WeakMap();
  /** @type {Manifest} */
  let manifestData;

  // The word spec (tokenise.rs): NFKD, lower case, drop marks and joiners, fold, split.
  const DROP = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f'\u2019\u02bc\xad\u200b-\u200d\u2060\ufeff]/g;
  const SPLIT = /[\0-\/:-`{-\xbf\xd7\xf7\u1680\u2000-\u2bff\u2e00-\u2e7f\u3000-\u303f\ufe10-\ufe1f\ufe30-\ufe6f\uff00-\uff0f\ufff0-\uffff\u{1f000}-\u{1faff}]/u;
  /** @type {Record<string, string>} */
  const FOLD = { ß: "ss", æ: "ae", œ: "oe", ø: "o", đ: "d", ð: "d", ł: "l", ı: "i", þ: "th", ħ: "h", ς: "σ" };
  /** @param {unknown} text @returns {string[]} */
  const tokens = (text) =>
    String(text).normalize("NFKD").toLowerCase().replace(DROP, "").replace(/[ßæœøđðłıþħς]/g, (c) => FOLD[c])
      .split(SPLIT).filter(Boolean).map((w) => [...w].slice(0, 32).join(""));
  /** @param {string} t */
  const slug = (t) => t.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase();

  // Typos (typo.rs): allowed edits, the vocabulary files of a word's keys, edit distance.
  /** @param {number} n */
  const allowed = (n) => (n < 4 ? 0 : n < 8 ? 1 : 2);
  /** @param {string[]} key */
  const keyFile = (key) =>
    key.reduce((h, c) => Math.imul(h ^ /** @type {number} */ (c.codePointAt(0)), 16777619) >>> 0, 2166136261) % manifestData.nv;
  /** @param {string[]} q */
  const vocabFiles = (q) => {
    const out = q.length < 2 ? [keyFile(q)] : [];
    for (let j = 1; j <= Math.min(allowed(q.length) + 1, q.length - 1); j++) {
      for (let i = 0; i < j; i++) out.push(keyFile([q[i], q[j]]));
    }
    return [...new Set(out)];
  };
  /** Edits from a to b (a prefix of b when `prefix`), or -1 when more than max.
   * @param {string[]} a @param {string[]} b @param {number} max @param {boolean} prefix */
  const distance = (a, b, max, prefix) => {
    if (!prefix && Math.abs(a.length - b.length) > max) return -1;
    /** @type {number[]} */
    let before = [];
    let prev = b.map((_, j) => j).concat(b.length);
    for (let i = 1; i <= a.length; i++) {
      const cur = [i];
      for (let j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + Number(a[i - 1] !== b[j - 1]));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j], before[j - 2] + 1);
      }
      if (Math.min(...cur) > max) return -1;
      [before, prev] = [prev, cur];
    }
    const d = prefix ? Math.min(...prev) : prev[b.length];
    return d <= max ? d : -1;
  };

  // Files (codec.rs, index.rs): gzipped, decoded once, kept for the next query. The manifest's
  // address is the same in every build, so the browser asks whether it changed ("no-cache");
  // every other file is named by its bytes and may come from the cache as it is.
  /** @param {string} url @returns {Promise<Uint8Array>} */
  const get = (url) =>
    (cache[url] ||= fetch(url, { cache: url === index ? "no-cache" : "default" }).then(async (r) => {
      if (!r.ok) throw Error(String(r.status));
      const u = new Uint8Array(await r.arrayBuffer());
      if (u[0] !== 31 || u[1] !== 139) return u;
      return new Uint8Array(await new Response(new Blob([u]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
    }).catch((e) => { delete cache[url]; throw e; }));
  const manifest = async () => (manifestData ||= JSON.parse(decoder.decode(await get(index))));
  /** File i of the manifest, parsed once.
   * @template T @param {number} i @param {(r: Reader, u: Uint8Array) => T} parse @returns {Promise<T>} */
  const file = async (i, parse) => {
    const u = await get(dir + manifestData.files.substr(i * 8, 8) + ".bin");
    if (!parsed.has(u)) parsed.set(u, parse(reader(u), u));
    return parsed.get(u);
  };
  /** @typedef {ReturnType<typeof reader>} Reader */
  /** The codec's reader (codec.rs): numbers as base-128 varints, strings by length, ascending
   * lists as gaps, and title lists grouped by the title's word count. @param {Uint8Array} u */
  const reader = (u) => {
    let at = 0;
    const r = {
      end: () => at >= u.length,
      num: () => {
        let v = 0, scale = 1, b;
        do { b = u[at++]; v += (b & 127) * scale; scale *= 128; } while (b > 127);
        return v;
      },
      str: () => { const n = r.num(); return decoder.decode(u.subarray(at, (at += n))); },
      ascending: () => { let d = 0; return Array.from({ length: r.num() }, () => (d += r.num())); },
      /** @returns {Posting[]} */
      grouped: () =>
        Array.from({ length: r.num() }, () => {
          const wordCount = r.num();
          return r.ascending().map((doc) => ({ doc, wordCount }));
        }).flat(),
    };
    return r;
  };
  /** 0 role, 1 skill, 2 path, 3 guide (and section), 4 topic: records are numbered by kind. @param {number} doc */
  const kindOf = (doc) => {
    let k = 0;
    for (; k < 4 && doc >= manifestData.kinds[k]; k++) doc -= manifestData.kinds[k];
    return k;
  };
  /** A role's category (roles are numbered by category). @param {number} doc */
  const category = (doc) => {
    for (const [id, name, count] of manifestData.cats) if ((doc -= count) < 0) return { id, name };
    return undefined;
  };
  /** @param {Reader} r @param {number} doc @returns {SearchRecord} */
  const record = (r, doc) => {
    const kind = kindOf(doc), title = r.str(), slugged = r.str();
    // An address starting with "/" is the record's own path under the base (sections, topics).
    const url = base + (slugged[0] === "/" ? slugged.slice(1) : FOLDERS[kind] + "/" + (slugged || slug(title)) + "/");
    const summary = r.str(), pay = kind ? "" : r.str();
    return { doc, kind, title, url, summary, pay, tag: kind === 4 ? r.str() : KINDS[kind] };
  };
  /** @param {number} f @returns {Promise<string[][]>} */
  const vocab = (f) => file(f, (r, u) => decoder.decode(u).split("\n").filter(Boolean).map((l) => l.split(/[: ]/)));
  /** @param {number} f @returns {Promise<WordFile>} */
  const wordFile = (f) => file(manifestData.nv + f, (r) => {
    /** @type {WordFile} */
    const out = { records: {}, words: {} };
    for (let n = r.num(), doc = 0; n > 0; n--) { doc += r.num(); out.records[doc] = record(r, doc); }
    for (let n = r.num(); n > 0; n--) out.words[r.str()] = { title: r.grouped(), alias: r.grouped(), body: r.ascending() };
    return out;
  });
  /** @param {number} c @returns {Promise<Record<number, SearchRecord>>} */
  const records = (c) => file(manifestData.nv + manifestData.nw + c, (r) => {
    /** @type {Record<number, SearchRecord>} */
    const out = {};
    for (let doc = c * manifestData.chunk; !r.end(); doc++) out[doc] = record(r, doc);
    return out;
  });

  // Matching and ranking (query.rs).
  /** @param {string} w @param {boolean} last @returns {Promise<Candidate[]>} */
  const candidates = async (w, last) => {
    const q = [...w], k = allowed(q.length);
    /** @type {Map<string, Candidate>} */
    const out = new Map();
    for (const lines of await Promise.all(vocabFiles(q).map(vocab))) {
      for (const [f, ...ts] of lines) {
        for (const t of ts) {
          const edits = t === w || (q.length > 1 && t.startsWith(w)) ? 0 : k ? distance(q, [...t], k, last && q.length > 4) : -1;
          if (edits >= 0) out.set(t, { edits, inexact: t !== w, len: [...t].length, word: t, file: +f });
        }
      }
    }
    const files = new Set(), kept = [];
    const ordered = [...out.values()].sort(
      (a, b) => a.edits - b.edits || Number(a.inexact) - Number(b.inexact) || a.len - b.len || (a.word < b.word ? -1 : 1),
    );
    // Typos only where they help: only the candidates with the fewest edits.
    for (const c of ordered) {
      if (c.edits === ordered[0].edits && kept.length < 40 && (files.has(c.file) || files.size < 4)) { files.add(c.file); kept.push(c); }
    }
    return kept;
  };
  /** @param {string} query @returns {Promise<Found>} */
  const find = async (query) => {
    const ws = [...new Set(tokens(query))];
    await manifest();
    const cands = await Promise.all(ws.map((w, i) => candidates(w, i === ws.length - 1)));
    const fs = [...new Set(cands.flat().map((c) => c.file))];
    /** @type {Map<number, WordFile>} */
    const loaded = new Map(await Promise.all(fs.map(async (f) => /** @type {[number, WordFile]} */ ([f, await wordFile(f)]))));
    const recs = Object.assign({}, ...[...loaded.values()].map((l) => l.records));
    /** Per document: its score so far and the word count of its shortest matching title.
     * @type {Map<number, { score: number, brevity: number }> | null} */
    let docs = null;
    for (const cs of cands) {
      /** @type {Map<number, { score: number, brevity: number }>} */
      const best = new Map();
      /** @param {number} doc @param {number} score @param {number} wordCount */
      const add = (doc, score, wordCount) => {
        const o = best.get(doc);
        best.set(doc, o ? { score: Math.max(o.score, score), brevity: Math.min(o.brevity, wordCount) } : { score, brevity: wordCount });
      };
      for (const c of cs) {
        const p = loaded.get(c.file)?.words[c.word], b = 300 - 100 * c.edits + (c.inexact ? 0 : 1);
        if (!p) continue;
        p.title.forEach(({ doc, wordCount }) => add(doc, b + 30, wordCount));
        p.alias.forEach(({ doc, wordCount }) => add(doc, b + 20, wordCount));
        p.body.forEach((doc) => add(doc, b + 10, 99));
      }
      if (docs) {
        for (const [doc, o] of docs) {
          const n = best.get(doc);
          if (n) docs.set(doc, { score: o.score + n.score, brevity: Math.min(o.brevity, n.brevity) });
          else docs.delete(doc);
        }
      } else docs = best;
    }
    /** @type {Hit[]} */
    const hits = [...(docs || [])].map(([doc, o]) => ({ doc, score: o.score, brevity: o.brevity }));
    return { hits: hits.sort((a, b) => b.score - a.score || a.brevity - b.brevity || a.doc - b.doc), records: recs };
  };
  /** Records of some hits: kept with the words, else read from the record files.
   * @param {Found} found @param {Hit[]} hits */
  const show = async (found, hits) => {
    const need = [...new Set(hits.filter((h) => !found.records[h.doc]).map((h) => Math.floor(h.doc / manifestData.chunk)))];
    Object.assign(found.records, ...(await Promise.all(need.map(records))));
    return hits.map((h) => found.records[h.doc]);
  };
  /** @type {any} */ (window).ladderSearch = {
    tokens,
    /** @param {string} q */
    find: async (q) => {
      const f = await find(q);
      const recs = await show(f, f.hits.slice(0, 10));
      return { total: f.hits.length, urls: recs.map((r) => r.url.slice(base.length)) };
    },
  };

  // The page.
  /** @param {string} tag @param {string} [text] @param {string} [cls] */
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    e.textContent = text || "";
    if (cls) e.className = cls;
    return e;
  };
  /** @param {SearchRecord} r */
  const item = (r) => {
    const li = el("li"), a = /** @type {HTMLAnchorElement} */ (el("a", r.title)), c = category(r.doc);
    a.href = r.url;
    li.append(a, " ", el("span", r.tag, "tag"));
    if (r.summary) li.append(el("p", r.summary));
    if (!r.kind) li.append(el("p", (c ? c.name + " · " : "") + r.pay, "muted"));
    return li;
  };
  /** @param {number} n */
  const plural = (n) => n + (n === 1 ? " result" : " results");

  forms.forEach((form) => {
    /** @param {string} s @returns {any} */
    const $ = (s) => form.querySelector(s);
    const input = $("input[type=search]"), list = $(".search-results"), status = $(".search-status");
    const pop = $(".search-pop"), more = $(".search-more"), cat = $("select"), page = !pop;
    const kindInput = () => $("input[name=kind]:checked") || {};
    let seq = 0, shown = 0;
    /** @type {{ found: Found, q: string } | undefined} */
    let last;
    /** @returns {HTMLAnchorElement[]} */
    const links = () => [...list.querySelectorAll("a")];
    /** @param {number} i */
    const move = (i) => (i < 0 ? input : links()[Math.min(i, links().length - 1)])?.focus();
    const close = () => {
      seq++;
      list.textContent = status.textContent = "";
      pop?.classList.remove("open");
    };
    /** @param {Found} found @param {string} q @param {boolean} [add] */
    const render = async (found, q, add) => {
      const kind = FOLDERS.indexOf(kindInput().value + "s"), c = cat?.value, my = seq, size = page ? 10 : 8;
      const hits = found.hits.filter((h) => (c ? category(h.doc)?.id === c && !kindOf(h.doc) : kind < 0 || kindOf(h.doc) === kind));
      const from = add ? shown : 0, recs = await show(found, hits.slice(from, from + size));
      if (my !== seq) return;
      if (!add) list.textContent = "";
      list.append(...recs.map(item));
      shown = from + recs.length;
      if (!page && hits.length > size) {
        const li = el("li"), a = /** @type {HTMLAnchorElement} */ (el("a", `All ${plural(hits.length)} for “${q}”`));
        a.href = form.action + "?q=" + encodeURIComponent(q);
        li.append(a);
        list.append(li);
      }
      if (more) more.hidden = shown >= hits.length;
      const counts = [found.hits.length, 0, 0, 0, 0, 0];
      found.hits.forEach((h) => counts[kindOf(h.doc) + 1]++);
      form.querySelectorAll("fieldset span").forEach((s, i) => (s.textContent = `(${counts[i]})`));
      status.textContent = `${hits.length ? plural(hits.length) : "No results"} for “${q}”` + (hits.length < found.hits.length ? " with these filters" : "");
      pop?.classList.add("open");
    };
    const run = async () => {
      const q = input.value.trim(), my = ++seq;
      if (page) {
        const u = new URLSearchParams({ q, kind: kindInput().value || "", category: cat.value });
        for (const [k, v] of [...u]) if (!v) u.delete(k);
        history.replaceState(null, "", String(u) ? "?" + u : location.pathname);
      }
      if (!tokens(q).length) return close();
      status.textContent = "Searching…";
      try {
        const found = await find(q);
        if (my === seq) await render((last = { found, q }).found, q);
      } catch {
        if (my === seq) status.textContent = "Search is not available right now.";
      }
    };

    input.addEventListener("input", run);
    input.addEventListener("focus", () => manifest().catch(() => {}));
    // Back in the box after Escape (or a click away), what was typed shows its results again.
    const reopen = (/** @type {FocusEvent | MouseEvent} */ e) =>
      page || form.contains(/** @type {Node | null} */ (/** @type {FocusEvent} */ (e).relatedTarget || null)) || list.firstChild || !tokens(input.value).length || run();
    input.addEventListener("focus", reopen);
    input.addEventListener("click", reopen);
    input.addEventListener("keydown", (/** @type {KeyboardEvent} */ e) => {
      if (e.key === "ArrowDown") { e.preventDefault(); move(0); }
      if (e.key === "Escape" && list.firstChild && !page) { e.preventDefault(); close(); }
    });
    list.addEventListener("keydown", (/** @type {KeyboardEvent} */ e) => {
      const i = links().indexOf(/** @type {HTMLAnchorElement} */ (document.activeElement)), k = e.key;
      if (k.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) return input.focus();
      // Back to the box first, so that its focus does not reopen what Escape closes.
      if (k === "Escape" && !page) { input.focus(); close(); }
      /** @type {Record<string, number>} */
      const targets = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: links().length - 1, Escape: -1 };
      const to = targets[k];
      if (to === undefined) return;
      e.preventDefault();
      move(to);
    });
    if (!page) {
      form.addEventListener("focusout", (e) => form.contains(/** @type {Node | null} */ (e.relatedTarget)) || setTimeout(() => form.contains(document.activeElement) || close()));
      return;
    }
    form.addEventListener("submit", (e) => { e.preventDefault(); run(); });
    more.addEventListener("click", async () => {
      const before = shown;
      if (last) await render(last.found, last.q, true);
      links()[before]?.focus();
    });
    form.addEventListener("change", (e) => {
      const target = /** @type {HTMLInputElement} */ (e.target);
      if (target === cat && cat.value) $("input[value=role]").checked = true;
      if (target.name === "kind" && target.value !== "role") cat.value = "";
      run();
    });
    const params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    manifest().then(() => {
      for (const [id, name, n] of manifestData.cats) if (n) cat.append(Object.assign(el("option", name), { value: id }));
      const k = $(`input[name=kind][value="${CSS.escape(params.get("kind") || "")}"]`);
      if (k) k.checked = true;
      cat.value = params.get("category") || "";
      $(".search-filters").hidden = false;
      if (input.value) run();
    }, () => (status.textContent = "Search is not available right now."));
  });
})();
