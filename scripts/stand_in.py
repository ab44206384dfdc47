"""A stand-in HTTP server for the scripts' own tests: it answers each request with what a
function of the test makes of it, on 127.0.0.1, from http.server in a thread. Imported by
release_check_test.py and smoke_test_test.py, which run from this folder."""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable

# An answer: status, headers and the body as JSON (or as bytes, sent as they are).
Reply = tuple[int, dict[str, str], Any]
# Makes the answer of one request from its method, path, headers and body.
Respond = Callable[[str, str, dict[str, str], bytes], Reply]


def encoded(answer: Any) -> bytes:
    return answer if isinstance(answer, bytes) else json.dumps(answer).encode("utf-8")


class StandIn:
    """One stand-in server in a thread, which keeps the path and headers of every request it
    gets."""

    def __init__(self, respond: Respond) -> None:
        self.requests: list[tuple[str, dict[str, str]]] = []
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.reply()

            def do_POST(self) -> None:
                self.reply()

            def reply(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                headers = dict(self.headers.items())
                stand_in.requests.append((self.path, headers))
                status, answer_headers, answer = respond(self.command, self.path, headers, body)
                data = encoded(answer)
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for name, value in answer_headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now: a URL where nothing answers."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
