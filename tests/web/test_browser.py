"""The web pages in a real browser against the real service: upload an agreement, wait for the report,
compare what the page shows with the JSON report, open a missing item's remedy, download the 审查意见书,
and follow a batch of five filings. Screenshots go to ``artifacts/web/``."""

from __future__ import annotations

import io
import json
import re
import urllib.request
import zipfile
from pathlib import Path
from typing import Any

import pytest

from models.document import Document
from tests.corpus import CORPUS
from tests.web.conftest import ARTIFACTS
from tests.web.samples import FONT, SAMPLE_TXT, agreement, drawn_agreement_pdf

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not FONT.is_file(), reason=f"font {FONT} missing (Debian fonts-wqy-zenhei)")]
REPORT_TIMEOUT_MS = 120_000


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as reply:
        return bytes(reply.read())


def _expected_marks(base: str, sid: str, report: dict[str, Any]) -> tuple[int, set[int], dict[str, str]]:
    """From the JSON report and the parsed documents, independently of the page: how many highlight
    rectangles and text marks the page must draw, which evidence numbers, and each item's status."""
    detail = json.loads(_get(f"{base}/api/v1/submissions/{sid}"))
    results = report["results"] if "results" in report else [report]
    items = [i for r in results for i in r["items"]]
    docs: dict[str, Document] = {}
    for f in detail["files"]:
        if f["status"] == "done":
            docs[f["name"]] = Document.model_validate_json(_get(f"{base}/api/v1/submissions/{sid}/files/{f['id']}/document"))
    boxes = 0
    located: set[int] = set()
    n = 0
    for item in items:
        for ev in item["evidence"]:
            doc = docs.get(ev["file"])
            start, end = ev.get("start"), ev.get("end")
            if doc is not None and start is not None and end is not None and doc.text[start:end] == ev["quote"] and start < end:
                located.add(n)
                if doc.format == "pdf":
                    boxes += len(doc.boxes_for(start, end)) or len([b for b in doc.blocks_in(start, end) if b.bbox])
            n += 1
    return boxes, located, {i["id"]: i["status"] for i in items}


def _settle(page: Any) -> None:
    """Wait until the page images in view have loaded (they load lazily), for a true screenshot."""
    page.wait_for_timeout(400)
    page.wait_for_function("""() => {
        const pane = document.getElementById('doc-pane').getBoundingClientRect();
        const top = Math.max(0, pane.top), bottom = Math.min(innerHeight, pane.bottom);
        return Array.from(document.querySelectorAll('#docs img')).filter(i => {
            const r = i.getBoundingClientRect(); return r.bottom > top && r.top < bottom; })
            .every(i => i.complete && i.naturalWidth > 0); }""", timeout=20_000)


def _upload(page: Any, base: str, files: list[tuple[str, bytes]], jurisdiction: str) -> None:
    page.goto(base + "/")
    page.wait_for_function("document.querySelectorAll('#jurisdiction option').length > 2")
    page.screenshot(path=str(ARTIFACTS / "upload-1280.png"))
    page.set_input_files("#file-input", [{"name": n, "mimeType": "application/octet-stream", "buffer": b} for n, b in files])
    for name, _ in files:
        assert page.locator("#file-list").get_by_text(name).count() == 1
    page.select_option("#jurisdiction", jurisdiction)
    page.screenshot(path=str(ARTIFACTS / "upload-1280-chosen.png"))
    page.click("#submit")


