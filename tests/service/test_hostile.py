"""Hostile and bad input: upload-level problems are coded 4xx; content problems fail one file, the rest goes on."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from fpdf import FPDF

from api.service.app import create_app
from api.service.context import Service
from api.service.sandbox import analyse_isolated
from tests.service.conftest import API, charter


def _pdf(pages: int = 1, encrypt: bool = False) -> bytes:
    pdf = FPDF()
    if encrypt:
        pdf.set_encryption(owner_password="owner", user_password="user")
    pdf.set_font("helvetica", size=12)
    for n in range(pages):
        pdf.add_page()
        pdf.cell(text=f"page {n + 1}")
    return bytes(pdf.output())


def _zip(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buffer.getvalue()


def _xml_bomb_docx() -> bytes:
    lol = '<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)) + "]>"
    body = (f'<?xml version="1.0"?>{lol}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>")
    types = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
             'wordprocessingml.document.main+xml"/></Types>')
    return _zip({"[Content_Types].xml": types.encode(), "word/document.xml": body.encode()})


PDF_JS = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\n"
          b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n"
          b"trailer<</Root 1 0 R>>\n%%EOF\n")


def _broken_xref() -> bytes:
    data = _pdf()
    at = data.rfind(b"startxref")
    return data[:at] + b"startxref\n999999\n%%EOF\n"


CONTENT_CASES = {
    "js.pdf": (PDF_JS, "pdf_active_content"),
    "attach.pdf": (PDF_JS.replace(b"/OpenAction<</S/JavaScript/JS(app.alert(1))>>", b"/Names<</EmbeddedFiles 4 0 R>>"),
                   "pdf_active_content"),
    "encrypted.pdf": (_pdf(encrypt=True), "encrypted_pdf"),
    "polyglot.pdf": (_pdf() + _zip({"evil.txt": b"x"}), "polyglot_file"),
    "polyglot2.pdf": (b"\x89PNG\r\n\x1a\n" + b"\0" * 16 + _pdf(), "polyglot_file"),
    "bomb.docx": (_xml_bomb_docx(), None),  # refused by the DOCX backend: coded, never expanded
    "program.pdf": (b"\x7fELF\x02\x01\x01" + b"\0" * 200, "unsupported_format"),
    "empty.txt": (b"", "empty_file"),
    "encrypted.docx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + b"\0" * 512,
                       "encrypted_office"),
    "long.pdf": (_pdf(pages=3), "too_many_pages"),
}


@pytest.fixture
def strict_client(service: Service) -> Iterator[TestClient]:
    service.settings.max_upload_bytes = 200_000
    service.settings.max_pages = 2
    with TestClient(create_app(service=service)) as c:
        yield c


def test_content_problems_fail_their_file_and_the_rest_goes_on(strict_client: TestClient, drain: Callable[[], int]) -> None:
    files = [("good.txt", charter(1))] + [(name, data) for name, (data, _) in CONTENT_CASES.items()]
    files.append(("mislabeled.txt", _pdf()))  # a PDF named .txt: parsed as a PDF, with a warning
    response = strict_client.post(f"{API}/submissions", files=[("files", (n, d, "application/octet-stream")) for n, d in files])
    assert response.status_code == 202, response.text
    sid = response.json()["submissions"][0]["id"]
    drain()
    detail = strict_client.get(f"{API}/submissions/{sid}").json()
    by_name = {f["name"]: f for f in detail["files"]}
    assert by_name["good.txt"]["status"] == "done"
    assert by_name["mislabeled.txt"]["status"] == "done" and by_name["mislabeled.txt"]["format"] == "pdf"
    for name, (_, code) in CONTENT_CASES.items():
        entry = by_name[name]
        assert entry["status"] == "failed", name
        if code is not None:
            assert entry["error"]["code"] == code, (name, entry["error"])
        else:
            assert entry["error"]["code"] in ("archive_unsafe", "corrupt_file"), (name, entry["error"])
    assert detail["status"] == "done" and detail["report_available"]


def _post(client: TestClient, files: list[tuple[str, bytes]]) -> tuple[int, str]:
    response = client.post(f"{API}/submissions", files=[("files", (n, d, "application/octet-stream")) for n, d in files])
    return response.status_code, response.json()["error"]["code"] if response.status_code >= 400 else ""


def test_upload_level_problems_are_coded_4xx(strict_client: TestClient) -> None:
    c = strict_client
    assert _post(c, [("big.txt", b"x" * 300_000)]) == (413, "upload_too_large")
    assert _post(c, [("../../etc/passwd", b"x")]) == (400, "unsafe_file_name")
    assert _post(c, [("/etc/passwd", b"x")]) == (400, "unsafe_file_name")
    assert _post(c, [("a.zip", _zip({"../evil.txt": b"x"}))]) == (422, "archive_unsafe")
    assert _post(c, [("a.zip", _zip({"/abs.txt": b"x"}))]) == (422, "archive_unsafe")
    assert _post(c, [("a.zip", _zip({"ok/readme": b"x", ".hidden": b"y"})[:-30])])[0] in (400, 422)
    response = c.post(f"{API}/submissions", content=b"", headers={"Content-Type": "multipart/form-data; boundary=x"})
    assert (response.status_code, response.json()["error"]["code"]) == (400, "empty_upload")
    response = c.post(f"{API}/submissions", data={"jurisdiction": "auto"})
    assert (response.status_code, response.json()["error"]["code"]) in ((400, "empty_upload"), (415, "unsupported_media_type"))
    response = c.post(f"{API}/submissions", json={"files": []})
    assert (response.status_code, response.json()["error"]["code"]) == (415, "unsupported_media_type")
    response = c.post(f"{API}/submissions", files=[("files", ("a.txt", b"x", "text/plain"))], data={"as_of": "soon"})
    assert (response.status_code, response.json()["error"]["code"]) == (422, "invalid_request")
    response = c.post(f"{API}/submissions", files=[("files", ("a.txt", b"x", "text/plain"))], data={"jurisdiction": "mars"})
    assert (response.status_code, response.json()["error"]["code"]) == (422, "unknown_jurisdiction")


def test_streamed_body_without_length_is_cut_at_the_limit(strict_client: TestClient) -> None:
    boundary = "b0undary"

    def chunks() -> Iterator[bytes]:
        yield (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.txt\"\r\n"
               "Content-Type: text/plain\r\n\r\n").encode()
        for _ in range(100):  # 1 MB in total, limit 200 kB
            yield b"x" * 10_000
        yield f"\r\n--{boundary}--\r\n".encode()

    response = strict_client.post(f"{API}/submissions", content=chunks(),
                                  headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert response.status_code == 413 and response.json()["error"]["code"] == "upload_too_large"


def test_zip_bomb_is_refused(service: Service) -> None:
    bomb = _zip({"bomb.txt": b"\0" * (20 << 20)})
    assert len(bomb) < 100_000
    with TestClient(create_app(service=service)) as c:
        assert _post(c, [("bomb.zip", bomb)]) == (422, "archive_unsafe")
        service.settings.max_zip_entries = 5
        assert _post(c, [("many.zip", _zip({f"{i}.txt": b"x" for i in range(10)}))]) == (413, "archive_too_large")


def test_sandbox_enforces_time_and_memory_limits() -> None:
    timed = analyse_isolated(charter(1), "a.txt", timeout=0.0001, memory_mb=0, max_pages=10, max_file_bytes=10**6)
    assert timed.error is not None and timed.error["code"] == "processing_timeout"
    big = charter(1) * 200_000  # ~30 MB of text: decoding alone needs more than the limit allows
    starved = analyse_isolated(big, "a.txt", timeout=60, memory_mb=64, max_pages=10, max_file_bytes=10**9)
    assert starved.error is not None and starved.error["code"] == "memory_limit"
    fine = analyse_isolated(charter(1), "a.txt", timeout=60, memory_mb=0, max_pages=10, max_file_bytes=10**6)
    assert fine.error is None and fine.pages == 1
