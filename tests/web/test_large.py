"""A 200-page document on the report page: the page loads with every page's place laid out, but only the
few page images near the view are requested; scrolling far down requests the pages there, not the ones
passed over. Requests are counted (``page.on("request")``), never timed."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.web.samples import FONT, long_pdf

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not FONT.is_file(), reason=f"font {FONT} missing (Debian fonts-wqy-zenhei)")]
PAGES = 200
REPORT_TIMEOUT_MS = 240_000
PAGE_RE = re.compile(r"/files/[^/]+/pages/(\d+)\.png")


def _loaded(page: Any, n: int) -> None:
    page.wait_for_function("""n => { const i = document.querySelector(`#docs .page[data-page="${n}"] img`);
        return i && i.complete && i.naturalWidth > 0; }""", arg=n, timeout=30_000)


def test_a_200_page_document_requests_page_images_as_they_come_into_view(page: Any, service_url: str,
                                                                        artifacts: Path) -> None:
    requested: list[int] = []
    page.on("request", lambda r: requested.append(int(m.group(1))) if (m := PAGE_RE.search(r.url)) else None)
    page.goto(service_url + "/")
    page.wait_for_function("document.querySelectorAll('#jurisdiction option').length > 2")
    page.set_input_files("#file-input", [{"name": "long-agreement.pdf", "mimeType": "application/pdf",
                                          "buffer": long_pdf(PAGES)}])
    page.select_option("#jurisdiction", "gansu")
    page.click("#submit")
    page.wait_for_url(re.compile(r"/submissions/[^/]+$"), timeout=REPORT_TIMEOUT_MS)
    page.wait_for_selector("body[data-ready=true]", timeout=REPORT_TIMEOUT_MS)

    # every page has its place (sized before its image arrives), but only the first few are fetched
    assert page.locator("#docs .page").count() == PAGES
    _loaded(page, 1)
    first = sorted(set(requested))
    assert first[0] == 1 and len(requested) <= 6, requested
    page.screenshot(path=str(artifacts / "report-200-pages-1280.png"))

    # jump to page 120: its image (and its neighbours') are fetched; the pages jumped over are not
    page.eval_on_selector('#docs .page[data-page="120"]', "p => p.scrollIntoView({block: 'start'})")
    _loaded(page, 120)
    later = sorted(set(requested) - set(first))
    assert 120 in later and all(110 <= n <= 130 for n in later), later
    assert len(requested) <= 16, requested
    # scrolling on: the next pages one by one, still nothing like all 200
    page.eval_on_selector('#docs .page[data-page="150"]', "p => p.scrollIntoView({block: 'start'})")
    _loaded(page, 150)
    assert 150 in requested and len(set(requested)) < 30 and len(requested) == len(set(requested)), requested
