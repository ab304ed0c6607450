"""Build the documentation site and open every page in headless Chromium; fail on a broken page.

A page is broken when Chromium cannot render it, when it has no title or no first heading, when a raw
mkdocstrings directive (``::: name``) or a Python traceback shows in it, or when the API page shows no
documented object. Needs Debian's ``chromium`` (``apt-get install chromium``).

Run: ``python tools/check_rendered.py`` (exit code 0 when every page renders).
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def build(site: Path) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)]
    subprocess.run(command, cwd=ROOT, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def pages(site: Path) -> list[str]:
    """Site-relative URLs of the content pages (not search, assets or the 404 page)."""
    found = []
    for path in sorted(site.rglob("index.html")):
        rel = path.relative_to(site).parent.as_posix()
        if not rel.startswith(("assets", "search")):
            found.append("" if rel == "." else rel + "/")
    return found


def problems(url: str, dom: str) -> list[str]:
    issues = []
    if not re.search(r"<title>[^<]+</title>", dom):
        issues.append("no title")
    if "<h1" not in dom:
        issues.append("no first heading")
    if re.search(r"<p>\s*:::\s", dom):
        issues.append("a mkdocstrings directive was not rendered")
    if "Traceback (most recent call last)" in dom:
        issues.append("a traceback shows")
    if url.startswith("api/") and "doc-object" not in dom:
        issues.append("the API page documents nothing")
    return issues


def main() -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("chromium not found: apt-get install chromium", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site)
        handler = functools.partial(_QuietHandler, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        failed = 0
        for url in pages(site):
            profile = Path(tmp) / "profile"
            command = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", base + url]
            try:
                proc = subprocess.run(command, capture_output=True, text=True, timeout=90)
                dom = proc.stdout
            except subprocess.TimeoutExpired:
                dom = ""
            issues = problems(url, dom) if dom else ["chromium rendered nothing"]
            print(f"{'ok  ' if not issues else 'FAIL'} /{url} {'; '.join(issues)}")
            failed += bool(issues)
        server.shutdown()
    print(f"{failed} broken page(s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
