"""The recogniser's per-timestep character probabilities for single text-line images.

RapidOCR decodes its CTC output greedily and keeps only the best character of each timestep.
``line_probabilities`` runs the same recognition model on line crops and returns the whole
``(timesteps, classes)`` matrix, so a caller can decode under its own constraints
(``intake.ocr.name_decode``); ``charset`` maps class indices to characters (0 is the CTC blank).
"""

from typing import Any

import numpy as np

from intake.ocr.engine import engine, recognition_lock

_MIN_RATIO = 320 / 48  # rapidocr's rec_img_shape: narrower lines are padded to this


def _recogniser() -> Any:
    return engine()._load_rec_model()


def charset() -> list[str]:
    """Characters of the model's classes: index 0 is the CTC blank."""
    return list(_recogniser().postprocess_op.character)


def line_probabilities(crop: np.ndarray) -> np.ndarray:
    """``(timesteps, classes)`` softmax probabilities of an RGB (or gray) line image."""
    rec = _recogniser()
    image = np.ascontiguousarray(np.repeat(crop[:, :, None], 3, axis=2) if crop.ndim == 2 else crop)
    h, w = image.shape[:2]
    batch = rec.resize_norm_img(image, max(w / max(h, 1), _MIN_RATIO))[np.newaxis].astype(np.float32)
    with recognition_lock():
        preds = rec.session(batch)
    return np.asarray(preds[0], dtype=np.float32)


def timesteps_per_px(crop: np.ndarray, probs: np.ndarray) -> float:
    """How many of ``probs``' timesteps one pixel of ``crop``'s width takes (narrow lines are padded)."""
    h, w = crop.shape[:2]
    return float(probs.shape[0]) / max(w, h * _MIN_RATIO, 1.0)
