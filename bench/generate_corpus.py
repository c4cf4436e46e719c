"""Generate corpus-like alliance submissions (agreements, charters, licences) as TXT, DOCX and text PDF.

Each submission is a folder (or, with ``--flat``, loose files in one folder) holding an agreement,
sometimes a charter and a lead unit's licence. Articles, members, numbering (第一条 / 第1条 / 一、)
and the headline clauses (present / weak / absent) vary with the seed. Written to a temp directory
by default; nothing here is committed output.

    .venv/bin/python bench/generate_corpus.py --docs 1000 [--out DIR] [--formats txt,docx,pdf] [--flat]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
PLACES = ["甘肃省", "黑龙江省", "渭南市", "湖南省", "朔州市", ""]
CITIES = {"甘肃省": "兰州", "黑龙江省": "哈尔滨", "渭南市": "渭南", "湖南省": "长沙", "朔州市": "朔州", "": "北京"}
INDUSTRIES = ["稀土功能材料", "中药材精深加工", "寒地水稻", "增材制造", "奶山羊", "轨道交通装备", "油茶", "煤矸石综合利用",
              "石墨新材料", "风光储氢", "工程机械再制造", "精细化工", "智能网联汽车", "工业互联网安全", "高原夏菜", "陶瓷"]
SYLLABLES = "华瑞恒泰鑫源博创康达中兴宏远新辉晨光金石天启宇航联创卓越盛世永信安邦嘉禾明德"
NUMERALS = "一二三四五六七八九十"
CLAUSES = {
    "ip": ("联盟成员在联盟项目中独立完成的成果及其知识产权归完成方所有；共同完成的成果，知识产权归各完成方共有，"
           "各方按照贡献大小享有相应权益。", "联盟成果的知识产权归属由成员单位另行约定。"),
    "benefit": ("联盟成果转化取得的收益，按照各方投入比例和贡献大小进行分配，具体分配比例在项目合同中载明。",
                "联盟成员坚持利益共享、风险共担的原则。"),
    "diffusion": ("联盟成员有义务向联盟以外的行业企业扩散和转移联盟创新成果，每年组织成果推广活动不少于两次。",
                  "联盟可以推广应用联盟成果。"),
    "signature": ("本协议经各成员单位法定代表人签字并加盖公章后生效。", "本协议经各方代表签字后生效。"),
    "tasks": ("", "各成员单位的任务分工另行确定。"),
}
FILLER = ["联盟坚持需求牵引、优势互补、开放合作、协同创新的方针，致力于提升产业的自主创新能力。",
          "联盟设理事会，理事会是联盟的决策机构，由各成员单位委派一名代表组成，每年至少召开一次会议。",
          "联盟设秘书处，负责联盟日常工作，秘书处设在理事长单位，配备专职工作人员三名。",
          "联盟设技术专家委员会，由成员单位和外部专家组成，为联盟技术路线和重大项目提供咨询。",
          "联盟运行经费以成员单位自筹为主，实行专账管理、专款专用，经费使用情况每年向成员大会报告。",
          "联盟成员对在合作中知悉的其他成员的商业秘密和技术秘密负有保密义务，保密期限至该信息公开之日止。",
          "成员单位违反本协议约定，给其他成员造成损失的，应当承担相应的赔偿责任。",
          "因本协议发生的争议，各方应友好协商解决；协商不成的，提交联盟所在地仲裁委员会仲裁。",
          "成员单位可以申请退出联盟，退出前应当完成所承担的联盟项目任务，并妥善处理相关知识产权事宜。",
          "联盟合作期满或者理事会决定解散的，联盟终止，剩余财产按照各方投入比例返还。",
          "联盟对符合条件的企业、高等院校和科研院所开放，新成员经理事会审议通过后加入。",
          "联盟不具有独立法人资格，对外开展活动由理事长单位代表联盟承担相应责任。"]


@dataclass
class Spec:
    """One generated submission."""

    name: str
    place: str
    members: list[str]
    clauses: dict[str, str]  # key -> present | weak | absent
    numbering: str
    extra_articles: int
    lead_uscc: str = ""
    paragraphs: list[str] = field(default_factory=list)


def _company(rng: random.Random, industry: str) -> str:
    head = "".join(rng.sample(SYLLABLES, 2))
    kind = rng.choice(["科技有限公司", "股份有限公司", "研究院", "大学", "技术有限公司"])
    return f"{head}{industry[:2]}{kind}"


def _label(style: str, n: int) -> str:
    def cn(k: int) -> str:
        return NUMERALS[k - 1] if k <= 10 else ("十" + (NUMERALS[k - 11] if k > 10 and k % 10 else "")
                                               if k < 20 else NUMERALS[k // 10 - 1] + "十" + (NUMERALS[k % 10 - 1] if k % 10 else ""))
    if style == "arabic":
        return f"第{n}条　"
    if style == "outline":
        return f"{cn(n)}、"
    return f"第{cn(n)}条　"


def make_spec(rng: random.Random, index: int) -> Spec:
    """A random submission: a place, an industry, 6–16 members, clauses present/weak/absent."""
    place = rng.choice(PLACES)
    industry = rng.choice(INDUSTRIES)
    suffix = rng.choice(["产业技术创新战略联盟", "产业技术创新联盟"])
    name = f"{place}{industry}{SYLLABLES[index % len(SYLLABLES)]}{SYLLABLES[(index // 7) % len(SYLLABLES)]}{suffix}"
    members = list(dict.fromkeys(_company(rng, industry) for _ in range(rng.randint(6, 16))))
    clauses = {k: rng.choices(["present", "weak", "absent"], weights=[6, 2, 2])[0] for k in CLAUSES}
    return Spec(name, place, members, clauses, rng.choice(["cn", "arabic", "outline"]), rng.randint(4, 30))


def agreement(spec: Spec, rng: random.Random) -> list[str]:
    """The agreement's paragraphs: title, articles, signature lines."""
    articles = [f"本联盟名称为{spec.name}（以下简称“联盟”）。",
                f"联盟由{'、'.join(spec.members)}共{len(spec.members)}家单位发起组建，其中{spec.members[0]}为理事长单位，"
                f"注册地址：{spec.place}{CITIES[spec.place]}市高新区创新大道{rng.randint(1, 300)}号。",
                "联盟的技术创新目标是：三年内突破关键共性技术五项以上，制定团体标准三项，建成中试基地两个。"]
    if spec.clauses["tasks"] == "present":
        articles += [f"{m}负责{rng.choice(['关键技术攻关', '中试验证', '标准研制', '应用示范', '人才培训'])}。"
                     for m in spec.members]
    elif spec.clauses["tasks"] == "weak":
        articles.append(CLAUSES["tasks"][1])
    for key in ("ip", "benefit", "diffusion", "signature"):
        status = spec.clauses[key]
        if status != "absent":
            articles.append(CLAUSES[key][0 if status == "present" else 1])
    articles += [rng.choice(FILLER) for _ in range(spec.extra_articles)]
    tail = articles[3:]
    rng.shuffle(tail)
    articles[3:] = tail
    body = [f"{_label(spec.numbering, n)}{text}" for n, text in enumerate(articles, 1)]
    signatures = [f"{m}（盖章）　法定代表人（签字）：　　　　日期：2025年3月1日" for m in spec.members]
    return [f"{spec.name}协议书", *body, "各成员单位签署：", *signatures]


