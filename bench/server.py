"""A static file server on 127.0.0.1 that compresses like a real host and
counts the bytes it sends.

Text files (HTML, CSS, JavaScript, JSON, XML, SVG) are sent gzip-compressed
(level 6, the usual server default) when the browser accepts gzip, as static
hosts do; fonts (WOFF2 is already compressed) and images are sent as they
are. Every response is logged with the bytes of its body, so a page load's
transfer size is what really went over the wire, minus HTTP headers.
"""
from __future__ import annotations

import gzip
import http.server
import mimetypes
import posixpath
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml",
                    "image/svg+xml")
TYPES = {".js": "text/javascript", ".woff2": "font/woff2", ".json": "application/json",
         ".xml": "application/xml", ".svg": "image/svg+xml", ".webmanifest": "application/json"}


@dataclass
class Sent:
    path: str
    status: int
    content_type: str
    body_bytes: int
    gzip: bool


class Server:
    """Binds a free port at once (so the site can be built for its URL), serves later."""

    def __init__(self):
        self.directory: Path | None = None
        self.log: list[Sent] = []
        self.last_request = 0.0
        self._lock = threading.Lock()
        self._gz: dict[tuple[str, float], bytes] = {}
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_HEAD(self):
                outer._respond(self, head=True)

            def do_GET(self):
                outer._respond(self, head=False)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self._thread: threading.Thread | None = None

    def serve(self, directory: Path) -> None:
        self.directory = Path(directory)
        self._gz.clear()
        if self._thread is None:
            self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
            self._thread.start()

    def close(self) -> None:
        if self._thread is not None:
            self.httpd.shutdown()
        self.httpd.server_close()

    def take_log(self) -> list[Sent]:
        with self._lock:
            log, self.log = self.log, []
        return log

    def wait_quiet(self, quiet: float = 0.8, limit: float = 15.0) -> None:
        """Wait until no request has come in for `quiet` seconds."""
        end = time.monotonic() + limit
        while time.monotonic() < end and time.monotonic() - self.last_request < quiet:
            time.sleep(0.1)

    # ---- answering ------------------------------------------------------------
    def _file_for(self, url_path: str) -> Path | None:
        path = posixpath.normpath(unquote(urlsplit(url_path).path))
        parts = [p for p in path.split("/") if p and p not in (".", "..")]
        file = self.directory.joinpath(*parts)
        if file.is_dir():
            file = file / "index.html"
        return file if file.is_file() else None

    def _body(self, file: Path, compress: bool) -> bytes:
        data = file.read_bytes()
        if not compress:
            return data
        key = (str(file), file.stat().st_mtime)
        if key not in self._gz:
            self._gz[key] = gzip.compress(data, compresslevel=6, mtime=0)
        return self._gz[key]

    def _respond(self, handler, head: bool) -> None:
        self.last_request = time.monotonic()
        status = 200
        file = self._file_for(handler.path) if self.directory else None
        if file is None:
            status = 404
            file = self.directory / "404.html" if self.directory else None
            if file is None or not file.is_file():
                handler.send_error(404)
                return
        content_type = TYPES.get(file.suffix) or mimetypes.guess_type(file.name)[0] \
            or "application/octet-stream"
        compress = content_type.startswith(COMPRESSED_TYPES) and \
            "gzip" in handler.headers.get("Accept-Encoding", "")
        body = self._body(file, compress)
        handler.send_response(status)
        handler.send_header("Content-Type", content_type +
                            ("; charset=utf-8" if content_type.startswith("text/") else ""))
        handler.send_header("Content-Length", str(len(body)))
        handler.send_header("Cache-Control", "max-age=600")
        handler.send_header("Vary", "Accept-Encoding")
        if compress:
            handler.send_header("Content-Encoding", "gzip")
        handler.end_headers()
        if not head:
            handler.wfile.write(body)
        with self._lock:
            self.log.append(Sent(path=urlsplit(handler.path).path, status=status,
                                 content_type=content_type, body_bytes=len(body) if not head else 0,
                                 gzip=compress))
