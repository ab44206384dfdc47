"""What the smoke test's cases and its modes share: the HTTP client, its answers, and the checks
that turn an unexpected answer into a reason. Imported by smoke_test.py, smoke_cases.py and
smoke_modes.py, which run from this folder."""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from typing import Any, Callable


class CheckFailed(Exception):
    """A case did not get what it expected; the message is the reason shown."""


# --- HTTP -------------------------------------------------------------------


@dataclass(frozen=True)
class Response:
    status: int
    headers: Message
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name)

    def json(self) -> Any:
        try:
            return json.loads(self.body)
        except ValueError as e:
            raise CheckFailed(f"response body is not JSON ({e}): {snippet(self.body)}") from None


def snippet(body: bytes, limit: int = 160) -> str:
    """The start of a body on one line, so that each case stays one line of output."""
    return " ".join(body[:limit].decode("utf-8", "replace").split())


# Sees each answer, with its request's path, before the case does; it may raise to end the case.
Observer = Callable[[str, Response], None]


class Client:
    def __init__(self, base_url: str, timeout: float, observe: Observer | None = None) -> None:
        self.base_url = base_url
        self.timeout = timeout
        self.observe = observe

    def get(self, path: str, headers: dict[str, str] | None = None) -> Response:
        return self.send("GET", path, None, headers)

    def post_json(
        self, path: str, payload: Any, headers: dict[str, str] | None = None
    ) -> Response:
        return self.post_raw(path, json.dumps(payload).encode("utf-8"), headers=headers)

    def post_raw(
        self,
        path: str,
        body: bytes,
        content_type: str = "application/json",
        headers: dict[str, str] | None = None,
    ) -> Response:
        return self.send("POST", path, body, {"Content-Type": content_type, **(headers or {})})

    def send(
        self, method: str, path: str, body: bytes | None, headers: dict[str, str] | None
    ) -> Response:
        response = self.exchange(method, path, body, headers)
        if self.observe is not None:
            self.observe(path, response)
        return response

    def exchange(
        self, method: str, path: str, body: bytes | None, headers: dict[str, str] | None
    ) -> Response:
        request = urllib.request.Request(
            self.base_url + path, data=body, method=method, headers=headers or {}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as r:
                return Response(r.status, r.headers, r.read())
        except urllib.error.HTTPError as e:
            # 4xx and 5xx arrive as exceptions, but they are the responses
            # the error cases are looking for.
            return Response(e.code, e.headers, read_error_body(e))
        except (urllib.error.URLError, http.client.HTTPException, OSError) as e:
            reason = getattr(e, "reason", e)
            raise CheckFailed(f"{method} {path}: connection error: {reason}") from None


def read_error_body(error: urllib.error.HTTPError) -> bytes:
    try:
        return error.read()
    except (http.client.HTTPException, OSError):
        return b""
    finally:
        error.close()


# --- Checks -----------------------------------------------------------------

KINDS: dict[str, Callable[[Any], bool]] = {
    "str": lambda v: isinstance(v, str),
    # bool is a subclass of int in Python, but true is not a token count.
    "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "bool": lambda v: isinstance(v, bool),
    "list": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "str|null": lambda v: v is None or isinstance(v, str),
}

ERROR_FIELDS = {"error": "str", "message": "str", "request_id": "str"}


def expect(condition: bool, reason: str) -> None:
    if not condition:
        raise CheckFailed(reason)


def expect_equal(actual: Any, expected: Any, what: str) -> None:
    expect(actual == expected, f"{what}: expected {expected!r}, got {actual!r}")


def expect_status(response: Response, status: int) -> None:
    if response.status != status:
        raise CheckFailed(f"status {response.status}, expected {status}: {snippet(response.body)}")


def expect_header(response: Response, name: str, value: str) -> None:
    expect_equal(response.header(name), value, f"header {name}")


def require_fields(obj: Any, spec: dict[str, str], where: str = "body") -> None:
    """Checks that obj is an object holding each field of spec with the given kind."""
    expect(isinstance(obj, dict), f"{where} is not a JSON object")
    for name, kind in spec.items():
        expect(name in obj, f"{where} has no field {name!r}")
        expect(KINDS[kind](obj[name]), f"{where}.{name} is not {kind}: {obj[name]!r}")


def json_ok(response: Response) -> Any:
    expect_status(response, 200)
    return response.json()
