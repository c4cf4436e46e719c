"""Placeholder until seals are detected."""

import numpy as np

from models import Mark


def find_marks(
    image: np.ndarray, number: int, points_per_px: float, text_boxes: list[tuple[float, float, float, float]]
) -> list[Mark]:
    """Seal impressions and handwriting-like ink on the page."""
    return []
