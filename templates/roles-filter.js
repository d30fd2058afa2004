(function () {
  var form = document.getElementById("role-filter");
  if (!form) return;
  var cat = document.getElementById("f-category");
  var ind = document.getElementById("f-industry");
  var pay = document.getElementById("f-pay");
  var sort = document.getElementById("f-sort");
  var count = document.getElementById("filter-count");
  var empty = document.getElementById("filter-empty");
  var links = document.getElementById("filter-links");
  var byPay = document.getElementById("roles-by-pay");
  var byPayList = byPay.querySelector("ul");
  var groups = Array.prototype.slice.call(document.querySelectorAll(".role-group:not(#roles-by-pay)"));
  var cards = Array.prototype.slice.call(document.querySelectorAll(".role-group .card"));
  // Each card's place in its category, to put it back when the pay order is turned off.
  var homes = cards.map(function (c) { return c.parentNode; });
  var params = new URLSearchParams(location.search);
  cat.value = params.get("category") || "";
  ind.value = params.get("industry") || "";
  pay.value = params.get("pay") || "";
  sort.value = params.get("sort") === "pay" ? "pay" : "";
  function has(list, v) { return (" " + list + " ").indexOf(" " + v + " ") >= 0; }
  // data-pay-key is "BASIS CURRENCY FIGURE" or empty: annual first, then hourly, then none;
  // within a kind by currency, then highest figure first; ties keep the page's order.
  function rank(c) {
    var k = (c.getAttribute("data-pay-key") || "").split(" ");
    return { basis: k[0] === "annual" ? 0 : k[0] === "hourly" ? 1 : 2, currency: k[1] || "", figure: Number(k[2] || 0) };
  }
  var payOrder = cards.map(function (c, i) { return { c: c, i: i, r: rank(c) }; }).sort(function (a, b) {
    return a.r.basis - b.r.basis || (a.r.currency < b.r.currency ? -1 : a.r.currency > b.r.currency ? 1 : 0) ||
      b.r.figure - a.r.figure || a.i - b.i;
  }).map(function (x) { return x.c; });
  var sorted = null;
  function arrange() {
    var want = sort.value === "pay";
    if (want === sorted) return;
    sorted = want;
    if (want) payOrder.forEach(function (c) { byPayList.appendChild(c); });
    else cards.forEach(function (c, i) { homes[i].appendChild(c); });
  }
  function apply() {
    arrange();
    var shown = 0;
    cards.forEach(function (c) {
      var ok = (!cat.value || c.getAttribute("data-category") === cat.value) &&
        (!ind.value || has(c.getAttribute("data-industries"), ind.value)) &&
        (!pay.value || has(c.getAttribute("data-pay"), pay.value));
      c.hidden = !ok;
      if (ok) shown++;
    });
    groups.forEach(function (g) { g.hidden = sorted || !g.querySelector(".card:not([hidden])"); });
    byPay.hidden = !sorted || shown === 0;
    empty.hidden = shown > 0;
    count.textContent = shown === 1 ? "1 role" : shown + " roles";
    var q = new URLSearchParams();
    if (cat.value) q.set("category", cat.value);
    if (ind.value) q.set("industry", ind.value);
    if (pay.value) q.set("pay", pay.value);
    if (sort.value) q.set("sort", sort.value);
    var s = q.toString();
    history.replaceState(null, "", s ? "?" + s : location.pathname);
  }
  empty.querySelector("button").addEventListener("click", function () {
    cat.value = ind.value = pay.value = "";
    apply();
    cat.focus();
  });
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.hidden = false;
  links.hidden = true;
  apply();
})();
