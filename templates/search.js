// Site search, on every page: the header box (results drop down as you type) and the search page
// (/search/?q=, with filters). It reads the small index files named by the manifest in the form's
// data-index. The word rules, the file layout and the ranking are documented in src/search/
// (tokenise.rs, typo.rs, index.rs, query.rs); this script mirrors query.rs step for step.
(() => {
  "use strict";
  const forms = document.querySelectorAll("form[data-index]");
  if (!forms.length || !window.DecompressionStream) return;
  const FOLDERS = ["roles", "skills", "paths", "guides", "topics"];
  const KINDS = ["Role", "Skill", "Path", "Guide", "Topic"];
  const dec = new TextDecoder();
  const index = forms[0].dataset.index;
  const dir = index.slice(0, index.lastIndexOf("/") + 1);
  const base = forms[0].dataset.base;
  const cache = {};
  let M;

  // The word spec (tokenise.rs): NFKD, lower case, drop marks and joiners, fold, split.
  const DROP = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f'\u2019\u02bc\xad\u200b-\u200d\u2060\ufeff]/g;
  const SPLIT = /[\0-\/:-`{-\xbf\xd7\xf7\u1680\u2000-\u2bff\u2e00-\u2e7f\u3000-\u303f\ufe10-\ufe1f\ufe30-\ufe6f\uff00-\uff0f\ufff0-\uffff\u{1f000}-\u{1faff}]/u;
  const FOLD = { ß: "ss", æ: "ae", œ: "oe", ø: "o", đ: "d", ð: "d", ł: "l", ı: "i", þ: "th", ħ: "h", ς: "σ" };
  const tokens = (text) =>
    String(text).normalize("NFKD").toLowerCase().replace(DROP, "").replace(/[ßæœøđðłıþħς]/g, (c) => FOLD[c])
      .split(SPLIT).filter(Boolean).map((w) => [...w].slice(0, 32).join(""));
  const slug = (t) => t.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").toLowerCase();

  // Typos (typo.rs): allowed edits, the vocabulary files of a word's keys, edit distance.
  const allowed = (n) => (n < 4 ? 0 : n < 8 ? 1 : 2);
  const keyFile = (key) => key.reduce((h, c) => Math.imul(h ^ c.codePointAt(0), 16777619) >>> 0, 2166136261) % M.nv;
  const vocabFiles = (q) => {
    const out = q.length < 2 ? [keyFile(q)] : [];
    for (let j = 1; j <= Math.min(allowed(q.length) + 1, q.length - 1); j++) {
      for (let i = 0; i < j; i++) out.push(keyFile([q[i], q[j]]));
    }
    return [...new Set(out)];
  };
  const distance = (a, b, max, prefix) => {
    if (!prefix && Math.abs(a.length - b.length) > max) return -1;
    let p2 = [], p = b.map((_, j) => j).concat(b.length);
    for (let i = 1; i <= a.length; i++) {
      const cur = [i];
      for (let j = 1; j <= b.length; j++) {
        cur[j] = Math.min(p[j] + 1, cur[j - 1] + 1, p[j - 1] + (a[i - 1] !== b[j - 1]));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j], p2[j - 2] + 1);
      }
      if (Math.min(...cur) > max) return -1;
      [p2, p] = [p, cur];
    }
    const d = prefix ? Math.min(...p) : p[b.length];
    return d <= max ? d : -1;
  };

  // Files (codec.rs, index.rs): gzipped, decoded once, kept for the next query.
  const get = (url) =>
    (cache[url] ||= fetch(url).then(async (r) => {
      if (!r.ok) throw Error(r.status);
      const u = new Uint8Array(await r.arrayBuffer());
      if (u[0] !== 31 || u[1] !== 139) return u;
      return new Uint8Array(await new Response(new Blob([u]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
    }).catch((e) => { delete cache[url]; throw e; }));
  const manifest = async () => (M ||= JSON.parse(dec.decode(await get(index))));
  const file = async (i, parse) => {
    const u = await get(dir + M.files.substr(i * 8, 8) + ".bin");
    return (u.parsed ||= parse(reader(u), u));
  };
  const reader = (u) => {
    let p = 0;
    const r = {
      end: () => p >= u.length,
      n: () => { let v = 0, s = 1, b; do { b = u[p++]; v += (b & 127) * s; s *= 128; } while (b > 127); return v; },
      s: () => { const n = r.n(); return dec.decode(u.subarray(p, (p += n))); },
      a: () => { let d = 0; return Array.from({ length: r.n() }, () => (d += r.n())); },
      g: () => Array.from({ length: r.n() }, () => { const wc = r.n(); return r.a().map((d) => [wc, d]); }).flat(),
    };
    return r;
  };
  const kindOf = (d) => { let k = 0; for (; k < 4 && d >= M.kinds[k]; k++) d -= M.kinds[k]; return k; };
  const category = (d) => M.cats.find((c) => (d -= c[2]) < 0);
  const record = (r, d) => {
    const k = kindOf(d), t = r.s(), s = r.s();
    const u = base + (s[0] === "/" ? s.slice(1) : FOLDERS[k] + "/" + (s || slug(t)) + "/");
    return { d, k, t, u, s: r.s(), p: k ? "" : r.s(), g: k === 4 ? r.s() : KINDS[k] };
  };
  const vocab = (f) => file(f, (r, u) => dec.decode(u).split("\n").filter(Boolean).map((l) => l.split(/[: ]/)));
  const words = (f) => file(M.nv + f, (r) => {
    const recs = {}, ws = {};
    for (let n = r.n(), d = 0; n > 0; n--) { d += r.n(); recs[d] = record(r, d); }
    for (let n = r.n(); n > 0; n--) ws[r.s()] = [r.g(), r.g(), r.a()];
    return { recs, ws };
  });
  const records = (c) => file(M.nv + M.nw + c, (r) => {
    const out = {};
    for (let d = c * M.chunk; !r.end(); d++) out[d] = record(r, d);
    return out;
  });

  // Matching and ranking (query.rs).
  const candidates = async (w, last) => {
    const q = [...w], k = allowed(q.length), out = new Map();
    for (const lines of await Promise.all(vocabFiles(q).map(vocab))) {
      for (const [f, ...ts] of lines) {
        for (const t of ts) {
          const e = t === w || (q.length > 1 && t.startsWith(w)) ? 0 : k ? distance(q, [...t], k, last && q.length > 4) : -1;
          if (e >= 0) out.set(t, { e, x: +(t !== w), l: [...t].length, w: t, f: +f });
        }
      }
    }
    const files = new Set(), kept = [];
    const sorted = [...out.values()].sort((a, b) => a.e - b.e || a.x - b.x || a.l - b.l || (a.w < b.w ? -1 : 1));
    // Typos only where they help: the candidates with the fewest edits.
    for (const c of sorted) {
      if (c.e === sorted[0].e && kept.length < 40 && (files.has(c.f) || files.size < 4)) { files.add(c.f); kept.push(c); }
    }
    return kept;
  };
  const find = async (query) => {
    const ws = [...new Set(tokens(query))];
    await manifest();
    const cands = await Promise.all(ws.map((w, i) => candidates(w, i === ws.length - 1)));
    const fs = [...new Set(cands.flat().map((c) => c.f))];
    const loaded = new Map(await Promise.all(fs.map(async (f) => [f, await words(f)])));
    const recs = Object.assign({}, ...[...loaded.values()].map((l) => l.recs));
    let docs = null;
    for (const cs of cands) {
      const best = new Map();
      const add = (d, s, wc) => {
        const o = best.get(d);
        best.set(d, o ? [Math.max(o[0], s), Math.min(o[1], wc)] : [s, wc]);
      };
      for (const c of cs) {
        const p = loaded.get(c.f).ws[c.w], b = 300 - 100 * c.e + !c.x;
        if (!p) continue;
        p[0].forEach(([wc, d]) => add(d, b + 30, wc));
        p[1].forEach(([wc, d]) => add(d, b + 20, wc));
        p[2].forEach((d) => add(d, b + 10, 99));
      }
      if (docs) {
        for (const [d, o] of docs) {
          const n = best.get(d);
          if (n) docs.set(d, [o[0] + n[0], Math.min(o[1], n[1])]);
          else docs.delete(d);
        }
      } else docs = best;
    }
    const hits = [...(docs || [])].map(([d, o]) => ({ d, s: o[0], b: o[1] }));
    return { hits: hits.sort((a, b) => b.s - a.s || a.b - b.b || a.d - b.d), recs };
  };
  // Records of some hits: kept with the words, else read from the record files.
  const show = async (found, hits) => {
    const need = [...new Set(hits.filter((h) => !found.recs[h.d]).map((h) => Math.floor(h.d / M.chunk)))];
    Object.assign(found.recs, ...(await Promise.all(need.map(records))));
    return hits.map((h) => found.recs[h.d]);
  };
  window.ladderSearch = {
    tokens,
    find: async (q) => {
      const f = await find(q);
      const recs = await show(f, f.hits.slice(0, 10));
      return { total: f.hits.length, urls: recs.map((r) => r.u.slice(base.length)) };
    },
  };

  // The page.
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    e.textContent = text || "";
    if (cls) e.className = cls;
    return e;
  };
  const item = (r) => {
    const li = el("li"), a = el("a", r.t), c = category(r.d);
    a.href = r.u;
    li.append(a, " ", el("span", r.g, "tag"));
    if (r.s) li.append(el("p", r.s));
    if (!r.k) li.append(el("p", (c ? c[1] + " · " : "") + r.p, "muted"));
    return li;
  };
  const plural = (n) => n + (n === 1 ? " result" : " results");

  forms.forEach((form) => {
    const $ = (s) => form.querySelector(s);
    const input = $("input[type=search]"), list = $(".search-results"), status = $(".search-status");
    const pop = $(".search-pop"), more = $(".search-more"), cat = $("select"), page = !pop;
    const kindInput = () => $("input[name=kind]:checked") || {};
    let seq = 0, shown = 0, last;
    const links = () => [...list.querySelectorAll("a")];
    const move = (i) => (i < 0 ? input : links()[Math.min(i, links().length - 1)])?.focus();
    const close = () => {
      seq++;
      list.textContent = status.textContent = "";
      pop?.classList.remove("open");
    };
    const render = async (found, q, add) => {
      const kind = FOLDERS.indexOf(kindInput().value + "s"), c = cat?.value, my = seq, size = page ? 10 : 8;
      const hits = found.hits.filter((h) => (c ? category(h.d)?.[0] === c && !kindOf(h.d) : kind < 0 || kindOf(h.d) === kind));
      const from = add ? shown : 0, recs = await show(found, hits.slice(from, from + size));
      if (my !== seq) return;
      if (!add) list.textContent = "";
      list.append(...recs.map(item));
      shown = from + recs.length;
      if (!page && hits.length > size) {
        const li = el("li"), a = el("a", `All ${plural(hits.length)} for “${q}”`);
        a.href = form.action + "?q=" + encodeURIComponent(q);
        li.append(a);
        list.append(li);
      }
      if (more) more.hidden = shown >= hits.length;
      const counts = [found.hits.length, 0, 0, 0, 0, 0];
      found.hits.forEach((h) => counts[kindOf(h.d) + 1]++);
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
    const reopen = (e) => page || form.contains(e.relatedTarget) || list.firstChild || !tokens(input.value).length || run();
    input.addEventListener("focus", reopen);
    input.addEventListener("click", reopen);
    input.addEventListener("keydown", (e) => {
      if (e.key === "ArrowDown") { e.preventDefault(); move(0); }
      if (e.key === "Escape" && list.firstChild && !page) { e.preventDefault(); close(); }
    });
    list.addEventListener("keydown", (e) => {
      const i = links().indexOf(document.activeElement), k = e.key;
      if (k.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) return input.focus();
      // Back to the box first, so that its focus does not reopen what Escape closes.
      if (k === "Escape" && !page) { input.focus(); close(); }
      const to = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: links().length - 1, Escape: -1 }[k];
      if (to === undefined) return;
      e.preventDefault();
      move(to);
    });
    if (!page) {
      form.addEventListener("focusout", (e) => form.contains(e.relatedTarget) || setTimeout(() => form.contains(document.activeElement) || close()));
      return;
    }
    form.addEventListener("submit", (e) => { e.preventDefault(); run(); });
    more.addEventListener("click", async () => {
      const before = shown;
      if (last) await render(last.found, last.q, true);
      links()[before]?.focus();
    });
    form.addEventListener("change", (e) => {
      if (e.target === cat && cat.value) $("input[value=role]").checked = true;
      if (e.target.name === "kind" && e.target.value !== "role") cat.value = "";
      run();
    });
    const params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    manifest().then(() => {
      for (const [id, name, n] of M.cats) if (n) cat.append(Object.assign(el("option", name), { value: id }));
      const k = $(`input[name=kind][value="${CSS.escape(params.get("kind") || "")}"]`);
      if (k) k.checked = true;
      cat.value = params.get("category") || "";
      $(".search-filters").hidden = false;
      if (input.value) run();
    }, () => (status.textContent = "Search is not available right now."));
  });
})();
