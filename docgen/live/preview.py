"""``docgen preview``: the watch loop behind a page on 127.0.0.1.

The page (live/assets/preview.html, served by docgen: no CDN, no network) shows the last
good build's pages as images (pypdfium2), thumbnails, zoom, the files to download and the
check's short report; a broken save shows its located error over those pages.  It learns
of each build from server-sent events and reloads only the images.

The server answers only its own routes: the page, the state, the events, the current
build's page images and its files by name.  Anything else — other paths, ``..`` in any
spelling, another Host than 127.0.0.1 or localhost (DNS rebinding) — is refused.
"""

from __future__ import annotations

import io
import json
import re
import threading
import webbrowser
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files as package_files
from pathlib import Path
from urllib.parse import unquote, urlsplit

from docgen.build import BuildOptions
from docgen.i18n import tr
from docgen.live.session import Outcome, Session
from docgen.live.watch import changes, describe

HOST = "127.0.0.1"
RENDER_SCALE = 1.5  # 108 dpi: an A4 page 893 px wide, sharp at the page's default zoom
KEEPALIVE_S = 10.0
_PAGE = re.compile(r"/page/(\d+)\.png")
_FILE = re.compile(r"/file/([^/]+)")


class State:
    """What the page shows, changed by the build thread, read by the request threads."""

    def __init__(self, spec: Path) -> None:
        self.spec = spec
        self.changed = threading.Condition()
        self.version = 0  # any change the page should see
        self.build = 0  # the build the page images come from
        self.pages: list[bytes] = []
        self.files: dict[str, Path] = {}
        self.errors: list[str] = []
        self.check = ""
        self.seconds = 0.0

    def publish(self, **changes: object) -> None:
        with self.changed:
            for name, value in changes.items():
                setattr(self, name, value)
            self.version += 1
            self.changed.notify_all()

    def as_json(self) -> bytes:
        data = {
            "version": self.version,
            "build": self.build,
            "spec": self.spec.name,
            "pages": len(self.pages),
            "files": sorted(self.files),
            "errors": self.errors,
            "check": self.check,
            "ms": round(self.seconds * 1000),
        }
        return json.dumps(data, ensure_ascii=False).encode("utf-8")


def render_pages(pdf: Path) -> list[bytes]:
    """Each page of ``pdf`` as a PNG."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        out = []
        for index in range(len(document)):
            image = document[index].render(scale=RENDER_SCALE).to_pil()
            buffer = io.BytesIO()
            image.save(buffer, "PNG", compress_level=1)
            out.append(buffer.getvalue())
        return out
    finally:
        document.close()


def _check_text(pdf: Path) -> str:
    from docgen.check.pdf import check_pdf
    from docgen.check.report import render_short

    return render_short([check_pdf(pdf)]).replace(str(pdf), pdf.name)


def _show(state: State, outcome: Outcome) -> None:
    """Put one build on the page: its errors over the last good pages, or its pages and
    then (a moment later) the check's report."""
    if outcome.errors:
        state.publish(errors=outcome.errors)
        return
    pdf = next(f for f in outcome.files if f.suffix == ".pdf")
    state.publish(
        errors=[],
        pages=render_pages(pdf),
        files={f.name: f for f in outcome.files},
        build=outcome.generation,
        seconds=outcome.seconds,
        check="",
    )
    state.publish(check=_check_text(pdf))


def _builder(session: Session, state: State, echo: Callable[[str], None], stop: threading.Event):
    spec = next(iter(session.outcomes))
    outcome = session.build(spec)
    for line in describe(outcome):
        echo(line)
    _show(state, outcome)
    roots = ", ".join(str(r) for r in session.roots())
    started = tr("watching {roots} (Ctrl-C stops)").format(roots=roots)
    for _paths in changes(session, stop, ready=lambda: echo(started)):
        outcome = session.build(spec)
        for line in describe(outcome):
            echo(line)
        _show(state, outcome)


