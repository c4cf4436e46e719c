"""Clustering loose files by alliance name (tolerant), licences joining their alliance."""

from api.screen.group import FileRecord, cluster_loose, group_submissions
from api.screen.settings import ScreenSettings
from models.extraction import Extraction, License, Member

SUFFIXES = ScreenSettings().alliance_suffixes


def _file(label: str, alliance: str | None = None, members: list[str] | None = None, licence: str | None = None,
          folder: str = "") -> FileRecord:
    extraction = Extraction(file=label, alliance_name=alliance,
                            members=[Member(name=m, type="enterprise", role="member") for m in members or []],
                            license=License(type="营业执照", name=licence) if licence else None)
    return FileRecord(label, folder, "in", extraction)


def test_variant_names_join_and_similar_names_stay_apart() -> None:
    files = [_file("a", "朔州市乳业产业技术创新战略联盟"), _file("b", "朔州市陶瓷产业技术创新战略联盟"),
             _file("c", "朔州市乳业产业技术创新联盟"), _file("d", "朔州市乳業產業技術創新戰略聯盟")]
    clusters = cluster_loose(files, SUFFIXES)
    assert [[f.label for f in c] for c in clusters] == [["a", "c", "d"], ["b"]]


def test_licence_joins_the_alliance_it_is_a_member_of_else_stands_alone() -> None:
    files = [_file("agreement", "甘肃省稀土产业技术创新联盟", members=["白银陇耀稀土功能材料股份有限公司"]),
             _file("licence", licence="白银陇耀稀土功能材料股份有限公司"), _file("stranger", licence="某某无关科技有限公司"),
             _file("blank")]
    clusters = cluster_loose(files, SUFFIXES)
    assert [[f.label for f in c] for c in clusters] == [["agreement", "licence"], ["stranger"], ["blank"]]


def test_folders_are_submissions_whatever_the_names() -> None:
    files = [_file("x/1", "甲联盟", folder="x"), _file("x/2", "乙产业技术创新联盟", folder="x"), _file("y/1", folder="y")]
    subs = group_submissions(files, SUFFIXES)
    assert [(s.id, len(s.files)) for s in subs] == [("x", 2), ("y", 1)]
    assert subs[1].name == "y"
