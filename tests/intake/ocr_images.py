"""Page images with known Chinese text, drawn with Pillow and WenQuanYi Zen Hei, for the OCR tests."""

import io
import math
from collections.abc import Sequence

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
SEAL_RED = (215, 25, 35)
LINES = [
    "第一条　联盟名称：稀土功能材料产业技术创新联盟。",
    "第二条　联盟成员单位应当履行本协议约定的义务。",
    "（一）共同开展关键共性技术攻关；",
    "（二）联盟成果的知识产权归完成方所有。",
]


def page_image(lines: list[str] = LINES, size: int = 30, width: int = 1000) -> Image.Image:
    """A white page with ``lines`` in black, one per row, at about 150 dpi."""
    font = ImageFont.truetype(FONT, size)
    height = 120 + len(lines) * size * 2
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((60, 60 + i * size * 2), line, font=font, fill=(0, 0, 0))
    return image


def encoded(image: Image.Image, fmt: str, **options: object) -> bytes:
    """``image`` saved as ``fmt`` (PNG, JPEG, TIFF, BMP, WEBP)."""
    buf = io.BytesIO()
    image.save(buf, format=fmt, **options)
    return buf.getvalue()


def red_seal(image: Image.Image, centre: tuple[int, int], radius: int) -> None:
    """Draw a red round company seal (ring, star, arc of text) on ``image``."""
    draw = ImageDraw.Draw(image)
    x, y = centre
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), outline=(220, 30, 30), width=max(radius // 12, 3))
    r = radius // 4
    draw.polygon([(x, y - r), (x + r, y + r), (x - r, y + r)], fill=(220, 30, 30))
    font = ImageFont.truetype(FONT, max(radius // 5, 10))
    draw.text((x - radius // 2, y - radius // 2 - 10), "联盟专用章", font=font, fill=(220, 30, 30))


def seal_ink(size: tuple[int, int], centre: tuple[int, int], radius: int, text: str = "稀土功能材料产业技术创新联盟") -> Image.Image:
    """The ink of a round company seal as an L mask (255 = ink): outer ring, five-pointed star, and
    ``text`` set upright-outward around the top of the rim, as stamped."""
    mask = Image.new("L", size, 0)
    draw = ImageDraw.Draw(mask)
    x, y = centre
    width = max(3, round(radius * 0.065))
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), outline=255, width=width)
    star = []
    for k in range(10):
        r = radius * (0.28 if k % 2 == 0 else 0.11)
        angle = -math.pi / 2 + k * math.pi / 5
        star.append((x + r * math.cos(angle), y + r * math.sin(angle)))
    draw.polygon(star, fill=255)
    size_char = round(radius * 0.27)
    font = ImageFont.truetype(FONT, size_char)
    span = min(250.0, 22.0 * len(text))
    for i, char in enumerate(text):
        angle = -90 - span / 2 + span * (i + 0.5) / len(text)
        rim = radius - width - size_char * 0.62
        cx, cy = x + rim * math.cos(math.radians(angle)), y + rim * math.sin(math.radians(angle))
        glyph = Image.new("L", (size_char * 2, size_char * 2), 0)
        ImageDraw.Draw(glyph).text((size_char * 0.5, size_char * 0.35), char, font=font, fill=255)
        glyph = glyph.rotate(-(angle + 90), resample=Image.Resampling.BICUBIC)
        mask.paste(255, (round(cx - size_char), round(cy - size_char)), glyph)
    return mask


def gray_scan(image: Image.Image, seals: Sequence[tuple[tuple[int, int], int]] = (), seed: int = 0) -> np.ndarray:
    """``image`` as a gray scan (RGB array, R = G = B) with red seals stamped at (centre, radius)
    before the colour is lost: multiply-blended seal red, uneven ink, paper tone, noise and blur."""
    rng = np.random.default_rng(seed)
    page = np.asarray(image.convert("RGB")).astype(np.float32)
    for centre, radius in seals:
        ink = np.asarray(seal_ink(image.size, centre, radius)).astype(np.float32) / 255.0
        ink = ink * rng.uniform(0.55, 1.0, ink.shape) * 0.85
        page = page * (1 - ink[..., None]) + page * np.array(SEAL_RED, np.float32) / 255.0 * ink[..., None]
    gray = np.asarray(Image.fromarray(page.clip(0, 255).astype(np.uint8)).convert("L")).astype(np.float32)
    gray = gray * 0.94 + 8 + rng.normal(0, 7.0, gray.shape)
    blurred = Image.fromarray(gray.clip(0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.6))
    return np.repeat(np.asarray(blurred)[..., None], 3, axis=2)


def table_page(rows: list[str], size: int = 30, width: int = 1400, row_height: int = 110) -> Image.Image:
    """A white page with a ruled two-column table: ``rows`` in the first column, black text and rules."""
    font = ImageFont.truetype(FONT, size)
    height = 120 + len(rows) * row_height
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    left, middle, right = 60, 60 + width * 5 // 9, width - 60
    for i in range(len(rows) + 1):
        draw.line([(left, 60 + i * row_height), (right, 60 + i * row_height)], fill=(0, 0, 0), width=2)
    for x in (left, middle, right):
        draw.line([(x, 60), (x, 60 + len(rows) * row_height)], fill=(0, 0, 0), width=2)
    for i, row in enumerate(rows):
        draw.text((left + 20, 60 + i * row_height + (row_height - size) // 2), row, font=font, fill=(0, 0, 0))
    return image
