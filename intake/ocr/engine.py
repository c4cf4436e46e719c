"""One RapidOCR engine per process, built on first use from the models inside the rapidocr wheel.

Only rapidocr's default models are used: anything else makes it download at the first call, and
nothing may download here. ``RapidOCROutput.vis()`` downloads a font and is never called.
"""

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from intake.ocr.config import ocr_config

_LOCK = threading.Lock()
_ENGINE: Any = None
_THREADS: int | None = None  # set in worker processes: one thread each


def use_threads(count: int) -> None:
    """Build this process's engine with ``count`` onnxruntime threads (worker initializer)."""
    global _THREADS
    _THREADS = count


@dataclass(frozen=True)
class OcrBox:
    """One recognised text line: its quadrilateral in image pixels, text and score (0..1)."""

    quad: tuple[tuple[float, float], ...]
    text: str
    score: float

    @property
    def rect(self) -> tuple[float, float, float, float]:
        """Axis-aligned ``(x0, top, x1, bottom)`` in pixels."""
        xs = [p[0] for p in self.quad]
        ys = [p[1] for p in self.quad]
        return min(xs), min(ys), max(xs), max(ys)


def model_dir() -> Path:
    """Where the default models live (inside the installed rapidocr package)."""
    import rapidocr

    return Path(rapidocr.__file__).resolve().parent / "models"


def _build() -> Any:
    from rapidocr import RapidOCR

    cfg = ocr_config()["engine"]
    params = {
        "Global.log_level": "error",
        "Global.use_cls": bool(cfg["use_angle_classifier"]),
        "Global.text_score": float(cfg["drop_score"]),
        "Global.max_side_len": 100000,  # never shrink the page before cropping lines
        "Det.limit_side_len": int(cfg["det_limit_side_len"]),
        "Det.limit_type": str(cfg["det_limit_type"]),
        "Rec.rec_batch_num": int(cfg["rec_batch"]),
        "EngineConfig.onnxruntime.intra_op_num_threads": _THREADS or int(cfg["intra_op_threads"]),
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
    }
    return RapidOCR(params=params)


def engine() -> Any:
    """The process's RapidOCR engine (built lazily: loading the models takes about a second)."""
    global _ENGINE
    if _ENGINE is None:
        with _LOCK:
            if _ENGINE is None:
                _ENGINE = _build()
    return _ENGINE


def recognition_lock() -> threading.Lock:
    """The lock every call into the engine's models is made under."""
    return _LOCK


def _quads(boxes: Any) -> list[tuple[tuple[float, float], ...]]:
    return [tuple((float(x), float(y)) for x, y in box) for box in boxes]


def recognise(image: np.ndarray, quads: list[tuple[tuple[float, float], ...]]) -> list[OcrBox]:
    """Recognise the text lines at ``quads`` (found by ``detect_boxes``, maybe on another copy of
    the page and carried over): each quadrilateral is cut out straightened and read; lines read as
    nothing or below the drop score are left out."""
    if not quads:
        return []
    from rapidocr.utils.process_img import get_rotate_crop_image

    ocr = engine()
    crops = [get_rotate_crop_image(image, np.array(q, dtype=np.float32)) for q in quads]
    with _LOCK:
        result = ocr.recognize_txt(crops)
    drop = float(ocr_config()["engine"]["drop_score"])
    return [
        OcrBox(quad=q, text=str(t), score=float(s))
        for q, t, s in zip(quads, result.txts, result.scores, strict=True)
        if str(t).strip() and float(s) >= drop
    ]


def detect_boxes(image: np.ndarray) -> list[tuple[tuple[float, float], ...]]:
    """Text line quadrilaterals only, in reading order (no recognition): ``recognise`` reads them."""
    ocr = engine()
    with _LOCK:
        result = ocr(image, use_det=True, use_cls=False, use_rec=False)
    boxes = getattr(result, "boxes", None)
    return [] if boxes is None else _quads(boxes)


def upside_down_votes(crops: list[np.ndarray]) -> int:
    """How many of these single-line images the angle classifier reads as turned by 180°."""
    ocr = engine()
    votes = 0
    with _LOCK:
        for crop in crops:
            result = ocr(crop, use_det=False, use_cls=True, use_rec=False)
            labels = getattr(result, "cls_res", None) or [("0", 0.0)]
            votes += int("180" in str(labels[0][0]))
    return votes
