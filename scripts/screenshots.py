"""Take screenshots of a built site at phone and desktop widths, to look at what we ship.

Usage: python scripts/screenshots.py SITE_DIR OUT_DIR [PATH ...]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from browser import CHROMIUM_ARGS, CHROMIUM_PATH, serve  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

DEFAULT_PATHS = ["", "programme/", "regions/", "regions/normandie/", "appels/", "appels/normandie-connectee-deffinov/"]


def main():
    site, out = Path(sys.argv[1]), Path(sys.argv[2])
    paths = sys.argv[3:] or DEFAULT_PATHS
    out.mkdir(parents=True, exist_ok=True)
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        for width, height in ((375, 812), (1280, 900)):
            page = browser.new_page(viewport={"width": width, "height": height})
            for path in paths:
                page.goto(base + path)
                name = (path.strip("/").replace("/", "_") or "accueil") + f"_{width}.png"
                page.screenshot(path=str(out / name), full_page=True)
                print(out / name)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
