"""Page images with known Chinese text, drawn with Pillow and WenQuanYi Zen Hei, for the OCR tests."""

import io

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
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
