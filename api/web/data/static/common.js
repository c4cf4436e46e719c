/* Shared by the pages: UI strings (i18n.json), the language switch, the API helper, small DOM helpers. */
"use strict";

const App = (() => {
  const API = "/api/v1";
  let strings = {};
  let lang = "zh";
  const listeners = [];

  function readLang() {
    try {
      const stored = localStorage.getItem("alliance.lang");
      if (stored === "zh" || stored === "en") return stored;
    } catch (e) { /* storage disabled */ }
    return "zh";
  }

  async function loadStrings() {
    const version = (document.querySelector('script[src*="common.js"]').src.split("?v=")[1]) || "";
    const res = await fetch("/web/static/i18n.json?v=" + version);
    strings = await res.json();
    lang = readLang();
  }

  function lookup(key, table) {
    return key.split(".").reduce((obj, part) => (obj && typeof obj === "object" ? obj[part] : undefined), table);
  }

  /** The UI string `key` (dots walk into nested tables) with `{name}` placeholders filled. */
  function t(key, vars) {
    let value = lookup(key, strings[lang] || {});
    if (value === undefined) value = lookup(key, strings.zh || {});
    if (value === undefined) return key.split(".").pop();
    let out = String(value);
    if (vars) for (const [k, v] of Object.entries(vars)) out = out.split("{" + k + "}").join(String(v));
    return out;
  }

  function applyStatic(root) {
    (root || document).querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
    (root || document).querySelectorAll("[data-i18n-aria]").forEach((el) => {
      el.setAttribute("aria-label", t(el.dataset.i18nAria));
    });
    (root || document).querySelectorAll("[data-i18n-placeholder]").forEach((el) => {
      el.setAttribute("placeholder", t(el.dataset.i18nPlaceholder));
    });
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  }

  function setLang(next) {
    lang = next;
    try { localStorage.setItem("alliance.lang", next); } catch (e) { /* storage disabled */ }
    applyStatic();
    listeners.forEach((fn) => fn(lang));
  }

  /** Headers for the API: the key kept in localStorage (when the service requires one). */
  function authHeaders() {
    const headers = {};
    try {
      const key = localStorage.getItem("alliance.apiKey");
      if (key) headers["X-API-Key"] = key;
    } catch (e) { /* storage disabled */ }
    return headers;
  }

  class ApiError extends Error {
    constructor(status, body) {
      const err = (body && body.error) || {};
      super((lang === "en" ? err.message_en : err.message_zh) || err.message_en || ("HTTP " + status));
      this.status = status;
      this.code = err.code || "";
    }
  }

  async function api(path, options) {
    const opts = Object.assign({}, options || {});
    opts.headers = Object.assign(authHeaders(), opts.headers || {});
    const res = await fetch(path.startsWith("/") ? path : API + "/" + path, opts);
    const type = res.headers.get("content-type") || "";
    const body = type.includes("json") ? await res.json() : await res.text();
    if (!res.ok) throw new ApiError(res.status, body);
    return body;
  }

  /** Element helper: el("div", {class: "x", onclick: fn}, child, "text", ...). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
      else if (k === "class") node.className = v;
      else if (k === "dataset") Object.assign(node.dataset, v);
      else if (k === "style" && typeof v === "object") {
        for (const [prop, val] of Object.entries(v)) {
          if (val === undefined || val === null) continue;
          if (prop.startsWith("--")) node.style.setProperty(prop, String(val));
          else node.style[prop] = val;
        }
      }
      else if (v === true) node.setAttribute(k, "");
      else node.setAttribute(k, String(v));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function showError(err) {
    const box = document.getElementById("error");
    if (!box) return;
    box.textContent = t("error_prefix") + (err && err.message ? err.message : String(err));
    box.hidden = false;
  }

  function percent(value) {
    return value === null || value === undefined ? "—" : Math.round(value * 100) + "%";
  }

  /** Follow a server-sent event stream; fall back to polling `poll` every `ms` when it breaks. */
  function follow(eventsPath, poll, onUpdate, isFinal, ms) {
    let stopped = false;
    let timer = null;
    const stop = () => { stopped = true; if (timer) clearTimeout(timer); };
    const pollLoop = async () => {
      if (stopped) return;
      try {
        const state = await poll();
        onUpdate(state);
        if (isFinal(state)) { stop(); return; }
      } catch (e) { showError(e); }
      timer = setTimeout(pollLoop, ms || 1000);
    };
    const hasKey = Object.keys(authHeaders()).length > 0;
    if (typeof EventSource === "undefined" || hasKey) { pollLoop(); return stop; }
    const source = new EventSource(eventsPath);
    const refresh = async () => {
      try {
        const state = await poll();
        onUpdate(state);
        if (isFinal(state)) { source.close(); stop(); }
      } catch (e) { showError(e); }
    };
    let pending = false;
    const throttled = () => {
      if (pending) return;
      pending = true;
      setTimeout(() => { pending = false; refresh(); }, 300);
    };
    source.addEventListener("progress", throttled);
    source.addEventListener("done", () => { source.close(); refresh(); });
    source.onerror = () => { source.close(); if (!stopped) pollLoop(); };
    refresh();
    return () => { source.close(); stop(); };
  }

  async function start(init) {
    await loadStrings();
    applyStatic();
    const button = document.getElementById("lang-switch");
    if (button) button.addEventListener("click", () => setLang(lang === "zh" ? "en" : "zh"));
    try { await init(); } catch (e) { showError(e); }
  }

  return {
    API, t, api, el, start, percent, follow, showError, authHeaders,
    onLang: (fn) => listeners.push(fn),
    get lang() { return lang; },
  };
})();
