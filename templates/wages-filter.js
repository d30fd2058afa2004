// @ts-check
// /roles/ID/pay/: show only the areas of one state (templates/role-pay.html). Without JavaScript
// the control stays hidden and every area is listed. An area is in a state when its PRIM_STATE
// is that state, or the state is among those its title ends with ("..., NY-NJ-PA"). The count of
// rows shown is announced in a live region.
(() => {
  const box = document.getElementById("area-filter");
  const select = /** @type {HTMLSelectElement | null} */ (document.getElementById("area-state"));
  const status = document.getElementById("area-count");
  if (!box || !select || !status) return;
  const rows = /** @type {HTMLTableRowElement[]} */ ([...document.querySelectorAll("table.area-table tbody tr")]);
  /** @param {HTMLTableRowElement} r */
  const states = (r) => {
    const title = (r.cells[0].textContent || "").trim();
    const tail = title.includes(", ") ? title.slice(title.lastIndexOf(", ") + 2).split("-") : [];
    return [(r.cells[2].textContent || "").trim(), ...tail];
  };
  const apply = () => {
    const want = select.value;
    let shown = 0;
    for (const r of rows) {
      const on = !want || states(r).includes(want);
      r.hidden = !on;
      if (on) shown += 1;
    }
    const where = want ? ` in ${select.options[select.selectedIndex].text}` : "";
    status.textContent = `Showing ${shown} of ${rows.length} areas${where}.`;
  };
  select.addEventListener("change", apply);
  box.hidden = false;
  apply();
})();
