/* Batch dashboard: live progress, a sortable and filterable table of the submissions, batch export. */
"use strict";

(() => {
  const { t, el, api, percent } = App;
  const batchId = decodeURIComponent(location.pathname.split("/").filter(Boolean)[1] || "");
  const state = { batch: null, sort: "name", dir: 1, text: "", status: "all" };
  const FINAL = new Set(["done", "failed"]);

  function renderProgress() {
    const totals = state.batch.totals || {};
    const total = totals.total || 0;
    const ok = totals.done || 0;
    const bad = totals.failed || 0;
    const bar = document.getElementById("batch-bar");
    const [okBar, badBar] = bar.querySelectorAll("span");
    okBar.style.width = (total ? ok / total * 100 : 0) + "%";
    badBar.style.width = (total ? bad / total * 100 : 0) + "%";
    const pct = total ? Math.round((ok + bad) / total * 100) : 0;
    bar.setAttribute("aria-valuenow", String(pct));
    bar.setAttribute("aria-valuetext", pct + "%");
    const eta = state.batch.eta_seconds ? " · ETA " + Math.ceil(state.batch.eta_seconds) + " s" : "";
    const subs = state.batch.submissions || [];
    const finished = subs.filter((s) => FINAL.has(s.status)).length;
    document.getElementById("batch-counts").textContent =
      t("progress_submissions", { done: finished, total: subs.length }) + " · " +
      t("progress_files", { done: ok + bad, total }) + " · " + t("job_status.done") + " " + ok + " · " +
      t("job_status.failed") + " " + bad + eta;
  }

  function renderStatusFilter() {
    const select = document.getElementById("filter-status");
    const statuses = ["queued", "running", "done", "failed"];
    select.replaceChildren(el("option", { value: "all" }, t("filter_all")),
      ...statuses.map((s) => el("option", { value: s }, t("job_status." + s))));
    select.value = state.status;
  }

  function compare(a, b) {
    const key = state.sort;
    let x = a[key];
    let y = b[key];
    if (key === "jurisdiction") { x = a.resolved_jurisdiction || a.jurisdiction; y = b.resolved_jurisdiction || b.jurisdiction; }
    const text = key === "name" || key === "status" || key === "jurisdiction";
    if (x === null || x === undefined) x = text ? "" : -1;
    if (y === null || y === undefined) y = text ? "" : -1;
    if (typeof x === "number" && typeof y === "number") return (x - y) * state.dir;
    return String(x).localeCompare(String(y), "zh-CN") * state.dir;
  }

  function renderTable() {
    const rows = (state.batch.submissions || []).filter((s) => {
      if (state.status !== "all" && s.status !== state.status) return false;
      if (state.text && !String(s.name || "").toLowerCase().includes(state.text.toLowerCase())) return false;
      return true;
    }).sort(compare);
    const body = document.querySelector("#subs-table tbody");
    body.replaceChildren(...rows.map((s) => el("tr", { dataset: { id: s.id, status: s.status } },
      el("th", { scope: "row" }, s.name || s.id),
      el("td", {}, el("span", { class: "pill js-" + s.status }, t("job_status." + s.status)),
        s.failed_files ? el("span", { class: "muted small" }, " " + t("job_status.failed") + " " + s.failed_files) : null),
      el("td", {}, s.resolved_jurisdiction || s.jurisdiction || "—"),
      el("td", { class: "num" }, s.completeness === null || s.completeness === undefined ? "—"
        : el("span", { class: "meter-wrap" }, el("span", { class: "meter", "aria-hidden": "true" },
          el("span", { style: { width: Math.round(s.completeness * 100) + "%" } })), " " + percent(s.completeness))),
      el("td", { class: "num" + (s.missing_mandatory ? " bad" : "") }, s.missing_mandatory === null || s.missing_mandatory === undefined ? "—" : String(s.missing_mandatory)),
      el("td", {}, el("a", { href: "/submissions/" + encodeURIComponent(s.id), class: "btn small",
        "aria-label": t("batch_open") + "：" + (s.name || s.id) }, t("batch_open"))))));
    if (!rows.length) body.append(el("tr", {}, el("td", { colspan: "6", class: "muted" }, t("batch_empty"))));
    document.querySelectorAll("#subs-table th[aria-sort]").forEach((th) => {
      const key = th.querySelector("button").dataset.sort;
      th.setAttribute("aria-sort", key === state.sort ? (state.dir > 0 ? "ascending" : "descending") : "none");
    });
  }

  function render() {
    if (!state.batch) return;
    renderProgress();
    renderTable();
  }

  const isFinal = (batch) => {
    const totals = batch.totals || {};
    return totals.total > 0 && (totals.done || 0) + (totals.failed || 0) >= totals.total &&
      (batch.submissions || []).every((s) => FINAL.has(s.status));
  };

  App.start(async () => {
    document.getElementById("batch-id").textContent = batchId;
    const base = App.API + "/batches/" + encodeURIComponent(batchId);
    document.getElementById("export-xlsx").href = base + "/export?format=xlsx";
    document.getElementById("export-csv").href = base + "/export?format=csv";
    document.querySelectorAll("#subs-table th button[data-sort]").forEach((button) => {
      button.addEventListener("click", () => {
        const key = button.dataset.sort;
        state.dir = state.sort === key ? -state.dir : 1;
        state.sort = key;
        renderTable();
      });
    });
    document.getElementById("filter-text").addEventListener("input", (e) => { state.text = e.target.value; renderTable(); });
    document.getElementById("filter-status").addEventListener("change", (e) => { state.status = e.target.value; renderTable(); });
    App.onLang(() => { renderStatusFilter(); render(); });
    renderStatusFilter();
    App.follow(base + "/events", () => api("batches/" + encodeURIComponent(batchId)),
      (batch) => { state.batch = batch; render(); document.body.dataset.final = isFinal(batch) ? "true" : "false"; },
      isFinal, 1000);
  });
})();
