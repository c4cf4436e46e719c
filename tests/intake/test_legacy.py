"""Legacy formats through LibreOffice: real conversions (skipped without soffice) and a fake soffice
for timeouts, crashes, batches and concurrent calls."""

import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from docx import Document as DocxDocument

from intake import parse_bytes
from intake.ingest import parse_many
from intake.libreoffice import ConversionJob, convert_many, convert_one
from intake.settings import IntakeSettings
from models import Document, Format, IntakeError

ARTICLES = ["第一条", "第二条", "第三条"]
OLE_DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + bytes(512)
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")


def _agreement_docx(path: Path) -> Path:
    doc = DocxDocument()
    doc.add_heading("示范产业技术创新联盟协议书", level=0)
    doc.add_paragraph("第一条　联盟名称为示范产业技术创新联盟，由示范科技股份有限公司牵头组建。")
    doc.add_paragraph("第二条　联盟成员在合作中形成的知识产权归完成方所有，共同完成的归各方共有。")
    table = doc.add_table(rows=3, cols=3)
    for r, row in enumerate([("序号", "单位名称", "法定代表人"), ("1", "示范科技股份有限公司", "张三"),
                             ("2", "示范理工大学", "李四")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    doc.add_paragraph("第三条　本协议自各方法定代表人签字之日起生效。")
    doc.save(str(path))
    return path


def _soffice(source: Path, target: str, outdir: Path) -> Path:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(["soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--convert-to",
                        target, "--outdir", str(outdir), str(source)], check=True, capture_output=True, timeout=180)
    return outdir / f"{source.stem}.{target.split(':')[0]}"


@pytest.fixture(scope="module")
def legacy_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) not installed")
    root = tmp_path_factory.mktemp("legacy")
    docx = _agreement_docx(root / "agreement.docx")
    out = {"docx": docx.read_bytes()}
    for fmt, target in (("doc", "doc:MS Word 97"), ("odt", "odt"), ("rtf", "rtf")):
        out[fmt] = _soffice(docx, target, root).read_bytes()
    return out


def _articles(doc: Document) -> list[str]:
    return [n.label for root in doc.outline for n in root.walk() if n.kind == "article"]


@needs_soffice
def test_doc_wps_rtf_odt_parse_to_the_same_model_in_one_batch(legacy_files: dict[str, bytes]) -> None:
    names = ["协议.doc", "协议.wps", "协议.rtf", "协议.odt", "协议.docx"]
    datas = [legacy_files["doc"], legacy_files["doc"], legacy_files["rtf"], legacy_files["odt"], legacy_files["docx"]]
    docs = parse_many(list(zip(names, datas, strict=True)))
    assert all(isinstance(d, Document) for d in docs), docs
    parsed = [d for d in docs if isinstance(d, Document)]
    assert [d.format for d in parsed] == [Format.DOC, Format.WPS, Format.RTF, Format.ODT, Format.DOCX]
    assert all(d.parser.startswith("libreoffice+docx") for d in parsed[:4])
    assert parsed[0].warnings[0].code == "converted_by_libreoffice"
    for doc in parsed:
        assert _articles(doc) == ARTICLES, doc.format
        assert len(doc.tables) == 1, doc.format
        rows = doc.tables[0].row_texts(doc.text)
        assert [c.strip() for c in rows[1]] == ["1", "示范科技股份有限公司", "张三"], doc.format
        assert "归完成方所有" in doc.text


@needs_soffice
def test_single_file_path_converts_a_word97_file_named_wps(legacy_files: dict[str, bytes]) -> None:
    doc = parse_bytes(legacy_files["doc"], "联盟章程.wps")
    assert doc.format == Format.WPS and doc.parser.startswith("libreoffice+")
    assert _articles(doc) == ARTICLES


def test_encrypted_doc_is_refused_before_conversion() -> None:
    locked = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le")
    with pytest.raises(IntakeError) as caught:
        parse_bytes(locked, "locked.doc", IntakeSettings(soffice_command="/nonexistent/soffice"))
    assert caught.value.code == "encrypted_office"


# A stand-in for soffice: logs its profile and input count, then converts, hangs or crashes
# depending on FAKE_SOFFICE_MODE and on markers in the input files.
FAKE = f"""#!{sys.executable}
import os, pathlib, shutil, sys, time
args = sys.argv[1:]
profile = next(a for a in args if a.startswith("-env:UserInstallation="))
outdir = pathlib.Path(args[args.index("--outdir") + 1])
inputs = args[args.index("--outdir") + 2:]
with open(os.environ["FAKE_SOFFICE_LOG"], "a") as log:
    log.write(f"{{profile}} {{len(inputs)}}\\n")
mode = os.environ.get("FAKE_SOFFICE_MODE", "ok")
if mode == "hang":
    time.sleep(600)
if mode == "slow":
    time.sleep(0.3)
if mode == "nothing":
    sys.exit(0)
for name in inputs:
    data = pathlib.Path(name).read_bytes()
    if b"CRASH" in data:
        os._exit(134)
    shutil.copy(os.environ["FAKE_DOCX"], outdir / (pathlib.Path(name).stem + ".docx"))
"""


@pytest.fixture()
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[IntakeSettings, Path]:
    script = tmp_path / "soffice"
    script.write_text(FAKE, encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    log = tmp_path / "calls.log"
    monkeypatch.setenv("FAKE_SOFFICE_LOG", str(log))
    monkeypatch.setenv("FAKE_DOCX", str(_agreement_docx(tmp_path / "made.docx")))
    settings = IntakeSettings(soffice_command=str(script), soffice_startup_seconds=20, soffice_seconds_per_file=5)
    return settings, log


def _calls(log: Path) -> list[tuple[str, int]]:
    lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return [(line.rsplit(" ", 1)[0], int(line.rsplit(" ", 1)[1])) for line in lines]


def test_batch_is_one_soffice_call(fake_soffice: tuple[IntakeSettings, Path]) -> None:
    settings, log = fake_soffice
    docs = parse_many([(f"{i}.doc", OLE_DOC + bytes([i])) for i in range(4)] + [("x.txt", "第一条　正文".encode())],
                      settings)
    assert [d.format for d in docs if isinstance(d, Document)] == [Format.DOC] * 4 + [Format.TEXT]
    assert [n for _, n in _calls(log)] == [4]


def test_timeout_is_a_coded_error(fake_soffice: tuple[IntakeSettings, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    settings, _ = fake_soffice
    monkeypatch.setenv("FAKE_SOFFICE_MODE", "hang")
    quick = settings.model_copy(update={"soffice_startup_seconds": 0.5, "soffice_seconds_per_file": 0.0})
    with pytest.raises(IntakeError) as caught:
        parse_bytes(OLE_DOC, "slow.doc", quick)
    assert caught.value.code == "conversion_timeout" and "slow.doc" in caught.value.message_zh


def test_crash_in_a_batch_fails_that_file_only(fake_soffice: tuple[IntakeSettings, Path]) -> None:
    settings, log = fake_soffice
    jobs = [ConversionJob("a.doc", OLE_DOC, "doc"), ConversionJob("bad.doc", OLE_DOC + b"CRASH", "doc"),
            ConversionJob("c.doc", OLE_DOC, "doc")]
    results = convert_many(jobs, settings)
    assert isinstance(results[0], bytes) and isinstance(results[2], bytes)
    assert isinstance(results[1], IntakeError) and results[1].code == "conversion_failed"
    assert "signal" in results[1].message_en or "exit status" in results[1].message_en
    assert [n for _, n in _calls(log)][0] == 3  # the batch first, then retries one by one


def test_no_output_and_missing_soffice_are_coded(fake_soffice: tuple[IntakeSettings, Path],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    settings, _ = fake_soffice
    monkeypatch.setenv("FAKE_SOFFICE_MODE", "nothing")
    with pytest.raises(IntakeError) as caught:
        convert_one(ConversionJob("empty.rtf", b"{\\rtf1 x}", "rtf"), settings)
    assert caught.value.code == "conversion_failed"
    with pytest.raises(IntakeError) as caught:
        parse_bytes(b"{\\rtf1 x}", "x.rtf", IntakeSettings(soffice_command="/nonexistent/soffice"))
    assert caught.value.code == "converter_unavailable" and caught.value.http_status == 415


def test_concurrent_conversions_use_separate_profiles(fake_soffice: tuple[IntakeSettings, Path],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    settings, log = fake_soffice
    monkeypatch.setenv("FAKE_SOFFICE_MODE", "slow")
    results: list[object] = []

    def convert() -> None:
        results.extend(convert_many([ConversionJob("a.doc", OLE_DOC, "doc")], settings))

    threads = [threading.Thread(target=convert) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    profiles = [p for p, _ in _calls(log)]
    assert len(profiles) == 2 and profiles[0] != profiles[1]
    assert all(isinstance(r, bytes) for r in results)
    leftovers = [p for p in profiles if os.path.exists(p.split("file://", 1)[1])]
    assert leftovers == []  # throw-away profiles are removed
