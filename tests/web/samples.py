"""Test inputs for the web pages: a corpus agreement when ``../shared/corpus`` is present, else a PDF drawn here.

The drawn PDF is ``examples/sample-agreement.txt`` set in a CJK font (Debian fonts-wqy-zenhei), one
text line per line, so it has a text layer with line boxes like a real agreement.
"""

from __future__ import annotations

from pathlib import Path

from tests.corpus import CORPUS

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_TXT = ROOT / "examples" / "sample-agreement.txt"
FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
CORPUS_AGREEMENT = "dev-002.pdf"  # Gansu agreement: missing and weak clauses, highlights on 6 pages
SIZE, LEFT, TOP, PITCH, WIDTH = 11.0, 60.0, 70.0, 18.0, 42


def corpus_agreement(corpus: Path = CORPUS) -> tuple[str, bytes] | None:
    """The corpus agreement used by the web tests, or None without the corpus."""
    path = corpus / "docs" / CORPUS_AGREEMENT
    return (path.name, path.read_bytes()) if path.is_file() else None


def drawn_agreement_pdf(text: str | None = None) -> bytes:
    """The sample agreement as a PDF with a text layer (wrapped at ``WIDTH`` characters)."""
    import fpdf

    pdf = fpdf.FPDF(unit="pt", format="A4")
    pdf.add_font("wqy", fname=str(FONT))
    pdf.set_font("wqy", size=SIZE)
    y = 10_000.0
    for para in (text or SAMPLE_TXT.read_text(encoding="utf-8")).splitlines():
        chunks = [para[i : i + WIDTH] for i in range(0, len(para), WIDTH)] or [""]
        for chunk in chunks:
            if y > 842 - 70:
                pdf.add_page()
                pdf.set_font("wqy", size=SIZE)
                y = TOP
            if chunk:
                pdf.text(LEFT, y, chunk)
            y += PITCH
    data = bytes(pdf.output())
    for font in pdf.fonts.values():
        ttfont = getattr(font, "ttfont", None)
        if ttfont is not None:
            ttfont.close()
    return data


def agreement() -> tuple[str, bytes]:
    """A corpus agreement when present, else the drawn one."""
    return corpus_agreement() or ("sample-agreement.pdf", drawn_agreement_pdf())


def long_pdf(pages: int = 200) -> bytes:
    """A ``pages``-page text PDF: the sample agreement, then appendix pages (a work plan) up to ``pages``.

    (Not member lists: the role finder in ``extractors/member_roles.py`` is quadratic in the number of
    member names, and 8,000 of them would take the pipeline tens of minutes.)"""
    import fpdf

    pdf = fpdf.FPDF(unit="pt", format="A4")
    pdf.add_font("wqy", fname=str(FONT))
    pdf.set_auto_page_break(False)
    lines = [chunk for para in SAMPLE_TXT.read_text(encoding="utf-8").splitlines()
             for chunk in ([para[i : i + WIDTH] for i in range(0, len(para), WIDTH)] or [""])]
    per_page = int((842 - 70 - TOP) // PITCH)
    body = [lines[i : i + per_page] for i in range(0, len(lines), per_page)]
    n = len(body)
    while len(body) < pages:
        n += 1
        body.append([f"附件：年度工作计划说明（续）第 {n} 页"] +
                    [f"（{k + 1}）第{n}页第{k + 1}项工作：按计划推进试验、检测与示范，记录进度并按季度汇总。"
                     for k in range(per_page - 1)])
    for page_lines in body[:pages]:
        pdf.add_page()
        pdf.set_font("wqy", size=SIZE)
        for i, line in enumerate(page_lines):
            if line:
                pdf.text(LEFT, TOP + i * PITCH, line)
    data = bytes(pdf.output())
    for font in pdf.fonts.values():
        ttfont = getattr(font, "ttfont", None)
        if ttfont is not None:
            ttfont.close()
    return data
