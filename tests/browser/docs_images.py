"""Refresh the screenshots in docs/images/ from the browser tests' own screenshots.

Run the browser tests first (`make test PYTEST_ARGS="-m browser"`), then
`.venv/bin/python -m tests.browser.docs_images`. Each picture is the top of a page the tests visited, scaled
down and reduced to a small palette so the repository stays light. A screenshot the tests no longer take
stops the script with its name, so the docs never keep a picture of a page that changed silently.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
IMAGES = ROOT / "docs" / "images"

# docs/images/<name> <- tests/artifacts/<test file>/<test>/<screenshot>.png (glob), and the width to show.
PICTURES = {
    "campaign-page-phone.png": ("test_public_pages/*/campaign-phone.png", 375),
    "letter-preview.png": ("test_letter_journey/test_a_resident_writes_to_their_mp_by_keyboard*/preview.png", 640),
    "letter-outputs.png": ("test_letter_journey/test_a_resident_writes_to_their_mp_by_keyboard*/outputs.png", 640),
    "thank-you.png": ("test_letter_journey/test_a_resident_writes_to_their_mp_by_keyboard*/thanks.png", 640),
    "motion-check.png": ("test_motion_journey/*/check.png", 640),
    "motion-download.png": ("test_motion_journey/*/download.png", 640),
    "progress.png": ("test_spread_pages/*/progress.png", 640),
    "new-campaign-settings.png": ("test_new_campaign_pages/*/settings-checked.png", 640),
}
MAX_HEIGHT_RATIO = 1.5  # the first screen or so of a long page


def shrink(source: Path, target: Path, width: int) -> None:
    with Image.open(source) as image:
        image = image.convert("RGB")
        height = min(image.height, int(image.width * MAX_HEIGHT_RATIO))
        image = image.crop((0, 0, image.width, height))
        if image.width > width:
            image = image.resize((width, round(height * width / image.width)), Image.LANCZOS)
        image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(target, optimize=True)


def main() -> int:
    IMAGES.mkdir(parents=True, exist_ok=True)
    missing = []
    for name, (pattern, width) in PICTURES.items():
        found = sorted(ARTIFACTS.glob(pattern))
        if not found:
            missing.append(f"{name}: no tests/artifacts/{pattern}")
            continue
        shrink(found[0], IMAGES / name, width)
        print(f"docs/images/{name} <- {found[0].relative_to(ROOT)} ({(IMAGES / name).stat().st_size // 1024} KB)")
    if missing:
        print("Run the browser tests first; missing:\n  " + "\n  ".join(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