def test_upload_an_agreement_and_review_its_report(page: Any, service_url: str, artifacts: Path) -> None:
    name, data = agreement()
    from_corpus = (CORPUS / "docs" / name).is_file()
    _upload(page, service_url, [(name, data)], "auto" if from_corpus else "gansu")
    page.wait_for_url(re.compile(r"/submissions/[^/]+$"), timeout=REPORT_TIMEOUT_MS)
    page.wait_for_selector("body[data-ready=true]", timeout=REPORT_TIMEOUT_MS)
    sid = page.url.rstrip("/").rsplit("/", 1)[1]
    report = json.loads(_get(f"{service_url}/api/v1/submissions/{sid}/report?format=json"))
    boxes, located, statuses = _expected_marks(service_url, sid, report)

    # every item of the report is listed once, with the report's status
    shown = page.eval_on_selector_all("#items li.item", "els => els.map(e => [e.dataset.item, e.dataset.status])")
    assert dict(shown) == statuses and len(shown) == len(statuses)
    # the highlights on the page images are exactly the located evidence of the report
    assert page.locator("#docs .hl").count() == boxes > 0
    drawn = page.eval_on_selector_all("#docs [data-ev]", "els => els.flatMap(e => e.dataset.ev.split(' ').map(Number))")
    assert set(drawn) == located
    # the summary bar lists the mandatory items that are missing or weak, at the top, without scrolling
    open_mandatory = [i for i in report["items"] if i["severity"] == "mandatory" and i["status"] in ("missing", "weak")]
    chips = page.locator("#missing-mandatory .chip")
    assert chips.count() == len(open_mandatory) > 0
    assert chips.first.bounding_box()["y"] < 300
    # ... every one of them: none hidden in an inner scroll or below the window
    assert page.eval_on_selector("#missing-mandatory", "r => r.scrollHeight <= r.clientHeight + 1")
    for n in range(chips.count()):
        box = chips.nth(n).bounding_box()
        assert box is not None and box["y"] + box["height"] <= 800, chips.nth(n).inner_text()
    assert page.locator("#completeness").inner_text() == f"{round(report['summary']['completeness'] * 100)}%"
    if from_corpus:
        assert report["detection"]["id"] == "gansu"
        assert page.locator("#detection-body").get_by_text(report["detection"]["evidence"][0]["quote"]).count() >= 1
    _settle(page)
    page.screenshot(path=str(artifacts / "report-1280.png"))

    # a satisfied item with evidence: its highlight scrolls into view and flashes
    with_box = next(i for i in report["items"] if i["status"] == "satisfied" and i["evidence"])
    page.click(f"#items li[data-item='{with_box['id']}'] .item-head")
    page.wait_for_selector("#docs .flash", timeout=5000)
    flashed = page.locator("#docs .flash").first
    assert flashed.is_visible() and flashed.get_attribute("data-item") == with_box["id"]

    # a missing item: its reason and the suggested clause, with a copy button
    missing = next(i for i in report["items"] if i["status"] == "missing" and i["severity"] == "mandatory")
    page.click(f"#missing-mandatory .chip[data-item='{missing['id']}']")
    card = page.locator(f"#items li[data-item='{missing['id']}']")
    remedy = card.locator(".remedy-text")
    remedy.wait_for(state="visible")
    assert remedy.inner_text() == missing["remedy"]
    assert missing["reason"] in card.locator(".reason").inner_text()
    assert card.locator("button.copy").is_visible()
    _settle(page)
    page.screenshot(path=str(artifacts / "report-1280-missing-item.png"))

    # keyboard: Tab reaches an item, Enter opens it
    first_head = page.locator("#items li.item .item-head").nth(1)
    first_head.focus()
    page.keyboard.press("Enter")
    assert first_head.get_attribute("aria-expanded") == "true"

    # the 审查意见书 downloads and opens as a Word document
    with page.expect_download() as info:
        page.click("#download-docx")
    target = artifacts / "report.docx"
    info.value.save_as(str(target))
    import docx

    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert "审查" in text and missing["requirement"][:10] in "\n".join(
        c.text for t in docx.Document(str(target)).tables for r in t.rows for c in r.cells)

    # English switch: the same page, other words
    page.click("#lang-switch")
    assert page.locator("#checklist-h").inner_text() == "Checklist"
    page.click("#lang-switch")

    # tablet widths: portrait and landscape
    for width, height in ((768, 1024), (1024, 768)):
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(300)
        assert page.locator("#missing-mandatory .chip").first.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        _settle(page)
        page.screenshot(path=str(artifacts / f"report-{width}x{height}.png"))


