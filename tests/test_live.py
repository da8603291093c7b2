"""Issue 16: the editing loop — `docgen watch` and `docgen preview`, as a user runs them
(a process in a project folder, a spec edited on disk), the page in a real browser."""

from __future__ import annotations

import http.client
import os
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import SPECS

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
WAIT_S = 30.0


def _project(tmp_path: Path) -> Path:
    """A project folder with a 通知 and its seal images, as `docgen new` leaves one."""
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "docgen.toml").write_text("# docgen project\n", encoding="utf-8")
    shutil.copy(SPECS / "notice.yaml", folder / "notice.yaml")
    shutil.copytree(SPECS / "images", folder / "images")
    return folder / "notice.yaml"


class Running:
    """A docgen command in the background, its output read line by line."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "docgen", "--lang", "en", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, pattern: str) -> str:
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                continue
            self.seen.append(line)
            if re.search(pattern, line):
                return line
        raise AssertionError(f"no line matching {pattern!r}; output:\n" + "\n".join(self.seen))

    def stop(self) -> int:
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=15)
        finally:
            if self.process.poll() is None:
                self.process.kill()


def _until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def _edit(spec: Path, old: str, new: str) -> None:
    text = spec.read_text(encoding="utf-8")
    assert old in text
    spec.write_text(text.replace(old, new, 1), encoding="utf-8")


TITLE = "title: 关于开展"
BROKEN = "title: [关于开展"  # an unclosed flow sequence: a YAML mistake on that line


# ---- docgen watch ------------------------------------------------------------------


def test_watch_builds_on_save_and_keeps_the_last_good_files(tmp_path: Path) -> None:
    spec = _project(tmp_path)
    out = tmp_path / "out"
    running = Running("watch", str(spec), "-o", str(out), "--format", "pdf")
    try:
        running.wait_for(r"watching")
        pdf = out / "notice.pdf"
        first = pdf.read_bytes()
        _edit(spec, TITLE, "title: 关于认真开展")
        running.wait_for(r"notice\.pdf \(\d+ ms\)")
        second = pdf.read_bytes()
        assert second != first
        _edit(spec, "title: 关于认真开展", BROKEN)
        error = running.wait_for(r"^error: ")
        assert re.search(r"notice\.yaml:\d+:\d+", error), error
        running.wait_for(r"last good files are kept")
        assert pdf.read_bytes() == second  # nothing written over the last good build
        _edit(spec, BROKEN, TITLE)
        running.wait_for(r"notice\.pdf \(\d+ ms\)")
        assert pdf.read_bytes() == first  # the same spec, the same bytes
    finally:
        code = running.stop()
    assert code == 0


# ---- docgen preview: the server ------------------------------------------------------


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Running, str, Path]]:
    spec = _project(tmp_path)
    running = Running("preview", str(spec), "--port", "0")
    try:
        url = running.wait_for(r"^preview: http://").split()[1]
        running.wait_for(r"^watching ")
        yield running, url, spec
    finally:
        if running.process.poll() is None:
            running.stop()


def _get(url: str, path: str, host: str | None = None) -> tuple[int, bytes]:
    address = re.match(r"http://([\d.]+):(\d+)/", url)
    assert address
    connection = http.client.HTTPConnection(address.group(1), int(address.group(2)), timeout=10)
    try:
        connection.putrequest("GET", path, skip_host=host is not None)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@pytest.mark.parametrize(
    "path",
    [
        "/../pyproject.toml",
        "/%2e%2e/pyproject.toml",
        "/%252e%252e/pyproject.toml",
        "/file/..%2fnotice.yaml",
        "/file/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/file/notice.yaml",
        "/page/0.png",
        "/page/9.png",
        "/etc/passwd",
        "//etc/passwd",
        "/page/..\\..\\notice.yaml",
    ],
)
def test_preview_serves_nothing_but_its_own(preview, path: str) -> None:
    _, url, _ = preview
    status, body = _get(url, path)
    assert status == 404, body[:200]
    assert b"unifiedtheory" not in body and b"[project]" not in body


def test_preview_serves_the_build_and_only_to_its_own_host(preview, tmp_path: Path) -> None:
    running, url, _ = preview
    status, body = _get(url, "/file/notice.pdf")
    assert status == 200 and body.startswith(b"%PDF")
    status, body = _get(url, "/page/1.png")
    assert status == 200 and body.startswith(b"\x89PNG")
    assert _get(url, "/state", host="attacker.example:80")[0] == 404  # DNS rebinding
    assert url.startswith("http://127.0.0.1:")
    # bound to the loopback address only: another address of this machine is refused
    port = int(url.rsplit(":", 1)[1].strip("/"))
    others = {
        info[4][0]
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        if not info[4][0].startswith("127.")
    }
    for address in others:
        with pytest.raises(OSError), socket.create_connection((address, port), timeout=2):
            pass
    scratch = {Path(m) for line in running.seen for m in re.findall(r"(/\S+preview-[^/]+)/", line)}
    assert scratch and all(p.exists() for p in scratch)
    assert running.stop() == 0  # Ctrl-C: stops cleanly …
    assert not any(p.exists() for p in scratch)  # … and leaves no temporary file


# ---- docgen preview: in a real browser -------------------------------------------------


def _browser(tmp_path: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1400,1000",
        f"--user-data-dir={tmp_path / 'chromium'}",
    ):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)


def test_preview_page_follows_every_save_in_a_real_browser(preview, tmp_path: Path) -> None:
    assert CHROMIUM.exists() and CHROMEDRIVER.exists(), "tools/install.sh installs chromium"
    _, url, spec = preview
    driver = _browser(tmp_path)
    try:
        driver.get(url)

        def page_one() -> tuple[str, bool]:
            """The first page image's build and whether it has loaded."""
            return driver.execute_script(
                "const i = document.getElementById('page-1');"
                "return i ? [i.dataset.build, i.complete && i.naturalWidth > 0] : ['', false];"
            )

        def error_shown() -> str:
            return driver.execute_script(
                "const e = document.getElementById('error');"
                "return e.style.display === 'block' ? e.innerText : '';"
            )

        _until(lambda: page_one()[1], "the first page")
        build = page_one()[0]
        shot = tmp_path / "preview.png"
        driver.save_screenshot(str(shot))
        if target := os.environ.get("DOCGEN_SCREENSHOT"):
            shutil.copy(shot, target)
        thumbs = driver.execute_script("return document.querySelectorAll('#thumbs img').length")
        pages = driver.execute_script("return document.querySelectorAll('#pages img').length")
        assert thumbs == pages >= 2
        links = driver.execute_script(
            "return [...document.querySelectorAll('#downloads a')].map(a => a.textContent)"
        )
        assert set(links) == {"notice.pdf", "notice.docx"}
        _until(lambda: "GB/T 9704" in driver.find_element("id", "check").text, "the check")

        _edit(spec, TITLE, "title: 关于认真开展")  # a save: a new page image, no reload
        driver.execute_script("window.notReloaded = true")
        _until(lambda: page_one()[0] not in ("", build) and page_one()[1], "the new page")
        assert driver.execute_script("return window.notReloaded === true")

        _edit(spec, "title: 关于认真开展", BROKEN)  # a broken save: its error, over the pages
        _until(lambda: "notice.yaml:" in error_shown(), "the error")
        assert re.search(r"notice\.yaml:\d+:\d+", error_shown())
        assert page_one()[1]  # the last good pages stay

        _edit(spec, BROKEN, TITLE)  # fixed: the error goes, the pages come back
        _until(lambda: not error_shown(), "the error to go")
        _until(lambda: page_one()[1], "the pages again")
    finally:
        driver.quit()
