"""The HTML report's stylesheet and script, inlined into every page it writes.

Kept apart from `reports.html_report` so that the Python that builds the page and the
CSS/JS that the browser runs can each be read on their own. The script draws the
findings table from the JSON the page embeds (`#piiscan-data`), reads its filters from
the URL fragment and writes them back there; it never puts data into `innerHTML`.
"""

from __future__ import annotations

STYLE = """
:root { --lv1: #c62828; --lv2: #ef6c00; --unk: #6d4c9f; --lv0: #5f7f5f; --line: #d7dbe0;
  --bg: #f6f7f9; --ink: #1d2330; --muted: #5a6270; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink); font-size: 14px; line-height: 1.5;
  font-family: "Noto Sans CJK JP", "Noto Sans JP", "Hiragino Kaku Gothic ProN", "Yu Gothic UI",
  "Yu Gothic", Meiryo, sans-serif; }
header { background: #243447; color: #fff; padding: 16px 24px; }
header h1 { margin: 0; font-size: 22px; }
.subtitle { margin: 2px 0 8px; color: #cfd8e3; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
.facts dt { color: #cfd8e3; } .facts dd { margin: 0; word-break: break-all; }
main { padding: 8px 24px 24px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px;
  margin: 16px 0; }
h2 { font-size: 18px; margin: 0 0 8px; border-left: 4px solid #243447; padding-left: 8px; }
.hint, .note { color: var(--muted); font-size: 13px; margin: 4px 0; }
.warn, .empty-report { color: var(--lv1); font-weight: bold; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(380px, 1fr));
  gap: 16px 24px; align-items: start; }
.headline { display: flex; flex-wrap: wrap; gap: 12px; margin: 8px 0 16px; }
.big { border: 1px solid var(--line); border-left: 6px solid var(--muted); border-radius: 4px;
  padding: 6px 16px; min-width: 9em; display: flex; flex-direction: column; }
.big .n { font-size: 28px; font-weight: bold; font-variant-numeric: tabular-nums; }
.big .t { color: var(--muted); font-size: 13px; }
.big.lv-1 { border-left-color: var(--lv1); } .big.lv-1 .n { color: var(--lv1); }
.big.lv-2 { border-left-color: var(--lv2); } .big.lv-2 .n { color: var(--lv2); }
.big.lv-unknown { border-left-color: var(--unk); } .big.vio { border-left-color: #34577a; }
.big.new { border-left-color: #2b6cb0; } .big.zero .n { color: #b0b6bf; }
table { border-collapse: collapse; }
caption { text-align: left; font-weight: bold; padding: 4px 0; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; vertical-align: top;
  text-align: left; }
.totals th { font-weight: normal; white-space: nowrap; }
.totals .sum th, .totals .sum td { font-weight: bold; border-top: 2px solid var(--ink); }
.totals td.note { max-width: 17em; font-size: 12px; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.zero { color: #b0b6bf; }
tr.lv-1 th:first-child, .lvl-1 { color: var(--lv1); font-weight: bold; }
tr.lv-2 th:first-child, .lvl-2 { color: var(--lv2); font-weight: bold; }
tr.lv-unknown th:first-child, .lvl-unknown { color: var(--unk); }
tr.lv-0 th:first-child, .lvl-0 { color: var(--lv0); }
.chart { margin: 12px 0 0; } .chart figcaption { font-weight: bold; margin-bottom: 4px; }
.chart svg { max-width: 100%; height: auto; font-family: inherit; font-size: 13px; }
.chart text { fill: var(--ink); }
.chart .lv-1 rect { fill: var(--lv1); } .chart .lv-2 rect { fill: var(--lv2); }
.chart .lv-unknown rect { fill: var(--unk); } .chart .lv-0 rect { fill: var(--lv0); }
.chart .vio rect { fill: #34577a; }
.scroll { overflow-x: auto; }
.groups th[scope=row] { font-weight: normal; word-break: break-all; min-width: 16em; }
.groups tr.lv1 th[scope=row] a { color: var(--lv1); font-weight: bold; }
.groups thead th, .findings thead th { background: #eef1f5; position: sticky; top: 0;
  white-space: nowrap; }
.chip { display: inline-block; background: #fdecea; color: #8e1c1c; border-radius: 3px;
  padding: 0 5px; margin: 1px 3px 1px 0; font-size: 12px; white-space: nowrap; }
.filters { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: flex-end; margin: 8px 0; }
.filters label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); }
.filters select, .filters input { font: inherit; padding: 3px 4px; max-width: 22em; }
.filters .q input { width: 18em; }
button { font: inherit; cursor: pointer; }
.count { margin: 8px 0; } #shown-count { font-size: 16px; } #page-info { margin-left: 12px; }
.findings { width: 100%; font-size: 13px; }
.findings thead button { border: 0; background: none; padding: 0; font-weight: bold; }
.findings th[aria-sort=ascending] button::after { content: " ▲"; }
.findings th[aria-sort=descending] button::after { content: " ▼"; }
.findings td { word-break: break-all; }
.findings td[class^=lvl-], .findings td.num, .findings td.nowrap { white-space: nowrap;
  word-break: normal; }
.findings td.category, .findings td.key_info { min-width: 6em; word-break: normal; }
.findings td.owner, .findings td.zone { min-width: 5em; word-break: normal;
  overflow-wrap: anywhere; }
.findings td.path { min-width: 20em; }
.findings td.evidence, .findings td.error { color: var(--muted); font-size: 12px;
  min-width: 12em; }
.findings tr.row.lv-1 { background: #fff5f5; }
.findings tr.empty td { color: var(--muted); text-align: center; padding: 16px; }
.pager { display: flex; gap: 8px; margin-top: 8px; }
footer { color: var(--muted); font-size: 12px; padding: 0 24px 24px; }
@media print { .filters, .pager, noscript { display: none; } section { break-inside: avoid; } }
"""

