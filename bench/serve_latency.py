"""How long a saved edit takes to show in `sitegen serve`: from the file write to the reload signal and the
new page, on a generated site.

usage: python bench/serve_latency.py [--incidents 1000] [--edits 10]
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent


def fetch(url: str, timeout: float = 30) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=10)
    args = parser.parse_args()
    site = HERE / "sites" / f"serve-{args.incidents}"
    subprocess.run([sys.executable, str(HERE / "generate.py"), str(args.incidents), str(site)], check=True)
    server = subprocess.Popen(
        [sys.executable, "-m", "sitegen", "serve", "--site", str(site), "--port", "0", "--now", "2026-11-26T12:00:00Z"],
        stderr=subprocess.PIPE, text=True,
    )
    try:
        line = ""
        while "Serving" not in line:
            line = server.stderr.readline()
        base = re.search(r"http://[\d.]+:\d+/", line).group(0)
        threading.Thread(target=lambda: [None for _ in server.stderr], daemon=True).start()
        file = sorted((site / "content" / "incidents").glob("*.md"))[-1]
        page = f"{base}incidents/{file.stem}/"
        epoch = int(re.search(r"\)\((\d+)\);</script>", fetch(page)).group(1))
        timings = []
        for edit in range(args.edits):
            marker = f"Edit number {edit} is visible."
            text = file.read_text()
            text = re.sub(r"(    message: \")", lambda m: m.group(1) + marker + " ", text, count=1)
            started = time.perf_counter()
            file.write_text(text)
            html = ""
            while marker not in html:  # what a browser does: wait for the signal, reload, look
                epoch = int(fetch(f"{base}__sitegen/epoch?since={epoch}"))
                html = fetch(page)
                assert time.perf_counter() - started < 30, "the edit did not show"
            timings.append(time.perf_counter() - started)
            time.sleep(0.3)  # let any second event of the same save settle
            epoch = int(re.search(r"\)\((\d+)\);</script>", fetch(page)).group(1))
        print(f"{args.incidents} incidents: save -> reload signal -> new page: median "
              f"{statistics.median(timings) * 1000:.0f} ms, max {max(timings) * 1000:.0f} ms over {args.edits} edits")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
