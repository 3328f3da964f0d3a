"""Draws Comptoir's app icon (a cup of coffee on a counter) into this folder.

Run from anywhere: `python3 icons/draw_icons.py` (needs Pillow). Writes RGBA PNGs, as Tauri requires.
"""

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
SIZE = 1024  # drawn large, then scaled down for smooth edges
BACKGROUND = (107, 62, 38, 255)  # roasted coffee
CUP = (250, 246, 240, 255)  # cream
COFFEE = (60, 33, 20, 255)
COUNTER = (214, 168, 107, 255)  # light wood


def draw() -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    d = ImageDraw.Draw(image)
    d.rounded_rectangle((32, 32, SIZE - 32, SIZE - 32), radius=200, fill=BACKGROUND)

    # The counter the cup stands on.
    d.rounded_rectangle((150, 760, 874, 820), radius=30, fill=COUNTER)

    # The cup: a bowl narrowing to its foot, with a ring handle on the right.
    d.ellipse((600, 430, 800, 630), outline=CUP, width=56)
    d.polygon([(230, 400), (700, 400), (640, 740), (290, 740)], fill=CUP)
    d.rounded_rectangle((230, 380, 700, 440), radius=24, fill=CUP)
    d.ellipse((262, 392, 668, 432), fill=COFFEE)

    # Steam.
    for x in (340, 465, 590):
        d.arc((x - 40, 170, x + 40, 270), start=90, end=270, fill=CUP, width=26)
        d.arc((x - 40, 250, x + 40, 350), start=270, end=90, fill=CUP, width=26)
    return image


def main() -> None:
    icon = draw()
    for name, size in [("32x32.png", 32), ("128x128.png", 128), ("128x128@2x.png", 256), ("icon.png", 512)]:
        icon.resize((size, size), Image.LANCZOS).save(HERE / name)
        print(f"wrote {HERE / name}")


if __name__ == "__main__":
    main()
