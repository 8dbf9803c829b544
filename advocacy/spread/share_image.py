"""The share card picture of a campaign (Open Graph / Twitter): ``share.png`` from the campaign folder
when there is one, otherwise one drawn from the campaign's title with Pillow.

Drawn images are kept in memory by the text they show, so each is drawn once per process.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from ..campaigns import Campaign
from ..config import ROOT

WIDTH, HEIGHT = 1200, 630  # the size Open Graph and Twitter's large card expect (1.91:1)
MARGIN = 80
BRAND = (29, 79, 145)  # --brand in site.css; white text on it has a contrast of 8.6:1
WHITE = (255, 255, 255)
FONTS = ROOT / "static" / "fonts"
STATIC_NAME = "share.png"


def share_image_png(campaign: Campaign) -> bytes:
    """PNG bytes of the campaign's share picture."""
    if campaign.folder is not None:
        own = Path(campaign.folder) / STATIC_NAME
        if own.is_file():
            return own.read_bytes()
    return drawn_share_image(campaign.title, campaign.hashtag)


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf"
    return ImageFont.truetype(str(FONTS / name), size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(candidate, font=font) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


@lru_cache(maxsize=64)
def drawn_share_image(title: str, hashtag: str) -> bytes:
    """The title in large white type on the brand colour, the hashtag and the site's name below it."""
    image = Image.new("RGB", (WIDTH, HEIGHT), BRAND)
    draw = ImageDraw.Draw(image)
    room = WIDTH - 2 * MARGIN
    # The largest size at which the title fits in four lines.
    for size in (96, 84, 72, 64, 56, 48, 40):
        font = _font(size, bold=True)
        lines = _wrap(draw, title, font, room)
        if len(lines) <= 4 and all(draw.textlength(line, font=font) <= room for line in lines):
            break
    line_height = round(size * 1.15)
    y = MARGIN
    for line in lines[:4]:
        draw.text((MARGIN, y), line, font=font, fill=WHITE)
        y += line_height
    small = _font(40)
    draw.rectangle((MARGIN, HEIGHT - MARGIN - 70, MARGIN + 120, HEIGHT - MARGIN - 64), fill=WHITE)
    draw.text((MARGIN, HEIGHT - MARGIN - 40), f"#{hashtag}  ·  Raise your voice", font=small, fill=WHITE)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
