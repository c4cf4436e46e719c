"""Access: keys required off loopback, applicants see only their own, reviewers only their jurisdictions."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import select

from api.service.app import create_app
from api.service.context import Service
from api.service.tables import ApiKey
from tests.service.conftest import API, charter


def _auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def _upload(client: TestClient, key: str, n: int, jurisdiction: str) -> str:
    response = client.post(f"{API}/submissions", files=[("files", (f"{n}.txt", charter(n), "text/plain"))],
                           data={"jurisdiction": jurisdiction}, headers={"X-API-Key": key})
    assert response.status_code == 202, response.text
    return str(response.json()["submissions"][0]["id"])


def test_roles(service: Service, make_key: Callable[..., str], drain: Callable[[], int]) -> None:
    service.settings.auth_required = True
    client = TestClient(create_app(service=service))
    a, b = make_key("applicant"), make_key("applicant")
    reviewer, admin = make_key("reviewer", "gansu"), make_key("admin")
    with service.db.session() as session:
        hashes = list(session.scalars(select(ApiKey.key_hash)))
    assert a not in hashes and len(hashes[0]) == 64  # stored hashed

    assert client.get(f"{API}/submissions").status_code == 401
    assert client.get(f"{API}/submissions", headers=_auth("wrong")).status_code == 401
    sa = _upload(client, a, 1, "gansu")
    sb = _upload(client, b, 2, "weinan")
    drain()
    fid = client.get(f"{API}/submissions/{sb}", headers=_auth(b)).json()["files"][0]["id"]

    # applicant A: own submission only; B's id answers 404 everywhere, and B's is not listed
    assert client.get(f"{API}/submissions/{sa}", headers=_auth(a)).status_code == 200
    for path in (f"/submissions/{sb}", f"/submissions/{sb}/report", f"/submissions/{sb}/events",
                 f"/submissions/{sb}/files/{fid}/document", f"/submissions/{sb}/files/{fid}/content"):
        assert client.get(API + path, headers=_auth(a)).status_code == 404, path
    assert client.delete(f"{API}/submissions/{sb}", headers=_auth(a)).status_code == 404
    assert client.post(f"{API}/submissions/{sb}/check", json={}, headers=_auth(a)).status_code == 404
    assert [s["id"] for s in client.get(f"{API}/submissions", headers=_auth(a)).json()["submissions"]] == [sa]

    # reviewer of gansu: sees A's (gansu), not B's (weinan)
    listed = [s["id"] for s in client.get(f"{API}/submissions", headers=_auth(reviewer)).json()["submissions"]]
    assert listed == [sa]
    assert client.get(f"{API}/submissions/{sa}/report", headers=_auth(reviewer)).status_code == 200
    assert client.get(f"{API}/submissions/{sb}/report", headers=_auth(reviewer)).status_code == 404

    # admin sees all; only admins add jurisdictions
    assert len(client.get(f"{API}/submissions", headers=_auth(admin)).json()["submissions"]) == 2
    response = client.post(f"{API}/jurisdictions", content=b"id: x", headers={**_auth(a), "Content-Type": "text/plain"})
    assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"


def test_local_mode_only_on_loopback(service: Service) -> None:
    assert TestClient(create_app(service=service)).get(f"{API}/submissions").status_code == 200
    service.settings.host = "0.0.0.0"
    assert not service.settings.local_mode
    assert TestClient(create_app(service=service)).get(f"{API}/submissions").status_code == 401


def test_ids_are_random(service: Service, client: TestClient) -> None:
    ids = [_upload(client, "", n, "auto") for n in range(3)]
    assert len({i[:8] for i in ids}) == 3 and all(len(i) == 36 for i in ids)
