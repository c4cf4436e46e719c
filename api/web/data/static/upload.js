/* Upload page: drop files or a ZIP, choose the jurisdiction, follow the progress, open the report. */
"use strict";

(() => {
  const { t, el, api } = App;
  const chosen = [];
  let jurisdictions = [];

  function renderFiles() {
    const list = document.getElementById("file-list");
    list.replaceChildren();
    if (!chosen.length) {
      list.append(el("li", { class: "muted" }, t("no_files")));
      return;
    }
    chosen.forEach((file, i) => {
      list.append(el("li", {},
        el("span", { class: "file-name" }, file.name),
        el("span", { class: "muted" }, " " + Math.max(1, Math.round(file.size / 1024)) + " KB "),
        el("button", {
          type: "button", class: "btn small ghost", "aria-label": t("remove_file_label", { name: file.name }),
          onclick: () => { chosen.splice(i, 1); renderFiles(); },
        }, t("remove_file"))));
    });
  }

  function renderJurisdictions() {
    const select = document.getElementById("jurisdiction");
    const current = select.value || "auto";
    select.replaceChildren(
      el("option", { value: "auto" }, t("jurisdiction_auto")),
      el("option", { value: "all" }, t("jurisdiction_all")),
      ...jurisdictions.map((j) => {
        const status = j.status && j.status !== "in_force" ? "（" + t("rule_set_status." + j.status) + "）" : "";
        return el("option", { value: j.id }, (j.name || j.id) + status + (j.version ? " · " + j.version : ""));
      }));
    select.value = current;
  }

  function addFiles(files) {
    for (const f of files) {
      if (!chosen.some((c) => c.name === f.name && c.size === f.size)) chosen.push(f);
    }
    renderFiles();
  }

  function setProgress(fraction, label, detail) {
    const panel = document.getElementById("progress-panel");
    panel.hidden = false;
    const bar = document.getElementById("progress-bar");
    const pct = Math.max(0, Math.min(100, Math.round(fraction * 100)));
    bar.querySelector("span").style.width = pct + "%";
    bar.setAttribute("aria-valuenow", String(pct));
    document.getElementById("progress-label").textContent = label;
    document.getElementById("progress-detail").textContent = detail || "";
  }

  function upload(form) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open("POST", App.API + "/submissions");
      for (const [k, v] of Object.entries(App.authHeaders())) xhr.setRequestHeader(k, v);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) setProgress(e.loaded / e.total * 0.3, t("uploading"));
      };
      xhr.onload = () => {
        let body = null;
        try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
        if (xhr.status >= 200 && xhr.status < 300) resolve(body);
        else {
          const err = (body && body.error) || {};
          reject(new Error((App.lang === "en" ? err.message_en : err.message_zh) || "HTTP " + xhr.status));
        }
      };
      xhr.onerror = () => reject(new Error("network"));
      xhr.send(form);
    });
  }

  function watch(submissionId) {
    App.follow(
      App.API + "/submissions/" + encodeURIComponent(submissionId) + "/events",
      () => api("submissions/" + encodeURIComponent(submissionId)),
      (sub) => {
        const p = sub.progress || {};
        const total = p.total || 0;
        const done = (p.done || 0) + (p.failed || 0);
        const frac = total ? done / total : 0;
        setProgress(0.3 + 0.7 * frac, t("job_status." + sub.status),
          t("progress_files", { done, total }) + (p.eta_seconds ? " · ETA " + Math.ceil(p.eta_seconds) + " s" : ""));
        if (sub.status === "done" || sub.status === "failed" || sub.report_available) {
          window.location.href = "/submissions/" + encodeURIComponent(submissionId);
        }
      },
      (sub) => sub.status === "done" || sub.status === "failed" || sub.report_available,
      700);
  }

  async function submit(event) {
    event.preventDefault();
    const error = document.getElementById("error");
    error.hidden = true;
    if (!chosen.length) { App.showError(new Error(t("error_no_files"))); return; }
    const form = new FormData();
    chosen.forEach((f) => form.append("files", f, f.name));
    form.append("jurisdiction", document.getElementById("jurisdiction").value || "auto");
    const asOf = document.getElementById("as-of").value;
    if (asOf) form.append("as_of", asOf);
    const button = document.getElementById("submit");
    button.disabled = true;
    try {
      setProgress(0, t("uploading"));
      const created = await upload(form);
      const subs = created.submissions || [];
      if (subs.length === 1) watch(subs[0].id);
      else window.location.href = "/batches/" + encodeURIComponent(created.batch_id);
    } catch (e) {
      App.showError(e);
      button.disabled = false;
    }
  }

  App.start(async () => {
    const zone = document.getElementById("dropzone");
    const input = document.getElementById("file-input");
    zone.addEventListener("click", () => input.click());
    zone.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); input.click(); }
    });
    zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("over"); });
    zone.addEventListener("dragleave", () => zone.classList.remove("over"));
    zone.addEventListener("drop", (e) => {
      e.preventDefault();
      zone.classList.remove("over");
      if (e.dataTransfer && e.dataTransfer.files) addFiles(e.dataTransfer.files);
    });
    input.addEventListener("change", () => { addFiles(input.files); input.value = ""; });
    document.getElementById("upload-form").addEventListener("submit", submit);
    App.onLang(() => { renderFiles(); renderJurisdictions(); });
    renderFiles();
    renderJurisdictions();
    const body = await api("jurisdictions");
    jurisdictions = body.jurisdictions || [];
    renderJurisdictions();
  });
})();
