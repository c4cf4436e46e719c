"""The web pages against a real service that requires keys (``ALLIANCE_AUTH_REQUIRED=true``): applicant A
signs in at /sign-in, uploads, sees the report with its page images, follows the event stream and
downloads the 审查意见书 — all on the session cookie; applicant B, signed in, gets 404 for A's report
page, page images, download and stream; signing out ends the session."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from tests.web.conftest import KeyedService
from tests.web.samples import FONT, agreement

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not FONT.is_file(), reason=f"font {FONT} missing (Debian fonts-wqy-zenhei)")]
REPORT_TIMEOUT_MS = 120_000
COOKIE = "alliance_session"


def _sign_in(page: Any, key: str) -> None:
    page.wait_for_selector("#api-key")
    page.fill("#api-key", key)
    page.click("#sign-in")


def _status(page: Any, path: str, method: str = "GET") -> int:
    """The status of a same-origin request made by the page's own fetch (cookies as the browser sends them)."""
    return int(page.evaluate("([p, m]) => fetch(p, {method: m}).then(r => r.status)", [path, method]))


def test_signed_in_applicants_each_see_only_their_own(new_page: Any, keyed_service: KeyedService,
                                                      artifacts: Path) -> None:
    base, keys = keyed_service.url, keyed_service.keys
    a = new_page()

    # no session: every page goes to the sign-in page, the API answers 401
    a.goto(base + "/")
    a.wait_for_url(re.compile(r"/sign-in\?next=%2F$"))
    assert _status(a, "/api/v1/submissions") == 401
    _sign_in(a, "not-a-key")
    a.wait_for_selector("#error:not([hidden])")
    assert COOKIE not in {c["name"] for c in a.context.cookies()}
    a.screenshot(path=str(artifacts / "sign-in-1280.png"))
    _sign_in(a, keys["a"])
    a.wait_for_url(base + "/")
    cookie = next(c for c in a.context.cookies() if c["name"] == COOKIE)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["expires"] > 0
    assert keys["a"] not in cookie["value"]
    assert COOKIE not in a.evaluate("document.cookie")  # HttpOnly: no script can read it
    assert keys["a"] not in a.evaluate("JSON.stringify(Object.assign({}, localStorage))")
    assert a.locator("#session-role").inner_text() == "申请单位"

    # upload (the page's XHR carries the session's CSRF token), then the report with its page images
    name, data = agreement()
    a.wait_for_function("document.querySelectorAll('#jurisdiction option').length > 2")
    image_replies: list[int] = []
    a.on("response", lambda r: image_replies.append(r.status) if "/pages/" in r.url else None)
    a.set_input_files("#file-input", [{"name": name, "mimeType": "application/octet-stream", "buffer": data}])
    a.select_option("#jurisdiction", "gansu")
    a.click("#submit")
    a.wait_for_url(re.compile(r"/submissions/[^/]+$"), timeout=REPORT_TIMEOUT_MS)
    a.wait_for_selector("body[data-ready=true]", timeout=REPORT_TIMEOUT_MS)
    sid = a.url.rstrip("/").rsplit("/", 1)[1]
    a.wait_for_function("""() => { const i = document.querySelector('#docs img[src]');
        return i && i.complete && i.naturalWidth > 0; }""", timeout=30_000)
    assert image_replies and set(image_replies) == {200}
    assert a.locator("#missing-mandatory .chip").count() > 0
    a.screenshot(path=str(artifacts / "report-keyed-1280.png"))
    image = a.eval_on_selector("#docs img[src]", "i => new URL(i.src).pathname + new URL(i.src).search")

    # the event stream (EventSource cannot send headers) runs on the cookie to its end
    done = a.evaluate("""sid => new Promise((resolve, reject) => {
        const s = new EventSource('/api/v1/submissions/' + encodeURIComponent(sid) + '/events');
        s.addEventListener('done', (e) => { s.close(); resolve(JSON.parse(e.data).status); });
        s.onerror = () => { s.close(); reject(new Error('stream failed')); }; })""", sid)
    assert done == "done"

    # the 审查意见书 downloads through the plain link
    with a.expect_download() as info:
        a.click("#download-docx")
    target = artifacts / "report-keyed.docx"
    info.value.save_as(str(target))
    import docx

    assert "审查" in "\n".join(p.text for p in docx.Document(str(target)).paragraphs)

    # a write on the cookie without the CSRF token is refused; the page's own calls carry it
    assert _status(a, f"/api/v1/submissions/{sid}/check", "POST") == 403
    assert _status(a, f"/api/v1/submissions/{sid}", "DELETE") == 403

    # applicant B: signs in on the way to A's report, and finds nothing there
    b = new_page()
    report_path = f"/submissions/{sid}"
    b.goto(base + report_path)
    b.wait_for_url(re.compile(r"/sign-in\?next=" + re.escape(quote(report_path, safe=""))))
    with b.expect_response(lambda r: r.url == base + report_path) as reply:
        _sign_in(b, keys["b"])
    assert reply.value.status == 404
    b.wait_for_selector("#not-found")
    assert b.locator("#docs img").count() == 0
    for path in (image, f"/api/v1/submissions/{sid}/report?format=docx", f"/api/v1/submissions/{sid}/web-view",
                 f"/api/v1/submissions/{sid}/events", f"/api/v1/submissions/{sid}"):
        assert _status(b, path) == 404, path
    assert b.goto(base + report_path).status == 404
    assert b.context.request.get(base + image).status == 404
    b.screenshot(path=str(artifacts / "report-keyed-foreign-1280.png"))

    # A signs out: the cookie is gone and the report page asks for a sign-in again
    a.click("#sign-out")
    a.wait_for_url(re.compile(r"/sign-in$"))
    assert COOKIE not in {c["name"] for c in a.context.cookies()}
    assert _status(a, image) == 401
    a.goto(base + report_path)
    a.wait_for_url(re.compile(r"/sign-in\?next="))
