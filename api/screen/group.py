"""Grouping files into submissions (one alliance's files each).

A submission folder (see ``walk.py``) is one submission. Loose files of one root are clustered by
the alliance name their extraction found, compared tolerantly (``checklists.names``) after the
generic ending (产业技术创新战略联盟 …) is removed, so 朔州市乳业… and 朔州市陶瓷… stay apart while
a short or variant form of the same name joins. A file without an alliance name (a licence, say)
joins the one cluster whose members or lead unit include the organisation it names; otherwise it
is a submission of its own.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from checklists.names import normalize_org, same_org
from models.extraction import Extraction


@dataclass
class FileRecord:
    """One file with its extraction, as grouping sees it."""

    label: str
    folder: str
    root: str
    extraction: Extraction
    text: str | None = None


@dataclass
class Submission:
    """One alliance's files: ``id`` is unique in the workbook; ``name`` the alliance name when found."""

    id: str
    name: str
    folder: str
    files: list[FileRecord] = field(default_factory=list)


def alliance_core(name: str, suffixes: Sequence[str]) -> str:
    """The distinctive part of an alliance name (its generic ending removed)."""
    norm = normalize_org(name)
    for suffix in sorted(suffixes, key=len, reverse=True):
        if norm.endswith(suffix) and len(norm) > len(suffix):
            return norm[: -len(suffix)]
    return norm


def _name_of(files: Sequence[FileRecord]) -> str | None:
    names = Counter(f.extraction.alliance_name for f in files if f.extraction.alliance_name)
    return max(names, key=lambda n: (names[n], len(n))) if names else None


def _orgs(files: Sequence[FileRecord]) -> list[str]:
    orgs: list[str] = []
    for f in files:
        orgs.extend(m.name for m in f.extraction.members)
        if f.extraction.lead_unit and f.extraction.lead_unit.name:
            orgs.append(f.extraction.lead_unit.name)
    return orgs


def _own_org(record: FileRecord) -> str | None:
    e = record.extraction
    if e.license and e.license.name:
        return e.license.name
    return e.lead_unit.name if e.lead_unit and e.lead_unit.name else None


def cluster_loose(files: Sequence[FileRecord], suffixes: Sequence[str]) -> list[list[FileRecord]]:
    """Clusters of loose files that belong to one alliance, in first-seen order."""
    clusters: list[tuple[str, list[FileRecord]]] = []
    unnamed: list[FileRecord] = []
    for record in files:
        name = record.extraction.alliance_name
        if not name:
            unnamed.append(record)
            continue
        core = alliance_core(name, suffixes)
        home = next((members for c, members in clusters if same_org(c, core)), None)
        if home is None:
            clusters.append((core, [record]))
        else:
            home.append(record)
    alone: list[list[FileRecord]] = []
    for record in unnamed:
        org = _own_org(record)
        homes = [members for _c, members in clusters if org and any(same_org(org, o) for o in _orgs(members))]
        if len(homes) == 1:
            homes[0].append(record)
        else:
            alone.append([record])
    return [members for _c, members in clusters] + alone


def _unique(wanted: str, taken: set[str]) -> str:
    shown, n = wanted, 2
    while shown in taken:
        shown, n = f"{wanted} ({n})", n + 1
    taken.add(shown)
    return shown


def folder_submission(folder: str, members: Sequence[FileRecord]) -> Submission:
    """The submission of one submission folder (its id is the folder: folders are unique)."""
    name = _name_of(members) or folder.rsplit("/", 1)[-1].rsplit("!", 1)[-1]
    return Submission(folder, name, folder, list(members))


def loose_submissions(loose: dict[str, list[FileRecord]], suffixes: Sequence[str],
                      taken: set[str]) -> list[Submission]:
    """The submissions of the loose files of each root (ids kept unique against ``taken``, which grows)."""
    out: list[Submission] = []
    for root, records in loose.items():
        for cluster in cluster_loose(records, suffixes):
            name = _name_of(cluster) or cluster[0].label.rsplit("/", 1)[-1]
            wanted = f"{root}/{name}" if root else name
            out.append(Submission(_unique(wanted, taken), name, root, cluster))
    return out


def group_submissions(files: Sequence[FileRecord], suffixes: Sequence[str]) -> list[Submission]:
    """Folders first (in order), then the loose files of each root, clustered."""
    by_folder: dict[str, list[FileRecord]] = {}
    loose: dict[str, list[FileRecord]] = {}
    for record in files:
        if record.folder:
            by_folder.setdefault(record.folder, []).append(record)
        else:
            loose.setdefault(record.root, []).append(record)
    out = [folder_submission(folder, members) for folder, members in by_folder.items()]
    return out + loose_submissions(loose, suffixes, set(by_folder))
