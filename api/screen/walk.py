"""Walking the inputs: folders and archives become a flat list of files, each with its submission folder.

Grouping rule (the command line's arguments are roots):

- every sub-folder of a root, and every archive in a root, is one alliance's submission (all files
  below it, archives inside expanded, belong to it);
- files lying directly in a root (or given on the command line) are *loose*: ``group.py`` clusters
  them by the alliance name the extractor finds;
- an archive given on the command line is a root like a folder.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from api.screen.archive import expand_archive, is_archive
from api.screen.settings import ScreenSettings
from models import IntakeError
from models.errors import ErrorInfo


@dataclass(frozen=True)
class InputFile:
    """One file to analyse. ``label`` names it in reports (``a/b.pdf``, ``x.zip!a/b.pdf``); ``path`` is on disk."""

    label: str
    path: Path
    folder: str  # the submission folder ("" for a loose file)
    root: str  # the input it was found under (loose files cluster within one root)
    size: int
    stamp: str  # mtime in ns for a file, the CRC for an archive member

    def key(self, as_of: str) -> str:
        """The resume key: same label, size, stamp and check date means same result."""
        return f"{as_of}|{self.label}|{self.size}|{self.stamp}"


@dataclass(frozen=True)
class Refused:
    """A file or archive member that could not even be handed to intake (unsafe or unreadable)."""

    label: str
    folder: str
    root: str
    error: ErrorInfo

    def key(self, as_of: str) -> str:
        """The resume key of a refusal."""
        return f"{as_of}|{self.label}|refused|{self.error.code}"


@dataclass
class Walk:
    """Everything the inputs hold."""

    files: list[InputFile] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)


class _Walker:
    def __init__(self, scratch: Path, settings: ScreenSettings, exclude: Iterable[Path]) -> None:
        self.scratch = scratch
        self.settings = settings
        self.exclude = {p.resolve() for p in exclude}
        self.walk = Walk()
        self.archives = 0

    def _visible(self, path: Path) -> bool:
        return not path.name.startswith(".") and path.resolve() not in self.exclude

    def add_file(self, path: Path, label: str, folder: str, root: str, depth: int = 0) -> None:
        if is_archive(path):
            self.add_archive(path, label, folder, root, depth)
            return
        try:
            stat = path.stat()
        except OSError:
            error = IntakeError("file_not_found", name=label).info()
            self.walk.refused.append(Refused(label, folder, root, error))
            return
        self.walk.files.append(InputFile(label, path, folder, root, stat.st_size, str(stat.st_mtime_ns)))

    def add_tree(self, directory: Path, label: str, folder: str, root: str) -> None:
        for path in sorted(directory.rglob("*")):
            relative = path.relative_to(directory)
            if path.is_file() and self._visible(path) and not any(p.startswith(".") for p in relative.parts):
                self.add_file(path, f"{label}/{relative.as_posix()}", folder, root)

    def add_archive(self, archive: Path, label: str, folder: str | None, root: str, depth: int = 0) -> None:
        """Expand ``archive``; with ``folder`` None it is a root (its top-level folders are submissions)."""
        if depth >= self.settings.max_archive_depth:
            error = IntakeError("archive_unsafe", name=label, reason="archives nested too deep").info()
            self.walk.refused.append(Refused(label, folder or "", root, error))
            return
        self.archives += 1
        expanded = expand_archive(archive, label, self.scratch / f"a{self.archives:05d}", self.settings)
        for name, error in expanded.refused:
            self.walk.refused.append(Refused(name, folder or "", root, error))
        for member in expanded.members:
            shown = f"{label}!{member.name}"
            group = folder
            if group is None:  # a root archive: a top-level folder is a submission, a top-level file is loose
                head, _, rest = member.name.partition("/")
                group = f"{label}!{head}" if rest else ""
            if is_archive(member.path):
                self.add_archive(member.path, shown, group, root, depth + 1)
            else:
                self.walk.files.append(InputFile(shown, member.path, group, root, member.size, str(member.crc)))

    def add_root(self, given: str) -> None:
        path = Path(given)
        label = given.rstrip("/") or given
        if path.is_dir():
            for child in sorted(path.iterdir()):
                if not self._visible(child):
                    continue
                shown = f"{label}/{child.name}"
                if child.is_dir():
                    self.add_tree(child, shown, shown, label)
                elif is_archive(child):
                    self.add_archive(child, shown, shown, label)
                elif child.is_file():
                    self.add_file(child, shown, "", label)
        elif is_archive(path) and path.is_file():
            self.add_archive(path, label, None, label)
        else:
            self.add_file(path, label, "", "")


def walk_inputs(inputs: Sequence[str], scratch: Path, settings: ScreenSettings | None = None,
                exclude: Iterable[Path] = ()) -> Walk:
    """Every file under ``inputs`` (archives expanded under ``scratch``), skipping hidden and ``exclude`` paths."""
    walker = _Walker(scratch, settings or ScreenSettings(), exclude)
    for given in inputs:
        walker.add_root(given)
    return walker.walk
