"""What the parity scripts share: the cases of contracts/cases/, one HTTP exchange, its answer,
and the answer's body with the origin's own timing taken out. Imported by parity_test.py,
guardrail_parity_test.py, transform_parity_test.py and release_check.py, which run from this
folder."""

from __future__ import annotations

import gzip
import http.client
import json
import pathlib
import urllib.parse
import zlib
from dataclasses import dataclass, field

ROOT = pathlib.Path(__file__).resolve().parent.parent
CASES = ROOT / "contracts" / "cases"
CORPUS = ROOT.parent / "shared" / "corpus"
TIMEOUT_SECONDS = 60


@dataclass
class Case:
    name: str
    path: str
    body: bytes | None
    headers: dict[str, str] = field(default_factory=dict)
    # What the case says the edge must do ("skip", "transform" or "origin"); None when unsaid.
    expect: str | None = None
    method: str = "POST"


def listed_cases(file: str, directory: pathlib.Path = CASES) -> list[Case]:
    """The cases of `directory`/`file`.json: each request with its body as JSON (`body`) or as
    text (`raw_body`), sent as `content_type`, application/json unless the case names another.
    The file's own checks (`expect`, `edge`) are for the script that runs it; `edge` is kept."""
    document = json.loads((directory / f"{file}.json").read_text("utf-8"))
    specs = document.get("cases") if isinstance(document, dict) else None
    if not isinstance(specs, list) or not specs:
        raise ValueError(f"{file}.json: expected an object whose \"cases\" is a non-empty list")
    cases = []
    for number, spec in enumerate(specs, 1):
        if not (isinstance(spec, dict) and isinstance(spec.get("name"), str)
                and isinstance(spec.get("path"), str) and spec["path"].startswith("/")):
            raise ValueError(f"{file}.json: case {number} needs a \"name\" and a \"path\" "
                             f"starting with /")
        headers = dict(spec.get("headers", {}))
        body = None
        if "raw_body" in spec:
            body = spec["raw_body"].encode("utf-8")
        elif "body" in spec:
            body = json.dumps(spec["body"], ensure_ascii=False).encode("utf-8")
        if body is not None:
            headers.setdefault("Content-Type", spec.get("content_type", "application/json"))
        cases.append(Case(spec["name"], spec["path"], body, headers, spec.get("edge"),
                          spec.get("method", "POST")))
    return cases


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    # Decoded: the edge may re-encode what it forwards, and gzip bytes are not a contract.
    body: bytes

    @property
    def decision(self) -> str | None:
        return self.headers.get("X-Edge-Decision")


def exchange(base: str, method: str, path: str, body: bytes | None, headers: dict[str, str],
             chunked: bool = False, no_accept_encoding: bool = False) -> Answer:
    """One request to `base` (http or https); without `no_accept_encoding`, http.client sends
    "identity"."""
    url = urllib.parse.urlsplit(base)
    opener = http.client.HTTPSConnection if url.scheme == "https" else http.client.HTTPConnection
    connection = opener(url.hostname, url.port, timeout=TIMEOUT_SECONDS)
    try:
        if no_accept_encoding:
            connection.putrequest(method, path, skip_accept_encoding=True)
            for name, value in headers.items():
                connection.putheader(name, value)
            connection.putheader("Content-Length", str(len(body or b"")))
            connection.endheaders(body)
        else:
            connection.request(method, path, body=iter([body]) if chunked else body,
                               headers=headers, encode_chunked=chunked)
        response = connection.getresponse()
        data = response.read()
        if response.headers.get("Content-Encoding") == "gzip":
            try:
                data = gzip.decompress(data)
            except (OSError, EOFError, zlib.error) as error:
                raise http.client.HTTPException(
                    f"a gzip body that does not decode ({error.__class__.__name__})") from None
        return Answer(response.status, response.headers, data)
    finally:
        connection.close()


def without_timing(body: bytes) -> bytes:
    """The body without debug.elapsed_ms, the origin's own timing, different on every call."""
    try:
        parsed = json.loads(body)
    except ValueError:
        return body
    debug = parsed.get("debug") if isinstance(parsed, dict) else None
    if not isinstance(debug, dict) or "elapsed_ms" not in debug:
        return body
    debug.pop("elapsed_ms")
    return json.dumps(parsed, ensure_ascii=False).encode("utf-8")


def corpus_present() -> bool:
    """Whether ../shared/corpus is beside the checkout; says so when its cases are skipped."""
    if CORPUS.is_dir():
        return True
    print(f"corpus cases skipped: {CORPUS} is absent")
    return False
