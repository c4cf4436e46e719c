"""A disk cache of the OCR engine's answers, for benchmarks that parse the same scans again and again.

``install(directory)`` wraps the three calls that run the recognition models (``detect_boxes``,
``recognise``, ``upside_down_votes``) so each answer is stored under a hash of what it was asked
(the images, and the line quadrilaterals to read). Everything after the engine (orientation choice, character placement, ruling lines,
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


def _key(name: str, args: tuple[Any, ...]) -> str:
    digest = hashlib.sha256(name.encode())
    for arg in args:
        for item in arg if isinstance(arg, list) else [arg]:
            if isinstance(item, np.ndarray):
                array = np.ascontiguousarray(item)
                digest.update(str((array.shape, array.dtype.str)).encode())
                digest.update(array.tobytes())
            else:
                digest.update(repr(item).encode())
    return digest.hexdigest()


def _cached(directory: Path, name: str, call: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any) -> Any:
        path = directory / f"{name}-{_key(name, args)}.pkl"
        if path.exists():
            return pickle.loads(path.read_bytes())
        value = call(*args)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(pickle.dumps(value))
        tmp.replace(path)
        return value

    return wrapper


def install(directory: Path) -> None:
    """Answer the OCR engine calls from ``directory`` (created if needed), filling it on a miss."""
    from intake.ocr import engine, ink, orient, page

    directory.mkdir(parents=True, exist_ok=True)
    read = _cached(directory, "recognise", engine.recognise)
    detect = _cached(directory, "detect_boxes", engine.detect_boxes)
    votes = _cached(directory, "upside_down_votes", engine.upside_down_votes)
    engine.recognise = page.recognise = ink.recognise = read  # type: ignore[assignment]
    engine.detect_boxes = orient.detect_boxes = ink.detect_boxes = detect  # type: ignore[assignment]
    engine.upside_down_votes = orient.upside_down_votes = votes  # type: ignore[assignment]
