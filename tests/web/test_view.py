"""The report page's data: evidence placed as boxes on pages or as text segments, and the web routes
(pages, static files, page images, the view) on a small stand-in of the service API."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from api.pipeline import analyse_bytes, check_outcomes
from api.web.view import build_view, file_view, number_evidence, text_segments
from models.report import GapReport
from tests.web.fake_service import make_fake_app
from tests.web.samples import FONT, SAMPLE_TXT, drawn_agreement_pdf

pytestmark = pytest.mark.skipif(not FONT.is_file(), reason=f"font {FONT} missing (Debian fonts-wqy-zenhei)")


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return drawn_agreement_pdf()


@pytest.fixture(scope="module")
def client(pdf: bytes, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, str]]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ALLIANCE_PAGE_CACHE_DIR", str(tmp_path_factory.mktemp("pages")))
        app, sid = make_fake_app([("sample.pdf", pdf), ("sample.txt", SAMPLE_TXT.read_bytes())], "gansu")
        yield TestClient(app), sid


def test_boxes_cover_each_located_evidence_on_its_page(pdf: bytes) -> None:
    outcome = analyse_bytes(pdf, "sample.pdf")
    report = check_outcomes([outcome], "gansu")
    assert isinstance(report, GapReport) and outcome.document is not None
    numbered = number_evidence(report.items)
    view = file_view(outcome.document, "sample.pdf", numbered)
    assert view["mode"] == "pages" and view["located"]
    for n in numbered:
        ev = n.evidence
        boxes = [b for b in view["boxes"] if b["ev"] == n.ev]
        if n.ev in view["located"]:
            assert len(boxes) == len(outcome.document.boxes_for(ev.start or 0, ev.end or 0)) > 0
            assert all(b["page"] == ev.page for b in boxes[:1])
            assert all(0 <= b["x"] < 1 and 0 <= b["y"] < 1 and 0 < b["w"] <= 1 and 0 < b["h"] < 1 for b in boxes)
        else:
            assert not boxes


def test_text_segments_rebuild_the_text_and_mark_exactly_the_evidence() -> None:
    text = SAMPLE_TXT.read_text(encoding="utf-8")
    outcome = analyse_bytes(text.encode(), "sample.txt")
    report = check_outcomes([outcome], "gansu")
    assert isinstance(report, GapReport) and outcome.document is not None
    numbered = number_evidence(report.items)
    view = file_view(outcome.document, "sample.txt", numbered)
    assert view["mode"] == "text"
    segments = view["segments"]
    assert "".join(s["t"] for s in segments) == outcome.document.text
    marked = "".join(s["t"] for s in segments if "ev" in s)
    assert marked and all(s.get("st") in (None, "satisfied", "weak", "needs_review", "missing") for s in segments)


def test_a_quote_that_does_not_match_the_text_is_not_drawn() -> None:
    outcome = analyse_bytes(SAMPLE_TXT.read_bytes(), "sample.txt")
    report = check_outcomes([outcome], "gansu")
    assert isinstance(report, GapReport) and outcome.document is not None
    item = next(i for i in report.items if any(e.start is not None for e in i.evidence))
    ev = next(e for e in item.evidence if e.start is not None)
    ev.quote = "不是原文" + ev.quote
    numbered = number_evidence([item])
    view = file_view(outcome.document, "sample.txt", numbered)
    assert all(n.ev not in view["located"] for n in numbered if n.evidence is ev)


def test_segments_of_overlapping_marks_take_the_worst_status() -> None:
    outcome = analyse_bytes(SAMPLE_TXT.read_bytes(), "sample.txt")
    report = check_outcomes([outcome], "gansu")
    assert isinstance(report, GapReport)
    item = report.items[0].model_copy(deep=True)
    item.status = "weak"
    from models.report import ItemEvidence

    item.evidence = [ItemEvidence(file="a", start=0, end=4, quote="abcd"), ItemEvidence(file="a", start=2, end=6, quote="cdef")]
    ok = item.model_copy(deep=True)
    ok.status = "satisfied"
    numbered = number_evidence([ok, item])
    segs = text_segments("abcdefgh", numbered[2:] + numbered[:1])
    assert [s["t"] for s in segs] == ["ab", "cd", "ef", "gh"]
    assert segs[1]["st"] == "weak" and "ev" not in segs[3]


def test_build_view_numbers_every_evidence_and_places_the_located(pdf: bytes) -> None:
    outcome = analyse_bytes(pdf, "sample.pdf")
    report = check_outcomes([outcome], "gansu").model_dump(mode="json")
    assert outcome.document is not None
    files = [{"id": "f1", "name": "sample.pdf", "format": "pdf", "status": "done"}]
    view = build_view(report, files, {"f1": json.loads(outcome.document.model_dump_json())})
    total = sum(len(i["evidence"]) for i in report["items"])
    assert [e["ev"] for e in view["evidence"]] == list(range(total))
    located = {e["ev"] for e in view["evidence"] if e["located"]}
    assert located == set(view["files"][0]["view"]["located"])
    assert view["files"][0]["kind"] == "agreement"
    assert all(b.startswith("condition:") or b in view["basis_labels"] for i in report["items"] for b in i["basis"])


def test_pages_and_static_files_are_served(client: tuple[TestClient, str]) -> None:
    http, sid = client
    for path, status in (("/", 200), (f"/submissions/{sid}", 200), ("/sign-in", 200), ("/batches/x", 404),
                         ("/submissions/nope", 404)):
        page = http.get(path)
        assert page.status_code == status and "<!DOCTYPE html>" in page.text, path
        assert "{{v}}" not in page.text and "http://" not in page.text and "https://" not in page.text
    # a report the caller may not see: the page answers 404 (and shows the API's error)
    assert http.get(f"/submissions/{sid}", headers={"X-API-Key": "stranger"}).status_code == 404
    strings = http.get("/web/static/i18n.json").json()
    assert set(strings["zh"]) == set(strings["en"])
    assert http.get("/web/static/app.css").headers["content-type"].startswith("text/css")
    assert http.get("/web/static/../routes.py").status_code == 404
    assert http.get("/web/static/%2e%2e/routes.py").status_code == 404


def test_page_image_is_a_png_of_the_asked_width_and_cached(client: tuple[TestClient, str], tmp_path: Path) -> None:
    http, sid = client
    first = http.get(f"/api/v1/submissions/{sid}/files/f0/pages/1.png?w=640")
    assert first.status_code == 200 and first.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(first.content)).width == 640
    again = http.get(f"/api/v1/submissions/{sid}/files/f0/pages/1.png?w=640")
    assert again.content == first.content
    assert http.get(f"/api/v1/submissions/{sid}/files/f0/pages/99.png").status_code == 404
    assert http.get(f"/api/v1/submissions/{sid}/files/f1/pages/1.png").status_code == 404  # a text file
    assert http.get(f"/api/v1/submissions/{sid}/files/f0/pages/1.png", headers={"X-API-Key": "stranger"}).status_code == 404


def test_web_view_answers_as_the_caller(client: tuple[TestClient, str]) -> None:
    http, sid = client
    view = http.get(f"/api/v1/submissions/{sid}/web-view").json()
    modes = {f["name"]: f["view"]["mode"] for f in view["files"]}
    assert modes == {"sample.pdf": "pages", "sample.txt": "text"}
    assert view["report"]["jurisdiction"] == "gansu" and view["submission"]["id"] == sid
    assert http.get(f"/api/v1/submissions/{sid}/web-view", headers={"X-API-Key": "stranger"}).status_code == 404
