/* The reviewer's report page: documents with highlighted evidence (left), the checklist (right),
   a summary bar of the missing mandatory items on top, signatures, warnings, detection, downloads. */
"use strict";

(() => {
  const { t, el, api, percent } = App;
  const ORDER = { missing: 0, weak: 1, needs_review: 2, satisfied: 3, not_applicable: 4 };
  const SEVERITY = { mandatory: 0, conditional: 1, advisory: 2 };
  const ICON = { satisfied: "✓", weak: "◐", missing: "✕", needs_review: "?", not_applicable: "–" };
  const submissionId = decodeURIComponent(location.pathname.split("/").filter(Boolean)[1] || "");
  const state = { view: null, result: 0, filter: "all", colors: {}, shared: new Set(), itemOf: {}, evOfItem: {}, open: new Set() };

  const results = () => (state.view.report.results ? state.view.report.results : [state.view.report]);
  const current = () => results()[state.result];
  const basisOf = (item) => (item.basis && item.basis[0]) || item.id;

  function basisName(basis) {
    if (App.lang === "zh") return state.view.basis_labels[basis] || basis;
    return basis.replace(/^condition:/, "").replace(/_/g, " ");
  }

  /** A short name for an item: its clause type, or its requirement where two items share a type. */
  function itemTitle(item) {
    const basis = basisOf(item);
    if (!state.shared.has(basis)) return basisName(basis);
    const text = App.lang === "en" && item.remedy_en ? basisName(basis) + " · " + item.id.split(".").pop().replace(/_/g, " ") : item.requirement;
    const limit = App.lang === "en" ? 40 : 22;
    const short = text.replace(/[。．.；;]+$/, "");
    return short.length > limit ? short.slice(0, limit - 1) + "…" : short;
  }

  /* ---------- colours: one per clause type that has evidence on the documents ---------- */
  function assignColors() {
    const seen = [];
    for (const ev of state.view.evidence) {
      if (!ev.located) continue;
      const item = state.itemOf[ev.item];
      const basis = basisOf(item);
      if (!seen.includes(basis)) seen.push(basis);
    }
    seen.forEach((basis, i) => { state.colors[basis] = Math.round((i * 137.508) % 360); });
  }

  const hue = (item) => state.colors[basisOf(item)];

  /* ---------- summary bar ---------- */
  function renderSummary() {
    const bar = document.getElementById("summary-bar");
    const report = state.view.report;
    const result = current();
    const s = result.summary;
    const open = result.items
      .filter((i) => i.severity === "mandatory" && (i.status === "missing" || i.status === "weak"))
      .sort((a, b) => ORDER[a.status] - ORDER[b.status]);
    const counts = Object.entries(s.by_status).filter(([, n]) => n > 0).map(([status, n]) =>
      el("button", { type: "button", class: "count st-" + status, "aria-pressed": state.filter === status ? "true" : "false",
        onclick: () => setFilter(state.filter === status ? "all" : status) },
        el("span", { class: "icon", "aria-hidden": "true" }, ICON[status]), " " + t("statuses." + status) + " " + n));
    const name = report.alliance_name || report.submission || state.view.submission.name || "";
    bar.replaceChildren(
      el("div", { class: "summary-top" },
        el("h1", {}, t("report_heading") + (name ? "：" + name : "")),
        el("span", { class: "outcome oc-" + s.outcome, id: "outcome" }, t("outcomes." + s.outcome)),
        el("span", { class: "score", title: s.formula },
          t("completeness") + " ", el("strong", { id: "completeness" }, percent(s.completeness)),
          el("span", { class: "muted" }, "（" + t("completeness_max") + " " + percent(s.completeness_max) + "）")),
        el("span", { class: "meta muted" },
          (result.rule_set.name_zh || result.jurisdiction) + " · " + result.rule_set.version +
          (result.rule_set.status !== "in_force" ? " · " + t("rule_set_status." + result.rule_set.status) : "") +
          " · " + t("as_of_short") + " " + report.as_of),
        detectionNote(report),
        el("div", { class: "counts", role: "group", "aria-label": t("filter_status") }, counts)),
      el("div", { class: "missing-row", id: "missing-mandatory" },
        el("strong", {}, open.length ? t("summary_missing_mandatory") + "（" + open.length + "）：" : t("summary_none_missing")),
        open.map((item) => el("button", {
          type: "button", class: "chip st-" + item.status, dataset: { item: item.id },
          title: item.requirement, "aria-label": t("summary_jump") + "：" + itemTitle(item) + "（" + t("statuses." + item.status) + "）",
          onclick: () => selectItem(item.id, true),
        }, el("span", { class: "icon", "aria-hidden": "true" }, ICON[item.status]), " " + itemTitle(item)))),
      presentRow(result));
  }

  /** How the jurisdiction was settled, in a line: detected from which clue (the full list is in the side panel). */
  function detectionNote(report) {
    const det = report.detection;
    if (!det) return null;
    const clue = (det.evidence || [])[0];
    const text = det.status === "detected"
      ? t("detected_from") + "：" + (clue ? "“" + (clue.quote.length > 30 ? clue.quote.slice(0, 29) + "…" : clue.quote) + "”" : "—") +
        "（" + t("detection_confidence") + " " + percent(det.confidence) + "）"
      : (det.message || det.status);
    return el("a", { class: "detect-note", href: "#detection", id: "detection-note", title: det.message || "" },
      t("detection") + " · " + text);
  }

  /** The mandatory items found in the documents, each with the page its first evidence is on. */
  function presentRow(result) {
    const found = result.items.filter((i) => i.severity === "mandatory" && (i.status === "satisfied" || i.status === "weak" || i.status === "needs_review"))
      .map((item) => ({ item, first: (state.evOfItem[item.id] || []).find((n) => n.located) }))
      .filter((x) => x.first);
    if (!found.length) return null;
    return el("div", { class: "present-row", id: "present-mandatory" },
      el("strong", {}, t("summary_present") + "（" + found.length + "）："),
      found.map(({ item, first }) => el("button", {
        type: "button", class: "chip present st-" + item.status, dataset: { item: item.id },
        title: item.requirement, "aria-label": t("summary_jump") + "：" + itemTitle(item) + (first.page ? "，" + t("page_n", { n: first.page }) : ""),
        onclick: () => selectItem(item.id, true),
      }, el("span", { class: "swatch", style: { "--h": hue(item) }, "aria-hidden": "true" }), itemTitle(item),
      first.page ? el("span", { class: "muted" }, " p." + first.page) : null)));
  }

  /* ---------- downloads ---------- */
  function renderDownloads() {
    const base = App.API + "/submissions/" + encodeURIComponent(submissionId) + "/report?format=";
    const box = document.getElementById("downloads");
    box.replaceChildren(
      ...[["docx", "download_docx"], ["xlsx", "download_xlsx"], ["json", "download_json"]].map(([fmt, key]) =>
        el("a", { class: "btn small", href: base + fmt, download: "report-" + submissionId + "." + fmt,
          id: "download-" + fmt }, t(key))));
  }

  /* ---------- documents ---------- */
  const observer = "IntersectionObserver" in window ? new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      const img = entry.target;
      if (img.dataset.src) { img.src = img.dataset.src; delete img.dataset.src; }
      observer.unobserve(img);
    }
  }, { root: document.getElementById("doc-pane"), rootMargin: "1200px 0px" }) : null;

  function pageWidth() {
    const ratio = window.devicePixelRatio || 1;
    return Math.min(2000, Math.max(600, Math.round(Math.min(1000, window.innerWidth * 0.6) * ratio / 100) * 100));
  }

  function boxFor(box, file) {
    const ev = state.view.evidence[box.ev];
    const item = state.itemOf[ev.item];
    return el("button", {
      type: "button", class: "hl st-" + item.status, tabindex: "-1",
      dataset: { ev: String(box.ev), item: item.id },
      title: itemTitle(item) + " · " + t("statuses." + item.status),
      "aria-label": itemTitle(item) + "，" + t("statuses." + item.status) + "，" + file.name + " " + t("page_n", { n: box.page }),
      style: { left: box.x * 100 + "%", top: box.y * 100 + "%", width: box.w * 100 + "%", height: box.h * 100 + "%",
        "--h": hue(item) },
      onclick: () => selectItem(item.id, false),
    });
  }

  function renderPages(file, container) {
    const view = file.view;
    const byPage = {};
    for (const box of view.boxes) (byPage[box.page] = byPage[box.page] || []).push(box);
    const width = pageWidth();
    for (const page of view.pages) {
      const src = App.API + "/submissions/" + encodeURIComponent(submissionId) + "/files/" +
        encodeURIComponent(file.id) + "/pages/" + page.n + ".png?w=" + width;
      const img = el("img", { alt: t("page_image_alt", { file: file.name, n: page.n }), loading: "lazy",
        decoding: "async", width: Math.round(page.w), height: Math.round(page.h) });
      if (observer) { img.dataset.src = src; observer.observe(img); } else img.src = src;
      const sheet = el("div", { class: "page" + (page.ocr ? " ocr" : ""), id: "p-" + file.id + "-" + page.n,
        style: { aspectRatio: page.w + " / " + page.h }, dataset: { page: String(page.n) } },
        img, (byPage[page.n] || []).map((b) => boxFor(b, file)),
        el("span", { class: "page-no" }, t("page_n", { n: page.n })));
      container.append(sheet);
    }
  }

  function renderText(file, container) {
    const pre = el("div", { class: "doc-text", lang: "zh-CN" });
    for (const seg of file.view.segments) {
      if (!seg.ev) { pre.append(seg.t); continue; }
      const first = state.view.evidence[seg.ev[0]];
      const item = state.itemOf[first.item];
      pre.append(el("mark", {
        class: "hl-text st-" + seg.st, dataset: { ev: seg.ev.join(" "), item: item.id },
        style: { "--h": hue(item) }, title: seg.ev.map((n) => itemTitle(state.itemOf[state.view.evidence[n].item])).join("、"),
        onclick: () => selectItem(item.id, false),
      }, seg.t));
    }
    container.append(pre);
  }

  function renderDocs() {
    const docs = document.getElementById("docs");
    const tools = document.getElementById("doc-tools");
    docs.replaceChildren();
    const jump = el("nav", { class: "file-tabs", "aria-label": t("documents") });
    for (const file of state.view.files) {
      const kind = file.kind ? t("kinds." + file.kind) : (file.format || "");
      jump.append(el("a", { href: "#file-" + file.id, class: "btn small ghost" }, file.name.split("/").pop()));
      const section = el("section", { class: "file", id: "file-" + file.id, "aria-label": file.name },
        el("h2", { class: "file-title" }, file.name.split("/").pop(),
          el("span", { class: "muted" }, " · " + kind + (file.view && file.view.mode === "pages" ? " · " + t("file_pages", { n: file.view.pages.length }) : ""))));
      if (file.error) {
        const err = file.error;
        section.append(el("p", { class: "error" }, t("warn_file_error", { file: file.name, code: err.code || "",
          message: (App.lang === "en" ? err.message_en : err.message_zh) || "" })));
      } else if (!file.view) section.append(el("p", { class: "muted" }, t("no_document")));
      else if (file.view.mode === "pages") renderPages(file, section);
      else renderText(file, section);
      docs.append(section);
    }
    tools.replaceChildren(jump, renderLegend());
    applyResultVisibility();
  }

  function renderLegend() {
    const entries = Object.keys(state.colors);
    const details = el("details", { class: "legend" }, el("summary", { "aria-label": t("legend_label") }, t("legend") + "（" + entries.length + "）"));
    const list = el("ul", {});
    for (const basis of entries) {
      const item = current().items.find((i) => basisOf(i) === basis) || Object.values(state.itemOf).find((i) => basisOf(i) === basis);
      list.append(el("li", {}, el("button", { type: "button", class: "legend-item", onclick: () => item && selectItem(item.id, true) },
        el("span", { class: "swatch", style: { "--h": state.colors[basis] }, "aria-hidden": "true" }), basisName(basis))));
    }
    const styles = el("li", { class: "muted small" },
      el("span", { class: "swatch st-satisfied" }), t("statuses.satisfied") + " ",
      el("span", { class: "swatch st-weak" }), t("statuses.weak") + " ",
      el("span", { class: "swatch st-needs_review" }), t("statuses.needs_review"));
    list.append(styles);
    details.append(list);
    details.open = window.innerWidth >= 1000;
    return details;
  }

  /* Only the current rule set's evidence is shown (a matrix report has one result per jurisdiction). */
  function applyResultVisibility() {
    const ids = new Set(current().items.map((i) => i.id));
    document.querySelectorAll("#docs [data-item]").forEach((node) => {
      const show = ids.has(node.dataset.item);
      if (node.tagName === "MARK") node.classList.toggle("off", !show);
      else node.hidden = !show;
    });
  }

  /* ---------- checklist ---------- */
  function setFilter(status) {
    state.filter = status;
    renderFilter();
    renderItems();
    renderSummary();
  }

  function renderFilter() {
    const box = document.getElementById("status-filter");
    const s = current().summary.by_status;
    const options = ["all", "missing", "weak", "needs_review", "satisfied", "not_applicable"];
    box.replaceChildren(...options.filter((o) => o === "all" || s[o]).map((o) => el("button", {
      type: "button", class: "btn small filter" + (o === "all" ? "" : " st-" + o), "aria-pressed": state.filter === o ? "true" : "false",
      onclick: () => setFilter(o),
    }, o === "all" ? t("filter_all") : t("statuses." + o) + " " + s[o])));
  }

  function copyText(text, button) {
    const done = () => { button.textContent = t("copied"); setTimeout(() => { button.textContent = t("copy"); }, 1500); };
    if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(done, () => fallbackCopy(text, done));
    else fallbackCopy(text, done);
  }

  function fallbackCopy(text, done) {
    const area = el("textarea", { class: "offscreen", "aria-hidden": "true" });
    area.value = text;
    document.body.append(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing to do */ }
    area.remove();
    done();
  }

  function evidenceList(item) {
    const evs = state.evOfItem[item.id] || [];
    if (!evs.length) return el("p", { class: "muted small" }, t("item_no_evidence"));
    return el("ul", { class: "evidence" }, evs.map((n) => {
      const ev = item.evidence[n.k];
      const where = ev.file.split("/").pop() + (ev.page ? " · " + t("page_n", { n: ev.page }) : "");
      const quote = ev.quote ? "“" + (ev.quote.length > 90 ? ev.quote.slice(0, 89) + "…" : ev.quote) + "”" : (ev.label || "");
      return el("li", {}, el("button", { type: "button", class: "ev-link", disabled: !n.located && !ev.page,
        title: n.located ? "" : t("item_not_located"), onclick: () => gotoEvidence(n.ev) },
        el("span", { class: "where" }, where), " ", quote));
    }));
  }

  function itemDetails(item) {
    const parts = [];
    if (item.when) parts.push(el("p", {}, el("span", { class: "label" }, t("item_when") + "："), item.when));
    if (item.reason) parts.push(el("p", { class: "reason" }, el("span", { class: "label" }, t("item_reason") + "："), item.reason));
    parts.push(el("p", { class: "citation" }, el("span", { class: "label" }, t("item_citation") + "："),
      (item.citation.title ? "《" + item.citation.title + "》" : "") + item.citation.article,
      item.citation.quote ? el("q", { class: "muted" }, item.citation.quote) : null));
    if (item.status !== "satisfied" && item.status !== "not_applicable" && item.remedy) {
      const remedy = App.lang === "en" && item.remedy_en ? item.remedy_en : item.remedy;
      const copy = el("button", { type: "button", class: "btn small copy", "aria-label": t("copy_label", { name: itemTitle(item) }) }, t("copy"));
      copy.addEventListener("click", () => copyText(remedy, copy));
      parts.push(el("div", { class: "remedy" }, el("div", { class: "remedy-head" },
        el("span", { class: "label" }, t("item_remedy")), copy), el("p", { class: "remedy-text" }, remedy)));
    }
    parts.push(el("div", { class: "ev-head label" }, t("item_evidence")), evidenceList(item));
    return parts;
  }

  function renderItems() {
    const list = document.getElementById("items");
    const items = current().items.slice().sort((a, b) => (ORDER[a.status] - ORDER[b.status]) || (SEVERITY[a.severity] - SEVERITY[b.severity]));
    list.replaceChildren();
    for (const item of items) {
      if (state.filter !== "all" && item.status !== state.filter) continue;
      const open = state.open.has(item.id);
      const located = (state.evOfItem[item.id] || []).filter((n) => n.located).length;
      const detailsId = "details-" + cssId(item.id);
      const head = el("button", { type: "button", class: "item-head", "aria-expanded": open ? "true" : "false",
        "aria-controls": detailsId, onclick: () => selectItem(item.id, false, true) },
        el("span", { class: "icon st-" + item.status, role: "img", "aria-label": t("statuses." + item.status) }, ICON[item.status]),
        el("span", { class: "item-title" },
          el("span", { class: "swatch", style: { "--h": hue(item) }, hidden: hue(item) === undefined, "aria-hidden": "true" }),
          itemTitle(item)),
        el("span", { class: "sev sev-" + item.severity }, t("severities." + item.severity)),
        el("span", { class: "status-text" }, t("statuses." + item.status)),
        el("span", { class: "item-req" }, item.requirement),
        el("span", { class: "item-meta muted" }, (item.citation.article || "") + (located ? " · " + t("item_evidence_count", { n: located }) : "")));
      const details = el("div", { class: "item-details", id: detailsId, hidden: !open }, itemDetails(item));
      list.append(el("li", { class: "item st-" + item.status + (open ? " open" : ""), id: "item-" + cssId(item.id),
        dataset: { item: item.id, status: item.status, severity: item.severity } }, head, details));
    }
  }

  function cssId(id) { return id.replace(/[^A-Za-z0-9_-]/g, "_"); }

  function flash(nodes) {
    for (const node of nodes) {
      node.classList.remove("flash");
      void node.offsetWidth;
      node.classList.add("flash");
    }
    setTimeout(() => nodes.forEach((n) => n.classList.remove("flash")), 2200);
  }

  function nodesOf(ev) {
    return Array.from(document.querySelectorAll("#docs [data-ev]")).filter((n) => n.dataset.ev.split(" ").includes(String(ev)));
  }

  function gotoEvidence(ev) {
    const nodes = nodesOf(ev);
    if (nodes.length) {
      nodes[0].scrollIntoView({ behavior: "smooth", block: "center" });
      flash(nodes);
      return true;
    }
    const entry = state.view.evidence[ev];
    if (entry && entry.file_id && entry.page) {
      const page = document.getElementById("p-" + entry.file_id + "-" + entry.page);
      if (page) { page.scrollIntoView({ behavior: "smooth", block: "start" }); flash([page]); return true; }
    }
    return false;
  }

  /** Open an item in the checklist and show its evidence; `toggle` closes it when it is already open. */
  function selectItem(id, fromSummary, toggle) {
    const wasOpen = state.open.has(id);
    if (toggle && wasOpen) state.open.delete(id);
    else state.open.add(id);
    const item = state.itemOf[id];
    if (state.filter !== "all" && item && item.status !== state.filter) { state.filter = "all"; renderFilter(); }
    renderItems();
    const li = document.getElementById("item-" + cssId(id));
    if (li) {
      document.querySelectorAll("#items .item.selected").forEach((n) => n.classList.remove("selected"));
      li.classList.add("selected");
      if (fromSummary || !toggle) li.scrollIntoView({ behavior: "smooth", block: "nearest" });
      const head = li.querySelector(".item-head");
      if (head && document.activeElement !== head && (fromSummary || !toggle)) head.focus({ preventScroll: true });
    }
    if (toggle && wasOpen) return;
    const first = (state.evOfItem[id] || []).find((n) => n.located) || (state.evOfItem[id] || [])[0];
    if (first) {
      const nodes = (state.evOfItem[id] || []).flatMap((n) => nodesOf(n.ev));
      if (gotoEvidence(first.ev) && nodes.length) flash(nodes);
    }
  }

  /* ---------- signatures, warnings, detection ---------- */
  function licenceMatch(sig, licences) {
    const lic = licences.find((l) => l.name && (l.name === sig.party || l.name.includes(sig.party) || sig.party.includes(l.name)));
    if (!lic) return { cls: "unknown", text: t("no_license") };
    if (!sig.signatory_name || !lic.legal_rep) return { cls: "unknown", text: t("unknown") + (lic.legal_rep ? "（" + lic.legal_rep + "）" : "") };
    const ok = sig.signatory_name === lic.legal_rep;
    return { cls: ok ? "yes" : "no", text: (ok ? t("yes") : t("no")) + "（" + lic.legal_rep + "）" };
  }

  function renderSignatures() {
    const body = document.getElementById("signature-body");
    const docs = state.view.report.documents || [];
    const licences = docs.filter((d) => d.license).map((d) => d.license);
    const blocks = [];
    for (const doc of docs) {
      if (!doc.signatures || !doc.signatures.length) continue;
      const rows = doc.signatures.map((sig) => {
        const match = licenceMatch(sig, licences);
        const role = (doc.members || []).find((m) => m.name === sig.party);
        return el("tr", {},
          el("th", { scope: "row" }, sig.party, role ? el("span", { class: "muted small" }, " " + t("member_roles." + role.role)) : null),
          el("td", {}, t("roles." + sig.signatory_role) + (sig.signatory_name ? "：" + sig.signatory_name : "")),
          el("td", { class: sig.signed ? "yes" : "no" }, sig.signed ? t("signed") : t("blank")),
          el("td", { class: sig.seal ? "yes" : "no" }, sig.seal ? t("yes") : t("no")),
          el("td", { class: match.cls }, match.text));
      });
      blocks.push(el("h3", { class: "small" }, doc.file.split("/").pop() + "（" + rows.length + "）"),
        el("div", { class: "table-wrap" }, el("table", { class: "data compact" },
          el("thead", {}, el("tr", {}, ["sig_party", "sig_role", "sig_signed", "sig_seal", "sig_license"].map((k) => el("th", { scope: "col" }, t(k))))),
          el("tbody", {}, rows))));
    }
    body.replaceChildren(...(blocks.length ? blocks : [el("p", { class: "muted" }, t("sig_none"))]));
  }

  function renderWarnings() {
    const list = document.getElementById("warning-list");
    const result = current();
    const out = [];
    if (result.rule_set.status && result.rule_set.status !== "in_force") {
      out.push(el("li", { class: "warn-strong" }, t("warn_rule_set", { status: t("rule_set_status." + result.rule_set.status) })));
    }
    const seen = new Set();
    for (const w of [...(result.rule_set.warnings || []), ...(result.warnings || []), ...(state.view.report.warnings || [])]) {
      if (seen.has(w)) continue;
      seen.add(w);
      out.push(el("li", {}, w));
    }
    for (const file of state.view.files) {
      const name = file.name.split("/").pop();
      if (file.error) out.push(el("li", { class: "warn-strong" }, t("warn_file_error", { file: name, code: file.error.code || "",
        message: (App.lang === "en" ? file.error.message_en : file.error.message_zh) || "" })));
      if (file.notes && file.notes.ocr.length) out.push(el("li", {}, t("warn_ocr", { file: name, pages: file.notes.ocr.join("、") })));
      if (file.notes && file.notes.needs_ocr.length) out.push(el("li", { class: "warn-strong" }, t("warn_needs_ocr", { file: name, pages: file.notes.needs_ocr.join("、") })));
    }
    for (const doc of state.view.report.documents || []) {
      for (const n of doc.warnings || []) {
        out.push(el("li", {}, doc.file.split("/").pop() + (n.page ? " " + t("page_n", { n: n.page }) : "") + "：" +
          ((App.lang === "en" ? n.message_en : n.message_zh) || n.code)));
      }
    }
    list.replaceChildren(...(out.length ? out : [el("li", { class: "muted" }, "—")]));
    document.getElementById("warnings").classList.toggle("has-warnings", out.length > 0);
  }

  function renderDetection() {
    const body = document.getElementById("detection-body");
    const det = state.view.report.detection;
    const sub = state.view.submission;
    if (!det) {
      body.replaceChildren(el("p", { class: "muted" }, (sub.jurisdiction || current().jurisdiction)));
      return;
    }
    body.replaceChildren(
      el("p", {}, det.message || det.status, " ", el("span", { class: "muted" }, t("detection_confidence") + " " + percent(det.confidence))),
      det.evidence && det.evidence.length ? el("div", {}, el("div", { class: "label" }, t("detected_from")),
        el("ul", { class: "clues" }, det.evidence.slice(0, 8).map((c) => el("li", {},
          el("span", { class: "muted" }, c.kind.replace(/_/g, " ") + " · " + c.rule_set + "："), "“" + c.quote + "”")))) : null);
  }

  function renderTabs() {
    const tabs = document.getElementById("result-tabs");
    const all = results();
    tabs.hidden = all.length < 2;
    if (all.length < 2) return;
    tabs.replaceChildren(el("span", { class: "muted small" }, t("matrix_note")),
      ...all.map((r, i) => el("button", { type: "button", role: "tab", class: "btn small", "aria-selected": i === state.result ? "true" : "false",
        onclick: () => { state.result = i; renderAll(); } }, (r.rule_set.name_zh || r.jurisdiction) + " " + percent(r.summary.completeness))));
  }

  function renderAll() {
    renderSummary();
    renderTabs();
    renderFilter();
    renderItems();
    renderSignatures();
    renderWarnings();
    renderDetection();
    renderDownloads();
    applyResultVisibility();
  }

  function index() {
    state.itemOf = {};
    state.evOfItem = {};
    for (const r of results()) for (const item of r.items) state.itemOf[item.id] = item;
    const counter = {};
    for (const ev of state.view.evidence) {
      const k = counter[ev.item] || 0;
      counter[ev.item] = k + 1;
      (state.evOfItem[ev.item] = state.evOfItem[ev.item] || []).push({ ev: ev.ev, k, located: ev.located, page: ev.page });
    }
    state.shared = new Set();
    for (const r of results()) {
      const seen = new Set();
      for (const item of r.items) {
        const basis = basisOf(item);
        if (seen.has(basis)) state.shared.add(basis);
        seen.add(basis);
      }
    }
    assignColors();
  }

  async function load() {
    let sub;
    try {
      sub = await api("submissions/" + encodeURIComponent(submissionId));
    } catch (e) {
      if (e.status !== 404) throw e;
      document.getElementById("summary-bar").replaceChildren(el("h1", { id: "not-found" }, t("not_found")));
      document.body.dataset.ready = "missing";
      return;
    }
    if (sub.batch_id) {
      document.getElementById("crumb-batch").replaceChildren(" / ", el("a", { href: "/batches/" + encodeURIComponent(sub.batch_id), "data-i18n": "batch_heading" }, t("batch_heading")));
    }
    if (!sub.report_available && sub.status !== "failed") {
      document.getElementById("summary-bar").replaceChildren(el("p", { class: "muted" }, t("job_status." + sub.status) + "…"));
      App.follow(App.API + "/submissions/" + encodeURIComponent(submissionId) + "/events",
        () => api("submissions/" + encodeURIComponent(submissionId)), () => {},
        (s) => { const fin = s.report_available || s.status === "done" || s.status === "failed"; if (fin) location.reload(); return fin; }, 1000);
      return;
    }
    if (!sub.report_available) {
      document.getElementById("summary-bar").replaceChildren(
        el("h1", {}, t("report_heading") + "：" + (sub.name || "")), el("p", { class: "error" }, t("job_status.failed")),
        el("ul", {}, (sub.files || []).filter((f) => f.error).map((f) => el("li", {}, t("warn_file_error", {
          file: f.name, code: f.error.code || "", message: (App.lang === "en" ? f.error.message_en : f.error.message_zh) || "" })))));
      return;
    }
    state.view = await api("submissions/" + encodeURIComponent(submissionId) + "/web-view");
    document.title = t("report_heading") + " - " + (state.view.report.alliance_name || state.view.report.submission || sub.name || "");
    index();
    renderDocs();
    renderAll();
    document.body.dataset.ready = "true";
  }

  App.start(async () => {
    App.onLang(() => { if (state.view) { renderDocs(); renderAll(); } });
    await load();
  });
})();
