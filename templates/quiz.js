// The role-fit quiz: scoring exactly as PRODUCT.md section 2 defines it (the same rules as
// src/quiz/score.rs, which tests/quiz.rs diffs this against) and the quiz page around it.
// ladder puts the compiled data (src/quiz/page.rs documents its layout) where
// __LADDER_QUIZ_DATA__ stands. Nothing here makes a request or stores anything.
(function (D) {
  "use strict";
  var Q = D.questions;
  var R = D.roles;
  var K = D.traits.length;
  var SAFE = Number.MAX_SAFE_INTEGER;

  // ---- scoring -------------------------------------------------------------------------------
  function dense(pairs) {
    var v = [];
    for (var i = 0; i < K; i++) v.push(0);
    for (var j = 0; j < pairs.length; j += 2) v[pairs[j]] = pairs[j + 1];
    return v;
  }
  var ADDS = Q.map(function (q) { return q[2].map(function (o) { return dense(o[1]); }); });
  var NF = R.map(function (r) {
    var s = 0;
    for (var j = 0; j < r[2].length; j += 2) s += r[2][j + 1] * r[2][j + 1];
    return s;
  });
  var NFB = NF.map(function (n) { return BigInt(n); });

  // Trait totals of a sheet (per question, the chosen option indices).
  function totals(sheet) {
    var t = dense([]);
    for (var q = 0; q < Q.length; q++) {
      var chosen = sheet[q] || [];
      for (var c = 0; c < chosen.length; c++) {
        var a = ADDS[q][chosen[c]];
        for (var i = 0; i < K; i++) t[i] += a[i];
      }
    }
    return t;
  }

  // Flat: the totals are equal over the traits some option adds to (all zero included).
  function isFlat(t) {
    for (var i = 1; i < D.active.length; i++) if (t[D.active[i]] !== t[D.active[0]]) return false;
    return true;
  }

  function dot(t, r) {
    var f = R[r][2], d = 0;
    for (var j = 0; j < f.length; j += 2) d += t[f[j]] * f[j + 1];
    return d;
  }

  function entry(t, r) { return { r: r, d: dot(t, r), dd: null }; }

  // d² as BigInt, made once per entry.
  function sq(e) {
    if (e.dd === null) e.dd = BigInt(e.d) * BigInt(e.d);
    return e.dd;
  }

  // Negative when a ranks above b: sign(d_a)·d_a²·nf_b against sign(d_b)·d_b²·nf_a, compared
  // exactly in BigInt; exact ties go to the smaller role id (roles are sorted by id).
  function cmp(a, b) {
    var sa = Math.sign(a.d), sb = Math.sign(b.d);
    if (sa !== sb) return sb - sa;
    if (sa !== 0) {
      var x = sq(a) * NFB[b.r], y = sq(b) * NFB[a.r];
      if (x !== y) return (x > y ? -1 : 1) * sa;
    }
    return a.r - b.r;
  }

  function normT(t) {
    var s = 0;
    for (var i = 0; i < K; i++) s += t[i] * t[i];
    return s;
  }

  // d / sqrt(nt·nf): the product exact (BigInt when past 2^53), then one rounding to a double.
  function score(d, t, nt, nf) {
    var p = nt * nf;
    if (nt > SAFE || p > SAFE) {
      var b = BigInt(0);
      for (var i = 0; i < K; i++) b += BigInt(t[i]) * BigInt(t[i]);
      p = Number(b * BigInt(nf));
    }
    return d / Math.sqrt(p);
  }

  // Index into D.labels (highest min first), or -1: no label for d <= 0.
  function label(e, t, nt) {
    if (e.d <= 0) return -1;
    var s = score(e.d, t, nt, NF[e.r]);
    for (var i = 0; i < D.labels.length; i++) if (D.labels[i][0] <= s) return i;
    return -1;
  }

  // Every role, best first.
  function rank(t) {
    var v = [];
    for (var r = 0; r < R.length; r++) v.push(entry(t, r));
    return v.sort(cmp);
  }

  // The first n of rank(t), by selection (what the page shows).
  function top(t, n) {
    var best = [];
    for (var r = 0; r < R.length; r++) {
      var e = entry(t, r);
      if (best.length === n && cmp(e, best[n - 1]) > 0) continue;
      var at = best.length;
      while (at > 0 && cmp(e, best[at - 1]) < 0) at--;
      best.splice(at, 0, e);
      if (best.length > n) best.pop();
    }
    return best;
  }

  // Skills the chosen options show the person has (skill indices).
  function hasSet(sheet) {
    var has = {};
    for (var q = 0; q < Q.length; q++) {
      (sheet[q] || []).forEach(function (o) { Q[q][2][o][2].forEach(function (s) { has[s] = true; }); });
    }
    return has;
  }

  // The role's required skills no chosen option has, most important first: the first D.learn,
  // and how many more there are.
  function learn(r, sheet) {
    var has = hasSet(sheet), need = R[r][3], out = [], covered = 0;
    for (var i = 0; i < need.length; i++) {
      if (has[need[i]]) covered++;
      else if (out.length < D.learn) out.push(need[i]);
    }
    return { skills: out, more: R[r][4] - covered - out.length };
  }

  // A sheet from [question id, option id] pairs; unknown ids are skipped.
  function sheetFromPairs(pairs) {
    var sheet = Q.map(function () { return []; });
    pairs.forEach(function (p) {
      for (var q = 0; q < Q.length; q++) {
        if (Q[q][0] !== p[0]) continue;
        for (var o = 0; o < Q[q][2].length; o++) {
          if (Q[q][2][o][0] !== p[1]) continue;
          if (!Q[q][1]) sheet[q] = [o];
          else if (sheet[q].indexOf(o) < 0) sheet[q].push(o);
          sheet[q].sort(function (a, b) { return a - b; });
        }
      }
    });
    return sheet;
  }

  function complete(sheet) {
    return Q.every(function (q, i) { return q[1] ? sheet[i].length > 0 : sheet[i].length === 1; });
  }

  // The whole result, in plain values (what tests diff against the Rust reference).
  function outcome(sheet, n) {
    var t = totals(sheet), nt = normT(t);
    var list = n ? top(t, n) : rank(t);
    return {
      totals: t,
      flat: isFlat(t),
      ranking: list.map(function (e) {
        var l = label(e, t, nt);
        return { id: R[e.r][0], role: e.r, d: e.d, label: l < 0 ? null : D.labels[l][1] };
      }),
    };
  }

  // The shareable form: "question:option" pairs in question order, comma-separated.
  function encode(sheet) {
    var parts = [];
    Q.forEach(function (q, i) { sheet[i].forEach(function (o) { parts.push(q[0] + ":" + q[2][o][0]); }); });
    return "answers=" + parts.join(",");
  }

  function decode(hash) {
    var m = /(?:^#?|&)answers=([^&]*)/.exec(hash || "");
    if (!m) return null;
    var text;
    try { text = decodeURIComponent(m[1]); } catch (e) { text = m[1]; }
    return sheetFromPairs(text.split(",").filter(Boolean).map(function (p) {
      var i = p.indexOf(":");
      return i < 0 ? [p, ""] : [p.slice(0, i), p.slice(i + 1)];
    }));
  }

  var api = {
    totals: totals, isFlat: isFlat, rank: rank, top: top, learn: learn, outcome: outcome,
    sheetFromPairs: sheetFromPairs, complete: complete, encode: encode, decode: decode,
    skillId: function (s) { return D.skills[s][0]; },
  };
  globalThis.ladderQuiz = api;
  if (typeof document === "undefined") return;

  // ---- the page ------------------------------------------------------------------------------
  var $ = function (id) { return document.getElementById(id); };
  var app = $("quiz-app"), form = $("quiz"), results = $("quiz-results"), body = $("quiz-results-body");
  var progress = $("quiz-progress"), meter = $("quiz-meter"), status = $("quiz-status"), error = $("quiz-error");
  var back = $("quiz-back"), next = $("quiz-next"), mode = $("quiz-mode");
  if (!app || !form) return;
  var sets = Q.map(function (q) { return $("q_" + q[0]); });
  var step = 0, allAtOnce = false;

  function inputs(q) { return Array.prototype.slice.call(sets[q].querySelectorAll("input")); }
  function optionLabel(q, o) {
    var l = sets[q].querySelector('label[for="q_' + Q[q][0] + "_" + Q[q][2][o][0] + '"]');
    return l ? l.textContent : Q[q][2][o][0];
  }
  function prompt(q) {
    var l = sets[q].querySelector("legend .quiz-prompt");
    return l ? l.textContent : Q[q][0];
  }

  function readSheet() {
    return Q.map(function (q, i) {
      var out = [];
      inputs(i).forEach(function (el, o) { if (el.checked) out.push(o); });
      return out;
    });
  }
  function writeSheet(sheet) {
    Q.forEach(function (q, i) { inputs(i).forEach(function (el, o) { el.checked = sheet[i].indexOf(o) >= 0; }); });
  }
  function answered(sheet, q) { return sheet[q].length > 0; }

  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    (kids || []).forEach(function (k) { if (k !== null) e.append(k); });
    return e;
  }
  function link(href, text) { return el("a", { href: href }, [text]); }
  function roleLink(r) { return link(D.base + "roles/" + R[r][0] + "/", R[r][1]); }
  function quoted(text) { return "\u201c" + text + "\u201d"; }
  function listText(items) {
    if (items.length < 2) return items.join("");
    return items.slice(0, -1).join(", ") + " and " + items[items.length - 1];
  }

  function render() {
    var sheet = readSheet();
    var done = sheet.filter(function (s) { return s.length > 0; }).length;
    meter.value = done;
    progress.textContent = allAtOnce
      ? done + " of " + Q.length + " questions answered"
      : "Question " + (step + 1) + " of " + Q.length;
    sets.forEach(function (s, i) { s.hidden = !allAtOnce && i !== step; });
    back.hidden = allAtOnce;
    back.disabled = step === 0;
    next.textContent = allAtOnce || step === Q.length - 1 ? "See my results" : "Next";
    mode.textContent = allAtOnce ? "One question at a time" : "Show all questions";
  }

  function focusQuestion(q) {
    var list = inputs(q);
    var target = list.filter(function (i) { return i.checked; })[0] || list[0];
    if (target) target.focus();
  }

  function showForm(q) {
    results.hidden = true;
    form.hidden = false;
    $("quiz-bar").hidden = false;
    step = Math.max(0, Math.min(q, Q.length - 1));
    error.textContent = "";
    render();
    focusQuestion(step);
  }

  // Contributions to d = t·f: by trait, and by chosen answer.
  function drivers(r, t, sheet) {
    var f = dense(R[r][2]);
    var traits = [];
    for (var i = 0; i < K; i++) if (t[i] * f[i] !== 0) traits.push({ i: i, c: t[i] * f[i] });
    traits.sort(function (a, b) { return b.c - a.c || a.i - b.i; });
    var answers = [];
    Q.forEach(function (q, qi) {
      sheet[qi].forEach(function (o) {
        var a = ADDS[qi][o], c = 0;
        for (var i = 0; i < K; i++) c += a[i] * f[i];
        if (c !== 0) answers.push({ q: qi, o: o, c: c });
      });
    });
    answers.sort(function (a, b) { return b.c - a.c || a.q - b.q || a.o - b.o; });
    return { f: f, traits: traits, answers: answers };
  }

  // A trait's name inside a sentence: "Writing code" -> "writing code", "AI safety" kept.
  function traitName(i) {
    var s = D.traits[i];
    return /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
  }

  function answerNames(list) { return list.map(function (a) { return quoted(optionLabel(a.q, a.o)); }); }

  function reasonsFor(r, t, sheet) {
    var dr = drivers(r, t, sheet);
    var plus = dr.traits.filter(function (x) { return x.c > 0; }).slice(0, 2);
    var pro = dr.answers.filter(function (a) { return a.c > 0; }).slice(0, 3);
    var con = dr.answers.filter(function (a) { return a.c < 0; });
    var out = [];
    if (plus.length) {
      out.push("Matched on " + listText(plus.map(function (x) {
        return traitName(x.i) + " (the role rates it " + dr.f[x.i] + " of 5; your answers add " + t[x.i] + ")";
      })) + ".");
    }
    if (pro.length) out.push("Answers that point here: " + listText(answerNames(pro)) + ".");
    if (con.length) out.push("Counting against it: " + listText(answerNames(con)) + ".");
    return out.join(" ");
  }

  // Why a role ranked below the best: the trait it needs more than the answers show, the
  // person's strongest trait that it uses less, the answers that count against it (two at most).
  function lowerFor(r, t, sheet) {
    var dr = drivers(r, t, sheet), nt = Math.sqrt(normT(t)) || 1, nf = Math.sqrt(NF[r]);
    var gap = null, strong = null;
    for (var i = 0; i < K; i++) {
      var g = dr.f[i] / nf - Math.max(t[i], 0) / nt;
      if (dr.f[i] > 0 && g > 0.05 && (!gap || g > gap.g)) gap = { i: i, g: g };
      if (t[i] > 0 && (!strong || t[i] > t[strong])) strong = i;
    }
    var out = [];
    if (gap) {
      out.push("it needs more " + traitName(gap.i) + " (rated " + dr.f[gap.i] + " of 5) than your answers show");
    }
    if (strong !== null && dr.f[strong] / nf < t[strong] / nt - 0.05 && (!gap || gap.i !== strong)) {
      out.push("it makes less use of " + traitName(strong) + ", your strongest side");
    }
    var con = dr.answers.filter(function (a) { return a.c < 0; });
    if (con.length) out.push(listText(answerNames(con)) + " counts against it");
    if (!out.length) out.push("it is close, just a little further from your answers");
    var s = listText(out.slice(0, 2));
    return s.charAt(0).toUpperCase() + s.slice(1) + ".";
  }

  function advice(title, text) {
    var many = Q.findIndex(function (q) { return q[1]; });
    return [
      el("p", {}, [title]),
      el("ul", {}, [
        el("li", {}, [text]),
        many < 0 ? null : el("li", {}, ["In " + quoted(prompt(many)) + ", choose only the one or two you like most."]),
        el("li", {}, ["Or compare ", link(D.base + "roles/", "all roles"), " directly."]),
      ]),
    ];
  }

  function matchCard(e, t, sheet, lab) {
    var r = e.r, kids = [];
    var head = el("h3", {}, [roleLink(r)]);
    if (lab) head.append(" ", el("span", { class: "tag quiz-label" }, [lab]));
    kids.push(head);
    kids.push(el("p", {}, [el("strong", {}, ["Why: "]), reasonsFor(r, t, sheet)]));
    var l = learn(r, sheet), sk = el("p", {}, [el("strong", {}, ["Skills to learn next: "])]);
    if (!l.skills.length) sk.append("your answers already show every skill it lists as required.");
    l.skills.forEach(function (s, i) {
      if (i) sk.append(", ");
      sk.append(link(D.base + "skills/" + D.skills[s][0] + "/", D.skills[s][1]));
    });
    if (l.more > 0) sk.append(" and " + l.more + " more on the role page");
    if (l.skills.length) sk.append(".");
    kids.push(sk);
    var pay = R[r][5], p = el("p", {}, [el("strong", {}, ["Pay: "])]);
    if (!pay.length) p.append("no source gives a figure; see the role page.");
    pay.forEach(function (b, i) {
      if (i) p.append("; ");
      p.append(b[0]);
      if (b[1] >= 0) p.append(" (source: " + D.sources[b[1]] + ")");
    });
    if (pay.length) p.append(".");
    kids.push(p);
    var path = R[r][6];
    if (path >= 0) {
      kids.push(el("p", {}, [el("strong", {}, ["A path there: "]),
        link(D.base + "paths/" + D.paths[path][0] + "/", D.paths[path][1])]));
    }
    return el("li", { class: "card" }, kids);
  }

  function showResults(focus) {
    var sheet = readSheet();
    var t = totals(sheet), nt = normT(t);
    var list = top(t, 6);
    var matches = list.slice(0, 3).filter(function (e) { return e.d > 0; });
    var lower = list.slice(3).filter(function (e) { return e.d > 0; });
    var kids = [], said;
    if (isFlat(t)) {
      kids = advice("Your answers weigh every kind of work the same (or none at all), so no role stands out yet.",
        "Choose answers that say what you prefer: the quiz compares where your answers lean.");
      said = "Results: your answers do not lean any way, so the quiz gives advice instead of a ranking.";
    } else if (!matches.length) {
      kids = advice("None of the roles on this site fits these answers.",
        "Answers such as " + quoted("I would rather not write code") + " count against roles; try the ones you are unsure of another way.");
      said = "Results: no role fits these answers.";
    } else {
      kids.push(el("p", {}, ["The roles that fit your answers best, closest first:"]));
      var ol = el("ol", { class: "quiz-matches" }, []);
      matches.forEach(function (e) {
        var l = label(e, t, nt);
        ol.append(matchCard(e, t, sheet, l < 0 ? "" : D.labels[l][1]));
      });
      kids.push(ol);
      if (lower.length) {
        kids.push(el("h3", {}, ["Why the next ones ranked lower"]));
        var ul = el("ul", { class: "quiz-lower" }, []);
        lower.forEach(function (e) {
          var l = label(e, t, nt);
          ul.append(el("li", {}, [roleLink(e.r), l < 0 ? "" : " (" + D.labels[l][1] + ")", ": " + lowerFor(e.r, t, sheet)]));
        });
        kids.push(ul);
      }
      var first = matches[0], fl = label(first, t, nt);
      said = "Results: best fit " + R[first.r][1] + (fl < 0 ? "" : ", " + D.labels[fl][1]) +
        (matches.length > 1 ? "; then " + matches.slice(1).map(function (e) { return R[e.r][1]; }).join(", ") : "") + ".";
    }
    kids.push(el("h3", {}, ["Your answers"]));
    var dl = el("dl", { class: "quiz-answers" }, []);
    Q.forEach(function (q, i) {
      var change = el("button", { type: "button", class: "secondary quiz-change", "data-q": String(i) }, ["Change"]);
      change.append(el("span", { class: "visually-hidden" }, [" answer to " + quoted(prompt(i))]));
      dl.append(el("dt", {}, [prompt(i)]),
        el("dd", {}, [sheet[i].map(function (o) { return optionLabel(i, o); }).join("; ") || "not answered", " ", change]));
    });
    kids.push(dl);
    body.replaceChildren.apply(body, kids);
    var hash = "#" + encode(sheet);
    $("quiz-share").value = location.href.split("#")[0] + hash;
    // The address bar follows after the results are on screen (it can take a few ms).
    setTimeout(function () { history.replaceState(null, "", location.pathname + location.search + hash); }, 0);
    form.hidden = true;
    $("quiz-bar").hidden = true;
    results.hidden = false;
    status.textContent = said;
    if (focus) $("quiz-results-title").focus();
  }

  function missing(sheet) {
    return Q.map(function (q, i) { return i; }).filter(function (i) { return !answered(sheet, i); });
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var sheet = readSheet();
    if (!allAtOnce && step < Q.length - 1) {
      if (!answered(sheet, step)) {
        error.textContent = Q[step][1] ? "Choose at least one answer to go on." : "Choose an answer to go on.";
        focusQuestion(step);
        return;
      }
      error.textContent = "";
      step++;
      render();
      focusQuestion(step);
      return;
    }
    var gaps = missing(sheet);
    if (gaps.length) {
      error.textContent = "Answer every question to see your results; not answered yet: " +
        gaps.map(function (i) { return "question " + (i + 1); }).join(", ") + ".";
      if (!allAtOnce) { step = gaps[0]; render(); }
      focusQuestion(gaps[0]);
      return;
    }
    error.textContent = "";
    showResults(true);
  });
  form.addEventListener("change", function () { error.textContent = ""; render(); });
  form.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && ev.target.tagName === "INPUT") {
      ev.preventDefault();
      form.requestSubmit(next);
    }
  });
  back.addEventListener("click", function () {
    if (step > 0) step--;
    error.textContent = "";
    render();
    focusQuestion(step);
  });
  mode.addEventListener("click", function () {
    allAtOnce = !allAtOnce;
    render();
    mode.focus();
  });
  function reset() {
    writeSheet(Q.map(function () { return []; }));
    history.replaceState(null, "", location.pathname + location.search);
    status.textContent = "Answers cleared.";
    showForm(0);
  }
  $("quiz-reset").addEventListener("click", reset);
  $("quiz-restart").addEventListener("click", reset);
  $("quiz-edit").addEventListener("click", function () { showForm(0); });
  body.addEventListener("click", function (ev) {
    var b = ev.target.closest && ev.target.closest("button[data-q]");
    if (b) showForm(Number(b.getAttribute("data-q")));
  });
  $("quiz-copy").addEventListener("click", function () {
    var share = $("quiz-share");
    share.select();
    var done = function () { status.textContent = "Link copied."; };
    if (navigator.clipboard) navigator.clipboard.writeText(share.value).then(done, function () { status.textContent = "Select the link and copy it."; });
    else status.textContent = "Select the link and copy it.";
  });

  // A shared link opens on its result; one that answers only part of the quiz, on the first gap.
  function fromHash() {
    var sheet = decode(location.hash);
    if (!sheet) return false;
    writeSheet(sheet);
    if (complete(sheet)) {
      showResults(false);
    } else {
      step = Math.max(0, missing(sheet)[0] || 0);
      results.hidden = true;
      form.hidden = false;
      $("quiz-bar").hidden = false;
      render();
    }
    return true;
  }
  // Another result's link opened on this page; an in-page link such as "#main" changes nothing.
  window.addEventListener("hashchange", function () {
    if (!fromHash() && !location.hash) showForm(0);
  });
  app.hidden = false;
  render();
  fromHash();
})(__LADDER_QUIZ_DATA__);