# The findings table. Data is read from the JSON element, and every value reaches the
# page through textContent, an Option's text or a title property: never as markup.
# No "//" comments, so nothing in the page looks like a protocol-relative address.
SCRIPT = r"""
(() => {
  "use strict";
  const data = JSON.parse(document.getElementById("piiscan-data").textContent);
  const L = data.labels;
  const cols = data.columns;
  const PAGE = data.page_size;
  const RANK = { "1": 0, "2": 1, "unknown": 2, "0": 3 };
  const KEYS = ["level", "violation", "zone", "owner", "change", "dir"];
  const has = (m, k) => Object.prototype.hasOwnProperty.call(m, k);
  const label = (m, k) => (has(m, k) ? m[k] : k);
  const norm = (s) => String(s == null ? "" : s).normalize("NFKC").toLowerCase();
  const collator = new Intl.Collator("ja", { numeric: true });
  const at = {};
  cols.forEach((c, i) => { at[c] = i; });
  const get = (values, c) => (has(at, c) ? values[at[c]] : null);

  const rows = data.rows.map((values, order) => ({
    order,
    values,
    level: get(values, "risk_level"),
    violations: get(values, "violations") || [],
    zone: get(values, "zone"),
    owner: get(values, "owner"),
    change: get(values, "change"),
    dir: data.dirs[data.row_dirs[order]],
    hay: norm(get(values, "path")) + "\n" + norm(get(values, "category")),
  }));

  const $ = (id) => document.getElementById(id);
  const controls = {};
  KEYS.forEach((k) => { const el = $("filter-" + k); if (el) controls[k] = el; });
  const qBox = $("filter-q");
  const body = $("findings-body");
  const fmt = (n) => n.toLocaleString("ja-JP");

  const defaults = () => ({ level: "", violation: "", zone: "", owner: "", change: "", dir: "",
    q: "", sort: "", desc: false, page: 1 });
  let state = defaults();

  function counted(pick) {
    const m = new Map();
    rows.forEach((r) => { for (const v of pick(r)) m.set(v, (m.get(v) || 0) + 1); });
    return m;
  }
  function addOption(select, value, text) {
    select.appendChild(new Option(text, value));
  }
  function fillOptions() {
    if (controls.level) {
      const c = counted((r) => [r.level]);
      ["1", "2", "unknown", "0"].forEach((v) =>
        addOption(controls.level, v, label(L.level, v) + " (" + fmt(c.get(v) || 0) + ")"));
      addOption(controls.level, "1,2", label(L.level, "1") + "・" + label(L.level, "2"));
    }
    if (controls.violation) {
      const c = counted((r) => r.violations);
      addOption(controls.violation, "any", "違反あり");
      const codes = Object.keys(L.violation);
      for (const code of c.keys()) if (!codes.includes(code)) codes.push(code);
      codes.forEach((code) => addOption(controls.violation, code,
        label(L.violation, code) + " (" + fmt(c.get(code) || 0) + ")"));
      addOption(controls.violation, "none", "違反なし");
    }
    const plain = [["zone", (r) => [r.zone]], ["owner", (r) => [r.owner]],
      ["change", (r) => [r.change]], ["dir", (r) => [r.dir]]];
    for (const [key, pick] of plain) {
      if (!controls[key]) continue;
      const c = counted(pick);
      const values = [...c.keys()].filter((v) => v).sort(collator.compare);
      values.forEach((v) => {
        const text = key === "change" ? label(L.change, v) : v;
        addOption(controls[key], v, text + " (" + fmt(c.get(v)) + ")");
      });
    }
  }
  function ensureOption(select, value) {
    if (!value) return;
    for (const o of select.options) if (o.value === value) return;
    addOption(select, value, value);
  }

  function readHash() {
    const p = new URLSearchParams(location.hash.replace(/^#/, ""));
    const s = defaults();
    KEYS.forEach((k) => { if (controls[k] && p.get(k)) s[k] = p.get(k); });
    s.q = p.get("q") || "";
    const sort = p.get("sort") || "";
    s.sort = cols.includes(sort) ? sort : "";
    s.desc = p.get("desc") === "1";
    const page = parseInt(p.get("page") || "1", 10);
    s.page = page > 0 ? page : 1;
    return s;
  }
  let writing = false;
  function writeHash() {
    const p = new URLSearchParams();
    KEYS.forEach((k) => { if (state[k]) p.set(k, state[k]); });
    if (state.q) p.set("q", state.q);
    if (state.sort) p.set("sort", state.sort);
    if (state.desc) p.set("desc", "1");
    if (state.page > 1) p.set("page", String(state.page));
    const h = p.toString();
    try {
      history.replaceState(null, "", h ? "#" + h : location.href.split("#")[0]);
    } catch (e) {
      writing = true;
      location.hash = h;
    }
  }
  function syncControls() {
    KEYS.forEach((k) => {
      if (!controls[k]) return;
      ensureOption(controls[k], state[k]);
      controls[k].value = state[k];
    });
    qBox.value = state.q;
  }

  function matcher(s) {
    const list = (v) => (v ? v.split(",") : null);
    const levels = list(s.level);
    const changes = list(s.change);
    const vio = s.violation;
    const codes = vio && vio !== "any" && vio !== "none" ? vio.split(",") : null;
    const words = norm(s.q).split(/\s+/).filter((w) => w);
    return (r) => {
      if (levels && !levels.includes(r.level)) return false;
      if (vio === "any" && !r.violations.length) return false;
      if (vio === "none" && r.violations.length) return false;
      if (codes && !r.violations.some((v) => codes.includes(v))) return false;
      if (s.zone && r.zone !== s.zone) return false;
      if (s.owner && r.owner !== s.owner) return false;
      if (changes && !changes.includes(r.change)) return false;
      if (s.dir && r.dir !== s.dir) return false;
      return words.every((w) => r.hay.includes(w));
    };
  }

  function sortValue(c, r) {
    const v = r.values[at[c]];
    if (c === "risk_level") return RANK[v] ?? 9;
    if (c === "records") return v;
    if (c === "encrypted") return v ? 1 : 0;
    if (c === "violations") return v.length;
    if (Array.isArray(v)) return v.join("; ");
    return v == null ? "" : String(v);
  }
  let sortedFor = null;
  let sorted = rows;
  function sortedRows() {
    const key = state.sort + (state.desc ? ":desc" : ":asc");
    if (sortedFor === key) return sorted;
    sortedFor = key;
    if (!state.sort) {
      sorted = state.desc ? rows.slice().reverse() : rows;
      return sorted;
    }
    const c = state.sort;
    const sign = state.desc ? -1 : 1;
    const keyed = rows.map((r) => [sortValue(c, r), r]);
    keyed.sort((a, b) => {
      const x = a[0], y = b[0];
      if (x == null || y == null) {
        if (x == null && y == null) return a[1].order - b[1].order;
        return x == null ? 1 : -1;
      }
      const d = typeof x === "number" ? x - y : collator.compare(x, y);
      return d ? sign * d : a[1].order - b[1].order;
    });
    sorted = keyed.map((k) => k[1]);
    return sorted;
  }

  function cell(tr, text, cls) {
    const td = document.createElement("td");
    td.textContent = text;
    if (cls) td.className = cls;
    tr.appendChild(td);
    return td;
  }
  function makeRow(r) {
    const tr = document.createElement("tr");
    tr.className = "row lv-" + r.level;
    cols.forEach((c, i) => {
      const v = r.values[i];
      if (c === "risk_level") {
        cell(tr, label(L.level, v), "lvl-" + v);
      } else if (c === "records") {
        cell(tr, v == null ? "" : fmt(v), "num");
      } else if (c === "encrypted") {
        cell(tr, v ? "あり" : "なし", "nowrap");
      } else if (c === "violations") {
        const td = cell(tr, "", "violations");
        v.forEach((code) => {
          const chip = document.createElement("span");
          chip.className = "chip";
          chip.textContent = label(L.violation, code);
          chip.title = code;
          td.appendChild(chip);
        });
      } else if (c === "change") {
        cell(tr, label(L.change, v), "nowrap");
      } else if (c === "mtime") {
        cell(tr, String(v).replace("T", " ").slice(0, 16), "nowrap").title = v;
      } else if (c === "owner") {
        cell(tr, v || L.unknown_owner, "owner");
      } else if (Array.isArray(v)) {
        cell(tr, v.join("; "), c);
      } else {
        cell(tr, v == null ? "" : String(v), c);
      }
    });
    return tr;
  }

  function render() {
    const view = sortedRows().filter(matcher(state));
    const pages = Math.max(1, Math.ceil(view.length / PAGE));
    if (state.page > pages) state.page = pages;
    const start = (state.page - 1) * PAGE;
    const slice = view.slice(start, start + PAGE);
    if (slice.length) {
      body.replaceChildren(...slice.map(makeRow));
    } else {
      const tr = document.createElement("tr");
      tr.className = "empty";
      const td = cell(tr, rows.length ? "条件に合う行はありません。"
        : "一覧に載せる行はありません。");
      td.colSpan = cols.length;
      body.replaceChildren(tr);
    }
    const shown = $("shown-count");
    shown.textContent = fmt(view.length);
    shown.dataset.value = String(view.length);
    $("page-info").textContent = view.length > PAGE
      ? "（" + fmt(start + 1) + "〜" + fmt(start + slice.length) + " 件目、" +
        state.page + " / " + pages + " ページ）"
      : "";
    $("page-info").dataset.page = String(state.page);
    $("page-info").dataset.pages = String(pages);
    $("page-prev").disabled = state.page <= 1;
    $("page-next").disabled = state.page >= pages;
    document.querySelectorAll("#findings-table th[data-col]").forEach((th) => {
      const on = th.dataset.col === state.sort;
      if (on) th.setAttribute("aria-sort", state.desc ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
    });
  }

  function update(changes) {
    Object.assign(state, changes);
    writeHash();
    render();
  }
  KEYS.forEach((k) => {
    if (controls[k]) controls[k].addEventListener("change", () =>
      update({ [k]: controls[k].value, page: 1 }));
  });
  let timer = 0;
  qBox.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => update({ q: qBox.value, page: 1 }), 200);
  });
  $("filters").addEventListener("submit", (e) => e.preventDefault());
  $("filter-clear").addEventListener("click", () => {
    state = defaults();
    syncControls();
    writeHash();
    render();
  });
  document.querySelectorAll("#findings-table button[data-sort]").forEach((b) => {
    b.addEventListener("click", () => {
      const c = b.dataset.sort;
      update({ sort: c, desc: state.sort === c ? !state.desc : false, page: 1 });
    });
  });
  const turn = (d) => () => {
    update({ page: state.page + d });
    $("findings").scrollIntoView();
  };
  $("page-prev").addEventListener("click", turn(-1));
  $("page-next").addEventListener("click", turn(1));
  window.addEventListener("hashchange", () => {
    if (writing) { writing = false; return; }
    state = readHash();
    syncControls();
    render();
    $("findings").scrollIntoView();
  });

  fillOptions();
  state = readHash();
  syncControls();
  render();
})();
"""
