(function () {
  var form = document.getElementById("role-filter");
  if (!form) return;
  var cat = document.getElementById("f-category");
  var ind = document.getElementById("f-industry");
  var pay = document.getElementById("f-pay");
  var count = document.getElementById("filter-count");
  var cards = Array.prototype.slice.call(document.querySelectorAll(".role-group .card"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".role-group"));
  var params = new URLSearchParams(location.search);
  cat.value = params.get("category") || "";
  ind.value = params.get("industry") || "";
  pay.value = params.get("pay") || "";
  function has(list, v) { return (" " + list + " ").indexOf(" " + v + " ") >= 0; }
  function apply() {
    var shown = 0;
    cards.forEach(function (c) {
      var ok = (!cat.value || c.getAttribute("data-category") === cat.value) &&
        (!ind.value || has(c.getAttribute("data-industries"), ind.value)) &&
        (!pay.value || has(c.getAttribute("data-pay"), pay.value));
      c.hidden = !ok;
      if (ok) shown++;
    });
    groups.forEach(function (g) { g.hidden = !g.querySelector(".card:not([hidden])"); });
    count.textContent = shown === 1 ? "1 role" : shown + " roles";
    var q = new URLSearchParams();
    if (cat.value) q.set("category", cat.value);
    if (ind.value) q.set("industry", ind.value);
    if (pay.value) q.set("pay", pay.value);
    var s = q.toString();
    history.replaceState(null, "", s ? "?" + s : location.pathname);
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.hidden = false;
  apply();
})();