def licence(spec: Spec, rng: random.Random) -> list[str]:
    """A business licence of the lead unit (营业执照)."""
    return ["营业执照", f"统一社会信用代码　91{rng.randint(10**15, 10**16 - 1)}", f"名　　称　{spec.members[0]}",
            "类　　型　有限责任公司", f"法定代表人　{rng.choice('张王李赵刘陈杨')}{rng.choice('伟芳娜敏静丽强磊')}",
            f"住　　所　{spec.place}{CITIES[spec.place]}市高新区创新大道{rng.randint(1, 300)}号",
            "成立日期　2010年05月12日", "营业期限　长期", "登记机关　市场监督管理局"]


def write_txt(paragraphs: list[str], path: Path) -> None:
    """Plain UTF-8 text, one paragraph a line."""
    path.write_text("\n".join(paragraphs) + "\n", encoding="utf-8")


def write_docx(paragraphs: list[str], path: Path) -> None:
    """A DOCX: the title as a heading, one paragraph per article."""
    import docx

    document = docx.Document()
    document.add_heading(paragraphs[0], level=1)
    for text in paragraphs[1:]:
        document.add_paragraph(text)
    document.save(str(path))


def write_pdf(paragraphs: list[str], path: Path) -> None:
    """A text PDF (fpdf2, WenQuanYi Zen Hei), wrapped paragraphs, A4."""
    import logging

    import fpdf

    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
    pdf = fpdf.FPDF(unit="pt", format="A4")
    pdf.set_margins(72, 72, 72)
    pdf.add_font("wqy", fname=str(FONT))
    pdf.add_page()
    pdf.set_font("wqy", size=16)
    pdf.multi_cell(0, 28, paragraphs[0], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("wqy", size=12)
    for text in paragraphs[1:]:
        pdf.multi_cell(0, 20, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    pdf.output(str(path))


WRITERS = {"txt": write_txt, "docx": write_docx, "pdf": write_pdf}


def _write(task: tuple[str, list[str], Path]) -> None:
    fmt, paragraphs, path = task
    WRITERS[fmt](paragraphs, path)


def generate(out: Path, docs: int, formats: list[str], seed: int = 8, flat: bool = False,
             workers: int | None = None) -> list[Path]:
    """Write about ``docs`` documents (agreements, some licences) under ``out``; return their paths."""
    rng = random.Random(seed)
    tasks: list[tuple[str, list[str], Path]] = []
    written: list[Path] = []
    index = 0
    while len(written) < docs:
        spec = make_spec(rng, index)
        folder = out if flat else out / f"sub-{index:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        parts = [("agreement", agreement(spec, rng))]
        if rng.random() < 0.5:
            parts.append(("licence", licence(spec, rng)))
        for kind, paragraphs in parts:
            if len(written) >= docs:
                break
            fmt = formats[len(written) % len(formats)]
            path = folder / f"{index:04d}-{kind}.{fmt}"
            tasks.append((fmt, paragraphs, path))
            written.append(path)
        index += 1
    with multiprocessing.get_context("spawn").Pool(workers or os.cpu_count() or 1) as pool:
        pool.map(_write, tasks, chunksize=4)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=None, help="default: a new temp directory")
    parser.add_argument("--formats", default="txt,docx,pdf")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--flat", action="store_true", help="loose files in one folder (grouped by alliance name)")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="alliance-corpus-"))
    files = generate(out, args.docs, args.formats.split(","), args.seed, args.flat)
    print(f"{len(files)} documents in {out}")


if __name__ == "__main__":
    main()
