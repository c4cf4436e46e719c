"""A stand-in for ``api.pipeline.analyse_path`` whose files named crash* kill the worker and hang* hang."""

import os
import time
from datetime import date
from pathlib import Path

from api.pipeline import FileOutcome, analyse_path


def analyse(path: str, as_of: date | None = None, name: str | None = None) -> FileOutcome:
    stem = Path(path).name
    if stem.startswith("crash"):
        os._exit(3)
    if stem.startswith("hang"):
        time.sleep(3600)
    return analyse_path(path, as_of, name=name)
