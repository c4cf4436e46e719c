"""A disk cache of the OCR engine's answers, for benchmarks that parse the same scans again and again.

``install(directory)`` wraps the three calls that run the recognition models (``read_lines``,
``detect_boxes``, ``upside_down_votes``) so each answer is stored under a hash of the image it was
asked about. Everything after the engine (orientation choice, character placement, ruling lines,
tables, marks, layout, extraction) still runs, so changes to the layout code are measured on the
cached recognition; only a change of models or engine settings needs a fresh directory.
Rendering is deterministic, so the same page gives the same image and hits the cache.
"""

import hashlib
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np


def _key(name: str, images: list[np.ndarray]) -> str:
    digest = hashlib.sha256(name.encode())
    for image in images:
        array = np.ascontiguousarray(image)
        digest.update(str((array.shape, array.dtype.str)).encode())
        digest.update(array.tobytes())
    return digest.hexdigest()


def _cached(directory: Path, name: str, call: Callable[..., Any], many: bool) -> Callable[..., Any]:
    def wrapper(arg: Any) -> Any:
        path = directory / f"{name}-{_key(name, list(arg) if many else [arg])}.pkl"
        if path.exists():
            return pickle.loads(path.read_bytes())
        value = call(arg)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(pickle.dumps(value))
        tmp.replace(path)
        return value

    return wrapper


def install(directory: Path) -> None:
    """Answer the OCR engine calls from ``directory`` (created if needed), filling it on a miss."""
    from intake.ocr import engine, orient, page

    directory.mkdir(parents=True, exist_ok=True)
    read = _cached(directory, "read_lines", engine.read_lines, many=False)
    detect = _cached(directory, "detect_boxes", engine.detect_boxes, many=False)
    votes = _cached(directory, "upside_down_votes", engine.upside_down_votes, many=True)
    engine.read_lines = page.read_lines = read  # type: ignore[assignment]
    engine.detect_boxes = orient.detect_boxes = detect  # type: ignore[assignment]
    engine.upside_down_votes = orient.upside_down_votes = votes  # type: ignore[assignment]
