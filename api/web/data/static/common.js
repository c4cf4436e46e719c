/* Shared by the pages: UI strings (i18n.json), the language switch, the API helper, small DOM helpers. */
"use strict";

const App = (() => {
  const API = "/api/v1";
  const SIGN_IN = "/sign-in";
  let strings = {};
  let session = null;
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

  /** Headers for the API: the CSRF token of the browser session (the session itself is an HttpOnly cookie,
      which images, downloads and the event stream carry by themselves; the page never holds the key). */
  function authHeaders() {
    return session && session.csrf_token ? { "X-CSRF-Token": session.csrf_token } : {};
  }

  async function loadSession() {
    try { localStorage.removeItem("alliance.apiKey"); } catch (e) { /* storage disabled */ }
    const res = await fetch(API + "/session", { cache: "no-store" });
    session = res.ok ? await res.json() : { authenticated: false, auth_required: true };
  }

  function toSignIn() {
    location.replace(SIGN_IN + "?next=" + encodeURIComponent(location.pathname + location.search));
  }

  function renderSession() {
    const bar = document.querySelector(".topbar");
    if (!bar || !session || session.via !== "session") return;
    const out = el("button", { type: "button", class: "btn ghost small", id: "sign-out" }, t("sign_out"));
    out.addEventListener("click", async () => {
      try { await api("session", { method: "DELETE" }); } catch (e) { /* the cookie is gone either way */ }
      location.replace(SIGN_IN);
    });
    const box = el("span", { class: "session-box", id: "session-box" },
      el("span", { class: "session-role", id: "session-role" }, t("principal_roles." + session.role)), out);
    bar.insertBefore(box, document.getElementById("lang-switch"));
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
    if (res.status === 401 && path !== "session" && location.pathname !== SIGN_IN) toSignIn();  // session ended
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
    if (typeof EventSource === "undefined") { pollLoop(); return stop; }
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

  /** Load the strings and the session (to the sign-in page when a key is needed and none is signed in), then `init`. */
  async function start(init, options) {
    await loadStrings();
    applyStatic();
    await loadSession();
    if (!session.authenticated && (!options || options.signIn !== false)) { toSignIn(); return; }
    renderSession();
    const button = document.getElementById("lang-switch");
    if (button) button.addEventListener("click", () => setLang(lang === "zh" ? "en" : "zh"));
    try { await init(); } catch (e) { showError(e); }
  }

  return {
    API, SIGN_IN, t, api, el, start, percent, follow, showError, authHeaders,
    get session() { return session; },
    onLang: (fn) => listeners.push(fn),
    get lang() { return lang; },
  };
})();
