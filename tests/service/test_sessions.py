"""Browser sessions: an API key exchanged for an HttpOnly, SameSite=Strict cookie that the auth dependency
accepts like the header on reads; writes on the cookie alone need the session's CSRF token."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import update

from api.service.app import create_app
from api.service.context import Service
from api.service.sessions import COOKIE, issue, verify
from api.service.tables import ApiKey
from tests.service.conftest import API, charter


def _keyed_client(service: Service) -> TestClient:
    service.settings.auth_required = True
    return TestClient(create_app(service=service))


def _sign_in(client: TestClient, key: str) -> str:
    response = client.post(f"{API}/session", json={"key": key})
    assert response.status_code == 200, response.text
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=") and "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert "Max-Age=28800" in cookie and "Path=/" in cookie
    assert key not in cookie  # the cookie names the key by id, it does not hold it
    return str(response.json()["csrf_token"])


def test_a_session_reads_like_the_key_and_writes_only_with_its_csrf_token(
        service: Service, make_key: Callable[..., str], drain: Callable[[], int]) -> None:
    client = _keyed_client(service)
    a, b = make_key("applicant"), make_key("applicant")
    assert client.get(f"{API}/session").json() == {"authenticated": False, "via": None, "auth_required": True}
    assert client.get(f"{API}/submissions").status_code == 401
    csrf = _sign_in(client, a)
    state = client.get(f"{API}/session").json()
    assert state["authenticated"] and state["via"] == "session" and state["role"] == "applicant"
    assert state["csrf_token"] == csrf

    # reads on the cookie alone
    assert client.get(f"{API}/submissions").status_code == 200
    # writes: 403 without the CSRF token (or with a wrong one), 202 with it
    files = [("files", ("1.txt", charter(1), "text/plain"))]
    for headers in ({}, {"X-CSRF-Token": "x" + csrf[1:]}):
        refused = client.post(f"{API}/submissions", files=files, data={"jurisdiction": "gansu"}, headers=headers)
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
    created = client.post(f"{API}/submissions", files=files, data={"jurisdiction": "gansu"},
                          headers={"X-CSRF-Token": csrf})
    assert created.status_code == 202
    sid = created.json()["submissions"][0]["id"]
    drain()
    assert client.get(f"{API}/submissions/{sid}/report?format=docx").status_code == 200
    assert client.delete(f"{API}/submissions/{sid}").status_code == 403
    # a key header needs no CSRF token (it cannot be sent cross-site without the page's script)
    other = TestClient(create_app(service=service))
    assert other.post(f"{API}/submissions/{sid}/check", json={}, headers={"X-API-Key": a}).status_code == 202

    # another applicant's session: A's submission is a 404 everywhere
    b_client = TestClient(create_app(service=service))
    _sign_in(b_client, b)
    fid = client.get(f"{API}/submissions/{sid}").json()["files"][0]["id"]
    for path in (f"/submissions/{sid}", f"/submissions/{sid}/report?format=docx", f"/submissions/{sid}/events",
                 f"/submissions/{sid}/files/{fid}/content", f"/submissions/{sid}/web-view"):
        assert b_client.get(API + path).status_code == 404, path
    assert b_client.get(f"/submissions/{sid}").status_code == 404  # the report page itself

    # sign-out needs the token, then forgets the cookie
    assert client.delete(f"{API}/session").status_code == 403
    out = client.delete(f"{API}/session", headers={"X-CSRF-Token": csrf})
    assert out.status_code == 204 and f"{COOKIE}=" in out.headers["set-cookie"] and "Max-Age=0" in out.headers["set-cookie"]
    assert client.get(f"{API}/submissions").status_code == 401


def test_forged_expired_and_revoked_sessions_are_refused(service: Service, make_key: Callable[..., str]) -> None:
    client = _keyed_client(service)
    key = make_key("admin")
    _sign_in(client, key)
    token = client.cookies[COOKIE]
    claims = verify(service.settings, token)
    assert claims is not None
    # a pages request without a session goes to the sign-in page, keeping where it was going
    bare = TestClient(create_app(service=service), follow_redirects=False)
    page = bare.get("/batches/x?y=1")
    assert page.status_code == 303 and page.headers["location"] == "/sign-in?next=%2Fbatches%2Fx%3Fy%3D1"
    assert bare.get("/sign-in").status_code == 200

    forged = token.rsplit(".", 1)[0] + ".AAAA"
    other_id = token.replace(claims.key_id, "0" * len(claims.key_id), 1)
    expired = issue(service.settings, claims.key_id, now=0).token
    for bad in (forged, other_id, expired, "", "x" * 400):
        bare.cookies.set(COOKIE, bad)
        assert bare.get(f"{API}/submissions").status_code == 401, bad[:40]
    assert client.get(f"{API}/submissions").status_code == 200
    with service.db.session() as session:  # revoking the key ends its sessions
        session.execute(update(ApiKey).values(revoked=1))
    assert client.get(f"{API}/submissions").status_code == 401


def test_sign_in_takes_json_only_and_refuses_wrong_keys(service: Service, make_key: Callable[..., str]) -> None:
    client = _keyed_client(service)
    key = make_key("reviewer", "gansu")
    form = client.post(f"{API}/session", data={"key": key})  # what a cross-site HTML form could send
    assert form.status_code == 415 and COOKIE not in form.headers.get("set-cookie", "")
    wrong = client.post(f"{API}/session", json={"key": "not-a-key"})
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "unauthorized"
    assert client.post(f"{API}/session", json={"nope": 1}).status_code == 422
    _sign_in(client, key)
    assert client.get(f"{API}/session").json()["jurisdictions"] == ["gansu"]


def test_local_mode_needs_no_session(service: Service) -> None:
    client = TestClient(create_app(service=service))
    assert client.get(f"{API}/session").json() == {"authenticated": True, "via": "local", "auth_required": False,
                                                   "role": "admin", "jurisdictions": []}
    assert client.get("/", follow_redirects=False).status_code == 200