def _batch_zip() -> bytes:
    """Five filings, one folder each (the contract's batch ZIP)."""
    if (CORPUS / "docs").is_dir():
        picks = ["dev-001.pdf", "dev-003.docx", "dev-005.txt", "dev-007.pdf", "dev-009.docx"]
        files = [(p, (CORPUS / "docs" / p).read_bytes()) for p in picks]
    else:
        text = SAMPLE_TXT.read_text(encoding="utf-8")
        files = [(f"agreement-{i}.pdf", drawn_agreement_pdf(text.replace("示例省", f"示例{i}省"))) for i in range(4)]
        files.append(("agreement-4.txt", text.encode()))
    out = io.BytesIO()
    # deflated, as archivers write them (a stored ZIP whose first member is a PDF is detected as a PDF:
    # intake/detect.py looks for %PDF anywhere near the start)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for i, (name, data) in enumerate(files):
            archive.writestr(f"alliance-{i + 1}/{name}", data)
    return out.getvalue()


def test_a_batch_of_five_shows_progress_and_a_sortable_table(page: Any, service_url: str, artifacts: Path) -> None:
    _upload(page, service_url, [("batch.zip", _batch_zip())], "auto")
    page.wait_for_url(re.compile(r"/batches/[^/]+$"), timeout=REPORT_TIMEOUT_MS)
    page.wait_for_selector("#subs-table tbody tr[data-id]", timeout=30_000)
    page.screenshot(path=str(artifacts / "batch-running-1280.png"))
    page.wait_for_selector("body[data-final=true]", timeout=REPORT_TIMEOUT_MS)
    rows = page.locator("#subs-table tbody tr[data-id]")
    assert rows.count() == 5
    assert page.locator("#batch-bar").get_attribute("aria-valuenow") == "100"
    assert page.locator("#subs-table tbody tr[data-status=done]").count() == 5
    page.screenshot(path=str(artifacts / "batch-1280.png"))

    batch_id = page.url.rstrip("/").rsplit("/", 1)[1]
    listed = json.loads(_get(f"{service_url}/api/v1/batches/{batch_id}"))["submissions"]
    by_completeness = sorted(listed, key=lambda s: (s["completeness"] is None, s["completeness"] or 0))
    page.click("button[data-sort=completeness]")
    order = page.eval_on_selector_all("#subs-table tbody tr[data-id]", "els => els.map(e => e.dataset.id)")
    assert [s["completeness"] for s in listed if s["id"] in order] and order[0] == by_completeness[0]["id"]
    assert page.locator("th:has(button[data-sort=completeness])").get_attribute("aria-sort") == "ascending"
    page.click("button[data-sort=completeness]")
    assert page.locator("th:has(button[data-sort=completeness])").get_attribute("aria-sort") == "descending"

    page.fill("#filter-text", listed[0]["name"])
    assert page.locator("#subs-table tbody tr[data-id]").count() == sum(listed[0]["name"] in s["name"] for s in listed)
    page.fill("#filter-text", "")

    with page.expect_download() as info:
        page.click("#export-xlsx")
    info.value.save_as(str(artifacts / "batch.xlsx"))
    import openpyxl

    book = openpyxl.load_workbook(str(artifacts / "batch.xlsx"))
    assert sum(ws.max_row for ws in book.worksheets) >= 5
    book.close()

    page.set_viewport_size({"width": 768, "height": 1024})
    page.wait_for_timeout(200)
    page.screenshot(path=str(artifacts / "batch-768x1024.png"))
    page.locator("#subs-table tbody tr[data-id] a").first.click()
    page.wait_for_selector("body[data-ready=true]", timeout=REPORT_TIMEOUT_MS)
