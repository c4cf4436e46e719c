"""The API with TestClient: upload → queued work → report, documents, re-check, delete, batches, errors."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from api.service.context import Service
from api.service.tables import AuditEntry, Job, Result
from tests.service.conftest import API, SAMPLE, charter


def upload(client: TestClient, files: list[tuple[str, bytes]], **fields: str) -> dict[str, object]:
    response = client.post(f"{API}/submissions", files=[("files", (n, d, "application/octet-stream")) for n, d in files],
                           data=fields)
    assert response.status_code == 202, response.text
    body: dict[str, object] = response.json()
    return body


def first_id(body: dict[str, object]) -> str:
    subs = body["submissions"]
    assert isinstance(subs, list)
    return str(subs[0]["id"])


def test_upload_is_queued_then_processed_into_every_report_format(client: TestClient, drain: Callable[[], int]) -> None:
    sid = first_id(upload(client, [("协议.txt", SAMPLE), ("章程.txt", charter(1))], jurisdiction="gansu", as_of="2026-11-21"))
    queued = client.get(f"{API}/submissions/{sid}").json()
    assert queued["status"] == "queued" and queued["progress"]["total"] == 2 and not queued["report_available"]
    assert client.get(f"{API}/submissions/{sid}/report").status_code == 409
    assert drain() == 3  # two files and one report
    detail = client.get(f"{API}/submissions/{sid}").json()
    assert detail["status"] == "done" and detail["progress"] == {"done": 2, "failed": 0, "total": 2, "eta_seconds": 0.0}
    assert detail["rule_set_versions"] == {"gansu": "2026.11.1"} and detail["checklist_version"].startswith("checker")
    assert detail["as_of"] == "2026-11-21" and detail["files"][0]["format"] == "text"
    for fmt, magic in [("json", b"{"), ("html", b"<!DOCTYPE"), ("docx", b"PK"), ("xlsx", b"PK"), ("csv", b"\xef\xbb\xbf")]:
        response = client.get(f"{API}/submissions/{sid}/report", params={"format": fmt})
        assert response.status_code == 200 and response.content.startswith(magic), fmt
    report = client.get(f"{API}/submissions/{sid}/report").json()
    assert report["jurisdiction"] == "gansu"
    fid = detail["files"][0]["id"]
    document = client.get(f"{API}/submissions/{sid}/files/{fid}/document").json()
    assert document["text"] and document["pages"] and "blocks" in document
    assert client.get(f"{API}/submissions/{sid}/files/{fid}/content").content == SAMPLE


def test_recheck_reuses_parsed_files(client: TestClient, drain: Callable[[], int], service: Service) -> None:
    sid = first_id(upload(client, [("协议.txt", SAMPLE)], jurisdiction="gansu"))
    drain()
    response = client.post(f"{API}/submissions/{sid}/check", json={"jurisdiction": "weinan", "as_of": "2026-01-01"})
    assert response.status_code == 202 and response.json()["status"] in ("queued", "running")
    assert drain() == 1  # only the report: the file is not parsed again
    detail = client.get(f"{API}/submissions/{sid}").json()
    assert detail["status"] == "done" and detail["rule_set_versions"] == {"weinan": "2026.11.1"}
    assert client.post(f"{API}/submissions/{sid}/check", json={"jurisdiction": "nowhere"}).status_code == 422


def test_same_file_twice_is_stored_and_parsed_once(client: TestClient, drain: Callable[[], int], service: Service) -> None:
    a = first_id(upload(client, [("a.txt", charter(7))]))
    b = first_id(upload(client, [("b.txt", charter(7))]))
    drain()
    with service.db.session() as session:
        assert session.scalar(select(func.count(Result.id))) == 1
        assert session.scalar(select(func.count(Job.id)).where(Job.kind == "file")) == 1
    blobs = [p for p in (service.settings.data_dir / "blobs").rglob("*") if p.is_file() and not p.name.startswith(".")]
    assert len(blobs) == 1
    # deleting one keeps the shared blob; deleting the other removes it
    assert client.delete(f"{API}/submissions/{a}").status_code == 204
    assert client.get(f"{API}/submissions/{a}").status_code == 404
    assert client.get(f"{API}/submissions/{b}/report").status_code == 200
    assert blobs[0].exists()
    assert client.delete(f"{API}/submissions/{b}").status_code == 204
    assert not blobs[0].exists()


def test_zip_of_folders_is_a_batch(client: TestClient, drain: Callable[[], int]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("甲联盟/协议.txt", SAMPLE)
        z.writestr("甲联盟/章程.txt", charter(1))
        z.writestr("乙联盟/章程.txt", charter(2))
    body = upload(client, [("batch.zip", buffer.getvalue())])
    names = sorted(s["name"] for s in body["submissions"])  # type: ignore[union-attr]
    assert names == ["乙联盟", "甲联盟"]
    batch = client.get(f"{API}/batches/{body['batch_id']}").json()
    assert batch["totals"]["total"] == 3 and batch["totals"]["done"] == 0
    drain()
    batch = client.get(f"{API}/batches/{body['batch_id']}").json()
    assert batch["totals"] == {"done": 3, "failed": 0, "total": 3, "eta_seconds": 0.0}
    assert {s["status"] for s in batch["submissions"]} == {"done"}
    for fmt, magic in [("xlsx", b"PK"), ("csv", b"\xef\xbb\xbf")]:
        response = client.get(f"{API}/batches/{body['batch_id']}/export", params={"format": fmt})
        assert response.status_code == 200 and response.content.startswith(magic)
    listed = client.get(f"{API}/submissions", params={"batch_id": body["batch_id"], "status": "done"}).json()
    assert len(listed["submissions"]) == 2 and all(r["file_count"] in (1, 2) for r in listed["submissions"])


def test_events_stream_progress_and_done(client: TestClient, drain: Callable[[], int]) -> None:
    body = upload(client, [("a.txt", charter(3))])
    drain()
    text = client.get(f"{API}/submissions/{first_id(body)}/events").text
    assert "event: progress" in text and text.rstrip().splitlines()[-2] == "event: done"
    text = client.get(f"{API}/batches/{body['batch_id']}/events").text
    assert '"done": 1' in text and "event: done" in text


def test_failed_file_does_not_stop_the_submission(client: TestClient, drain: Callable[[], int]) -> None:
    sid = first_id(upload(client, [("a.txt", charter(4)), ("broken.pdf", b"%PDF-1.7\n garbage")]))
    drain()
    detail = client.get(f"{API}/submissions/{sid}").json()
    assert detail["status"] == "done" and detail["failed_files"] == 1
    failed = next(f for f in detail["files"] if f["name"] == "broken.pdf")
    assert failed["status"] == "failed" and failed["error"]["code"] in ("corrupt_file", "truncated_file")
    response = client.get(f"{API}/submissions/{sid}/files/{failed['id']}/document")
    assert response.status_code == 422 and response.json()["error"]["code"] == failed["error"]["code"]


def test_errors_have_one_body(client: TestClient) -> None:
    for response in (client.get(f"{API}/submissions/not-an-id"), client.get(f"{API}/nowhere"),
                     client.get(f"{API}/submissions", params={"status": "bogus"}),
                     client.post(f"{API}/submissions", json={"a": 1})):
        error = response.json()["error"]
        assert set(error) == {"code", "message_zh", "message_en", "detail"}
        assert response.status_code in (404, 415, 422)


def test_jurisdictions_list_detail_and_admin_upload(client: TestClient) -> None:
    listed = client.get(f"{API}/jurisdictions").json()["jurisdictions"]
    ids = {j["id"] for j in listed}
    assert {"gansu", "weinan", "hunan", "heilongjiang", "shuozhou"} <= ids
    assert all(j["status"] in ("in_force", "draft", "trial", "lapsed") and j["item_count"] > 0 for j in listed)
    assert client.get(f"{API}/jurisdictions/gansu").json()["items"]
    from checklists.loader import BUILTIN_DIR

    text = (BUILTIN_DIR / "weinan.yaml").read_text(encoding="utf-8")
    mine = text.replace("id: weinan", "id: mycity", 1).replace("weinan.", "mycity.")
    response = client.post(f"{API}/jurisdictions", content=mine.encode(), headers={"Content-Type": "application/yaml"})
    assert response.status_code == 201, response.text
    assert response.json()["id"] == "mycity"
    assert client.get(f"{API}/jurisdictions/mycity").status_code == 200
    broken = mine.replace("id: mycity", "id: other", 1).replace("severity: mandatory", "severity: sometimes", 1)
    response = client.post(f"{API}/jurisdictions", files={"file": ("other.yaml", broken.encode())})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "checklist_invalid" and any("other.yaml:" in e for e in error["detail"]["errors"])


def test_readyz_sees_workers_and_audit_log_records_reads(client: TestClient, service: Service,
                                                         drain: Callable[[], int]) -> None:
    from api.service.worker import heartbeat

    assert client.get(f"{API}/healthz").json()["status"] == "ok"
    assert client.get(f"{API}/readyz").status_code == 503
    heartbeat(service, "w-test")
    ready = client.get(f"{API}/readyz")
    assert ready.status_code == 200 and ready.json()["checks"]["migrations"]["ok"]
    sid = first_id(upload(client, [("a.txt", charter(5))]))
    drain()
    client.get(f"{API}/submissions/{sid}/report")
    with service.db.session() as session:
        actions = set(session.scalars(select(AuditEntry.action).where(AuditEntry.submission_id == sid)))
    assert {"create_submission", "read_report_json"} <= actions


def test_rate_limit_answers_429(tmp_path: object, service: Service) -> None:
    from api.service.app import create_app

    service.settings.rate_limit_per_second = 0.01
    service.settings.rate_limit_burst = 3
    with TestClient(create_app(service=service)) as c:
        codes = [c.get(f"{API}/jurisdictions").status_code for _ in range(5)]
    assert codes[:3] == [200, 200, 200] and codes[3] == 429
    response = TestClient(create_app(service=service)).get(f"{API}/submissions")
    assert response.status_code == 200  # a new app, a new bucket
    assert json.loads(json.dumps(codes))
