#!/usr/bin/env python3
"""Parity test: the edge Worker must answer every contract case as the origin does.

    python3 scripts/parity_test.py http://127.0.0.1:ORIGIN_PORT http://127.0.0.1:EDGE_PORT

Sends each case of contracts/cases/public-api.json, each request of
contracts/golden/preprocess/*.json and a few transport cases (oversized, chunked, no media
type, bad request ids) to the origin directly and through the edge, with the same X-Request-ID,
and requires the same status, the same body byte for byte (decoded) and the same contract
headers (Content-Type, X-Tenant-ID, Allow, X-Request-ID), and no Content-Encoding the client did
not accept. Through the edge every answer must also carry
X-Edge-Decision and X-Edge-Cache, and X-Origin-Status when the origin answered. GET /health is
the exception: the edge answers it itself, so only its shape and its report of the origin are
compared; and the origin's private routes must be 404 at the edge.

Exit status: 0 when every case agrees, 1 otherwise, 2 on bad arguments.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field

from parity_common import ROOT, Answer, exchange, listed_cases

COMPARED_HEADERS = ("Content-Type", "X-Tenant-ID", "Allow", "X-Request-ID")


@dataclass
class Case:
    name: str
    method: str
    path: str
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    chunked: bool = False
    # Generated request ids differ between the two; such bodies are compared without them.
    ignore_request_id: bool = False
    # A route the origin serves to operators and the edge deliberately does not expose.
    private: bool = False
    # Send no Accept-Encoding at all (http.client sends "identity" unless told not to).
    no_accept_encoding: bool = False


def send(base: str, case: Case) -> Answer:
    return exchange(base, case.method, case.path, case.body, case.headers, chunked=case.chunked,
                    no_accept_encoding=case.no_accept_encoding)


def contract_cases() -> list[Case]:
    return [Case("case: " + case.name, case.method, case.path, case.body, case.headers)
            for case in listed_cases("public-api")]


def golden_cases() -> list[Case]:
    cases = []
    for path in sorted((ROOT / "contracts" / "golden" / "preprocess").glob("*.json")):
        spec = json.loads(path.read_text("utf-8"))
        body = json.dumps(spec["request"], ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json"}
        cases.append(Case("golden: " + path.stem, "POST", spec["route"], body, headers))
    return cases


def transport_cases() -> list[Case]:
    json_type = {"Content-Type": "application/json"}
    big = b'{"text": "' + b"a" * 1_100_000 + b'"}'
    return [
        Case("oversized body", "POST", "/compress", big, dict(json_type)),
        Case("oversized chunked body", "POST", "/compress", big, dict(json_type), chunked=True),
        Case("chunked body", "POST", "/tokens/estimate", b'{"text": "chunked"}', dict(json_type),
             chunked=True),
        Case("no media type", "POST", "/compress", b'{"text": "a"}'),
        Case("charset latin1", "POST", "/compress", b'{"text": "a"}',
             {"Content-Type": "application/json; charset=latin1"}),
        Case("empty body", "POST", "/compress", b"", dict(json_type)),
        Case("lone surrogate", "POST", "/compress", b'{"text": "\\ud800"}', dict(json_type)),
        Case("nesting 65", "POST", "/compress", b"[" * 65 + b"]" * 65, dict(json_type)),
        Case("byte order mark", "POST", "/tokens/estimate", b'\xef\xbb\xbf{"text": "a"}',
             dict(json_type)),
        Case("big integer kept", "POST", "/tokens/estimate",
             b'{"text": "a", "n": 123456789012345678901234567890}', dict(json_type)),
        Case("trailing slash", "POST", "/compress/", b"{}", dict(json_type)),
        Case("percent-encoded path", "GET", "/%68ealth"),
        Case("private route", "GET", "/openapi.json", private=True),
        Case("private route metrics", "GET", "/metrics", private=True),
        Case("options", "OPTIONS", "/compress"),
        Case("gzip answer", "POST", "/compress",
             json.dumps({"text": "Please keep the summary short. " * 400}).encode("utf-8"),
             {**json_type, "Accept-Encoding": "gzip"}),
        Case("no Accept-Encoding", "POST", "/compress",
             json.dumps({"text": "Please keep the summary short. " * 400}).encode("utf-8"),
             dict(json_type), no_accept_encoding=True),
        Case("tenant header and body", "POST", "/tokens/estimate",
             b'{"text": "a", "tenant_id": "acme"}', {**json_type, "X-Tenant-ID": "acme"}),
        Case("request id too long", "POST", "/tokens/estimate", b'{"text": "a"}',
             {**json_type, "X-Request-ID": "x" * 129}, ignore_request_id=True),
        Case("no request id", "POST", "/compress", b"{oops", dict(json_type),
             ignore_request_id=True),
        Case("health after forwarded calls", "GET", "/health"),
    ]


def comparable(answer: Answer, ignore_request_id: bool) -> bytes:
    """The body as compared: as sent, unless it holds a field that differs from call to call."""
    try:
        body = json.loads(answer.body)
    except ValueError:
        return answer.body
    debug = body.get("debug") if isinstance(body, dict) else None
    volatile = isinstance(debug, dict) and "elapsed_ms" in debug
    if not ignore_request_id and not volatile:
        return answer.body
    if ignore_request_id:
        body.pop("request_id", None)
    if volatile:
        # debug.elapsed_ms is the origin's own timing, different on every call.
        debug.pop("elapsed_ms")
    return json.dumps(body, sort_keys=True).encode("utf-8")


def compare(origin: Answer, edge: Answer, case: Case) -> list[str]:
    faults = []
    if origin.status != edge.status:
        faults.append(f"status: origin {origin.status}, edge {edge.status}")
    if comparable(origin, case.ignore_request_id) != comparable(edge, case.ignore_request_id):
        faults.append(
            f"body differs:\n    origin {origin.body[:300]!r}\n    edge   {edge.body[:300]!r}")
    for name in COMPARED_HEADERS:
        if case.ignore_request_id and name == "X-Request-ID":
            continue
        if origin.headers.get(name) != edge.headers.get(name):
            faults.append(
                f"{name}: origin {origin.headers.get(name)!r}, edge {edge.headers.get(name)!r}")
    accepted = case.headers.get("Accept-Encoding", "identity")
    encoding = edge.headers.get("Content-Encoding")
    if encoding is not None and encoding not in accepted:
        faults.append(f"the edge sent Content-Encoding {encoding!r} to a client accepting "
                      f"{'nothing' if case.no_accept_encoding else repr(accepted)}")
    faults.extend(edge_header_faults(edge))
    return faults


def edge_header_faults(edge: Answer) -> list[str]:
    faults = []
    decision = edge.headers.get("X-Edge-Decision")
    if decision not in ("origin", "reject"):
        faults.append(f"X-Edge-Decision is {decision!r}")
    if edge.headers.get("X-Edge-Cache") != "bypass":
        faults.append(f"X-Edge-Cache is {edge.headers.get('X-Edge-Cache')!r}")
    origin_status = edge.headers.get("X-Origin-Status")
    if decision == "origin" and origin_status != str(edge.status):
        faults.append(f"X-Origin-Status is {origin_status!r} for status {edge.status}")
    return faults


def compare_health(origin: Answer, edge: Answer) -> list[str]:
    faults = []
    origin_body, edge_body = json.loads(origin.body), json.loads(edge.body)
    if edge.status != 200 or edge_body.get("service") != "edge":
        faults.append(f"edge health: {edge.status} {edge.body[:200]!r}")
    reported = dict(edge_body.get("origin") or {})
    # The edge adds what it saw of its own last forwarded call; the rest is the origin's answer.
    reported.pop("last_forwarded", None)
    if reported != origin_body:
        faults.append(
            f"edge reports the origin as {edge_body.get('origin')!r}, not {origin_body!r}")
    if edge_body.get("compressor") != origin_body.get("compressor"):
        faults.append(f"compressor: {edge_body.get('compressor')!r}")
    return faults + edge_header_faults(edge)


def compare_private(edge: Answer, case: Case) -> list[str]:
    expected = {"error": "not_found", "message": f"No route {case.method} {case.path}.",
                "request_id": case.headers["X-Request-ID"]}
    if edge.status != 404 or json.loads(edge.body) != expected:
        return [f"edge exposes {case.path}: {edge.status} {edge.body[:200]!r}"]
    return edge_header_faults(edge)


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    origin_base, edge_base = sys.argv[1].rstrip("/"), sys.argv[2].rstrip("/")
    cases = contract_cases() + golden_cases() + transport_cases()
    failed = 0
    for number, case in enumerate(cases, 1):
        if not case.ignore_request_id:
            case.headers.setdefault("X-Request-ID", f"parity-{number}")
        origin, edge = send(origin_base, case), send(edge_base, case)
        if case.path == "/health" and case.method == "GET":
            faults = compare_health(origin, edge)
        elif case.private:
            faults = compare_private(edge, case)
        else:
            faults = compare(origin, edge, case)
        if faults:
            failed += 1
            print(f"FAIL {case.name}")
            for fault in faults:
                print("  " + fault)
    print(f"parity: {len(cases) - failed} of {len(cases)} cases agree")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
