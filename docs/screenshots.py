"""Take the README's screenshots: the full sample site during an outage, built at a fixed now.

usage: python docs/screenshots.py   (needs Debian's chromium and the test extras)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
SHOTS = [("home-outage.png", "index.html", {"width": 1280, "height": 1100}, "light"),
         ("incident-phone-dark.png", "incidents/2026-11-26-api-outage/index.html", {"width": 390, "height": 844}, "dark")]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "site"
        subprocess.run([sys.executable, "-m", "sitegen", "build", "--site", str(REPO / "tests" / "sites" / "full"),
                        "--output", str(out), "--now", "2026-11-26T12:00:00Z"], check=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
            for name, page_path, viewport, scheme in SHOTS:
                page = browser.new_page(viewport=viewport, color_scheme=scheme, timezone_id="Europe/Berlin",
                                        locale="en-GB", device_scale_factor=1)
                page.goto((out / page_path).as_uri())
                page.screenshot(path=str(REPO / "docs" / name))
            browser.close()


if __name__ == "__main__":
    main()
