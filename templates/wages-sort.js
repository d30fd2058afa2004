// @ts-check
// Sortable tables of wages (templates/partials/wages.html): a button in each column header sorts
// the rows by that column, ascending then descending, and `aria-sort` on the header says which.
// Without JavaScript the table is complete, in the table's own order. Figures are read from the
// cells as shown: "$166,400"; "$239,200 or more" sorts above the figure itself; "not published"
// and "not given" go last either way.
(() => {
  /** @param {string} t */
  const figure = (t) => {
    const m = t.replace(/,/g, "").match(/\d+(\.\d+)?/);
    return m ? parseFloat(m[0]) + (/or more/.test(t) ? 0.001 : 0) : NaN;
  };
  for (const table of document.querySelectorAll("table[data-sortable]")) {
    const body = /** @type {HTMLTableElement} */ (table).tBodies[0];
    const heads = [.../** @type {HTMLTableElement} */ (table).rows[0].cells];
    heads.forEach((th, col) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.append(button);
      button.addEventListener("click", () => {
        const up = th.getAttribute("aria-sort") !== "ascending";
        for (const h of heads) h.removeAttribute("aria-sort");
        th.setAttribute("aria-sort", up ? "ascending" : "descending");
        const sign = up ? 1 : -1;
        /** @param {HTMLTableRowElement} r */
        const text = (r) => (r.cells[col].textContent || "").trim();
        const rows = [...body.rows];
        rows.sort((a, b) => {
          if (col === 0) return sign * text(a).localeCompare(text(b));
          const x = figure(text(a));
          const y = figure(text(b));
          if (Number.isNaN(x) || Number.isNaN(y)) return Number(Number.isNaN(x)) - Number(Number.isNaN(y));
          return sign * (x - y);
        });
        body.append(...rows);
      });
    });
  }
})();
