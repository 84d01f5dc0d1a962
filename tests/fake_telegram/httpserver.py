"""The HTTP side of the fake: routing ``/bot<token>/<method>`` to :class:`~.botapi.BotApi`.

:class:`Pipeline` turns one decoded HTTP request into a :class:`Response`,
applying in order: "API down", token check, call logging, planned delays,
planned failures, and finally the method handler. :class:`Server` is a
:class:`~http.server.ThreadingHTTPServer` that remembers its open
connections so :meth:`Server.close_all` can end keep-alive connections and
``server_close`` can then join every handler thread.
"""

from __future__ import annotations

import json
import re
import socket
import struct
import sys
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from .botapi import BotApi
from .state import State
from .validation import ApiError
from .wire import BodyError, decode_params

_PATH_RE = re.compile(r"^/bot(?P<token>[^/]*)/(?P<method>[A-Za-z0-9_]+)/?$")
_TOKEN_RE = re.compile(r"^\d+:[A-Za-z0-9_-]+$")
NOT_FOUND = ApiError(404, "Not Found")
BAD_GATEWAY_HTML = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n"
)


@dataclass(frozen=True)
class Response:
    """What to send back; ``reset`` means: drop the connection without an answer."""

    status: int
    body: bytes = b""
    content_type: str = "application/json"
    reset: bool = False


def json_response(status: int, payload: dict[str, Any]) -> Response:
    try:
        return Response(status, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    except UnicodeEncodeError:  # a lone surrogate in a user's text travels as a \ud800 escape, as Telegram sends it
        return Response(status, json.dumps(payload).encode("ascii"))


class Pipeline:
    """Request processing shared by all handler threads."""

    def __init__(self, state: State, api: BotApi, token: str, stopping: threading.Event) -> None:
        self.state = state
        self.api = api
        self.token = token
        self.stopping = stopping

    def process(self, path: str, content_type: str, body: bytes) -> Response:
        """Answer one request to ``path`` (which may carry a query string)."""
        parts = urlsplit(path)
        with self.state.cond:
            down = self.state.down
        match = _PATH_RE.match(parts.path)
        if down is not None:
            self._log_down(match, down)
            return Response(502, BAD_GATEWAY_HTML, "text/html") if down == "502" else Response(0, reset=True)
        if match is None:
            return json_response(404, NOT_FOUND.body())
        if match["token"] != self.token:
            error = ApiError(401, "Unauthorized") if _TOKEN_RE.match(match["token"]) else NOT_FOUND
            return json_response(error.status, error.body())
        return self._call(match["method"], parts.query, content_type, body)

    def _log_down(self, match: re.Match[str] | None, mode: str) -> None:
        """Calls made while the API is down are logged too (status 502, or 0 for a reset)."""
        if match is None:
            return
        with self.state.cond:
            call = self.state.start_call(self.api.canonical(match["method"]), {}, {})
            status = 502 if mode == "502" else 0
            self.state.finish_call(call, status, {"ok": False, "error_code": status, "description": "Bad Gateway"})

    def _call(self, method_name: str, query: str, content_type: str, body: bytes) -> Response:
        method = self.api.canonical(method_name)
        try:
            params, files = decode_params(content_type, body, query)
        except BodyError as err:
            params, files = {}, {}
            decode_error: ApiError | None = ApiError(400, f"Bad Request: {err}")
        else:
            decode_error = None
        with self.state.cond:
            call = self.state.start_call(method, params, files)
            delay = self.state.faults.take_delay(method)
        if delay:
            self.stopping.wait(delay)
        status, payload = self._run(method, params, files, decode_error)
        with self.state.cond:
            self.state.finish_call(call, status, payload)
        return json_response(status, payload)

    def _run(
        self, method: str, params: dict[str, Any], files: dict[str, Any], decode_error: ApiError | None
    ) -> tuple[int, dict[str, Any]]:
        with self.state.cond:
            planned = self.state.faults.take_failure(method)
        try:
            if decode_error or planned:
                raise decode_error or planned  # type: ignore[misc]
            result = self.api.dispatch(method, params, files)
        except ApiError as err:
            return err.status, err.body()
        return 200, {"ok": True, "result": result}


class Handler(BaseHTTPRequestHandler):
    """One keep-alive HTTP/1.1 connection to the fake Bot API."""

    protocol_version = "HTTP/1.1"
    server: Server

    def version_string(self) -> str:
        """The ``Server`` header Telegram's front end sends."""
        return "nginx/1.18.0"

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: tests read the call log instead."""

    def do_POST(self) -> None:
        self._serve()

    def do_GET(self) -> None:
        self._serve()

    def _serve(self) -> None:
        body = self._read_body()
        response = self.server.pipeline.process(self.path, self.headers.get("Content-Type", ""), body)
        if response.reset:
            self._reset()
            return
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        self.wfile.write(response.body)

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            return self._read_chunked()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def _read_chunked(self) -> bytes:
        chunks: list[bytes] = []
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                self.rfile.readline()
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline()

    def _reset(self) -> None:
        """Close with RST and no answer, like a proxy whose upstream is gone."""
        self.close_connection = True
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass


class Server(ThreadingHTTPServer):
    """Threaded HTTP server that can close its keep-alive connections on stop."""

    daemon_threads = False
    block_on_close = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        super().__init__(address, Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Ignore clients that went away (closed keep-alive, cancelled long poll, stop())."""
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)

    def close_all(self) -> None:
        """Shut down every open client connection (idle keep-alive ones included)."""
        with self._open_lock:
            sockets = list(self._open)
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
