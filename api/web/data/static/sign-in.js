/* Sign-in page: exchange an API key for a session cookie (HttpOnly; the key is not kept by the page). */
"use strict";

(() => {
  const { t } = App;

  /** Where to go after signing in: a path on this site only (never another origin). */
  function nextPath() {
    const next = new URLSearchParams(location.search).get("next") || "/";
    return next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") && !next.startsWith(App.SIGN_IN) ? next : "/";
  }

  async function submit(event) {
    event.preventDefault();
    document.getElementById("error").hidden = true;
    const input = document.getElementById("api-key");
    const key = input.value.trim();
    if (!key) { App.showError(new Error(t("sign_in_empty"))); input.focus(); return; }
    const button = document.getElementById("sign-in");
    button.disabled = true;
    try {
      await App.api("session", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ key }) });
      input.value = "";
      location.replace(nextPath());
    } catch (e) {
      App.showError(e.status === 401 ? new Error(t("sign_in_wrong")) : e);
      button.disabled = false;
      input.select();
    }
  }

  App.start(async () => {
    document.getElementById("sign-in-form").addEventListener("submit", submit);
    // enabled only now: a submit before the handler is attached would send the key in a native request
    document.getElementById("sign-in").disabled = false;
    const state = App.session;
    if (state && state.authenticated && state.via === "session") {
      document.getElementById("sign-in-state").textContent = t("signed_in_as", { role: t("principal_roles." + state.role) });
    }
    document.getElementById("api-key").focus();
  }, { signIn: false });
})();
