"""Headless Chromium for the html format: the DOM after the page's script ran, and console output."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
_CONSOLE = re.compile(r":CONSOLE[:(]")


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("chromium is not installed (.ci/run installs Debian's chromium)")


def load_page(page: Path, *, timeout: float = 60) -> tuple[str, list[str]]:
    """The serialised DOM of ``page`` after its scripts ran, and every console message it logged."""
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        proc = subprocess.run(
            [chromium(), *FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
             "--virtual-time-budget=5000", "--dump-dom", page.resolve().as_uri()],
            capture_output=True, text=True, timeout=timeout, check=False,
        )
    console = [line for line in proc.stderr.splitlines() if _CONSOLE.search(line)]
    assert proc.stdout.strip(), f"chromium printed no DOM (exit {proc.returncode}): {proc.stderr[-2000:]}"
    return proc.stdout, console


def screenshot(page: Path, png: Path, *, size: str = "1200,1400", timeout: float = 60) -> None:
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        subprocess.run([chromium(), *FLAGS, f"--user-data-dir={profile}", f"--window-size={size}",
                        f"--screenshot={png}", page.resolve().as_uri()],
                       capture_output=True, timeout=timeout, check=False)
