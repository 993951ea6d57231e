"""Take the README's screenshots: the full sample site during an outage, built at a fixed now, in English and
(on a phone) in German, Japanese and Arabic.

usage: python docs/screenshots.py   (needs Debian's chromium, the test extras, and fonts-noto-cjk for Japanese)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
PHONE = {"width": 375, "height": 900}
SHOTS = [("home-outage.png", "en-GB", "index.html", {"width": 1280, "height": 1100}, "light"),
         ("incident-phone-dark.png", "en-GB", "incidents/2026-11-26-api-outage/index.html", {"width": 390, "height": 844},
          "dark"),
         ("home-de-phone.png", "de", "index.html", PHONE, "light"),
         ("home-ja-phone.png", "ja", "index.html", PHONE, "light"),
         ("home-ar-phone.png", "ar", "index.html", PHONE, "light")]


def build(language: str, folder: Path) -> Path:
    site = folder / f"site-{language}"
    shutil.copytree(REPO / "tests" / "sites" / "full", site)
    config = site / "site.yml"
    config.write_text(re.sub(r"(?m)^language: .*$", f"language: {language}", config.read_text()))
    out = folder / f"out-{language}"
    subprocess.run([sys.executable, "-m", "sitegen", "build", "--site", str(site), "--output", str(out),
                    "--now", "2026-11-26T12:00:00Z"], check=True)
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        built = {language: build(language, Path(folder)) for language in dict.fromkeys(s[1] for s in SHOTS)}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
            for name, language, page_path, viewport, scheme in SHOTS:
                page = browser.new_page(viewport=viewport, color_scheme=scheme, timezone_id="Europe/Berlin",
                                        locale="en-GB", device_scale_factor=1)
                page.goto((built[language] / page_path).as_uri())
                page.screenshot(path=str(REPO / "docs" / name))
            browser.close()


if __name__ == "__main__":
    main()