def _labels() -> dict[str, str]:
    """The page's words, in the reader's language."""
    return {
        "page": tr("page"),
        "pages": tr("pages"),
        "error": tr("the spec has a mistake"),
        "error_title": tr("Not built: the pages below are the last good build"),
        "built": tr("built"),
        "building": tr("building…"),
        "check_title": tr("GB/T 9704-2012 check"),
        "checking": tr("checking…"),
    }


def _page_html() -> bytes:
    page = package_files("docgen.live").joinpath("assets/preview.html").read_text("utf-8")
    labels = json.dumps(_labels(), ensure_ascii=False).replace("</", "<\\/")
    tag = f'<script type="application/json" id="labels">{labels}</script>'
    return page.replace("<!--LABELS-->", tag).encode("utf-8")


class _Handler(BaseHTTPRequestHandler):
    state: State  # set on the subclass made for each server
    server_version = "docgen-preview"

    def log_message(self, format: str, *args: object) -> None:
        pass  # the terminal shows builds, not requests

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if not self._allowed(path):
            self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain")
        elif path == "/":
            self._send(HTTPStatus.OK, _page_html(), "text/html; charset=utf-8")
        elif path == "/state":
            self._send(HTTPStatus.OK, self.state.as_json(), "application/json")
        elif path == "/events":
            self._events()
        elif m := _PAGE.fullmatch(path):
            self._page(int(m.group(1)))
        elif m := _FILE.fullmatch(path):
            self._file(m.group(1))
        else:
            self._send(HTTPStatus.NOT_FOUND, b"not found", "text/plain")

    def _allowed(self, path: str) -> bool:
        """Only the server's own names: no .. in any spelling, no other Host (a page on
        another site that points a name at 127.0.0.1 must not read the build)."""
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
        if host not in (HOST, "localhost"):
            return False
        decoded = unquote(unquote(path))
        return ".." not in decoded and "\\" not in decoded and "//" not in decoded

    def _send(self, status: HTTPStatus, body: bytes, kind: str, extra: dict | None = None):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _page(self, number: int) -> None:
        pages = self.state.pages
        if not 1 <= number <= len(pages):
            self._send(HTTPStatus.NOT_FOUND, b"no such page", "text/plain")
            return
        self._send(HTTPStatus.OK, pages[number - 1], "image/png")

    def _file(self, name: str) -> None:
        path = self.state.files.get(unquote(name))
        if path is None or not path.is_file():
            self._send(HTTPStatus.NOT_FOUND, b"no such file", "text/plain")
            return
        kind = "application/pdf" if path.suffix == ".pdf" else "application/octet-stream"
        disposition = {"Content-Disposition": f'attachment; filename="{path.name}"'}
        self._send(HTTPStatus.OK, path.read_bytes(), kind, disposition)

    def _events(self) -> None:
        """Server-sent events: the state now, then at every change."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = -1
        state = self.state
        try:
            while True:
                with state.changed:
                    state.changed.wait_for(lambda last=seen: state.version != last, KEEPALIVE_S)
                    current, body = state.version, state.as_json()
                if current == seen:
                    self.wfile.write(b": keep-alive\n\n")
                else:
                    self.wfile.write(b"data: " + body + b"\n\n")
                    seen = current
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return


def serve(
    spec: Path,
    options: BuildOptions,
    port: int,
    echo: Callable[[str], None],
    open_browser: bool = False,
) -> None:
    """Serve the preview of ``spec`` until Ctrl-C; builds go to ``options.out_dir``."""
    state = State(spec)
    handler = type("Handler", (_Handler,), {"state": state})
    server = ThreadingHTTPServer((HOST, port), handler)
    server.daemon_threads = True
    stop = threading.Event()
    session = Session([spec], options)
    builder = threading.Thread(
        target=_builder, args=(session, state, echo, stop), name="docgen-build", daemon=True
    )
    url = f"http://{HOST}:{server.server_address[1]}/"
    try:
        builder.start()
        echo(tr("preview: {url} (Ctrl-C stops)").format(url=url))
        if open_browser:
            webbrowser.open(url)
        server.serve_forever(poll_interval=0.2)
    finally:
        stop.set()
        server.server_close()
        builder.join(timeout=5)
