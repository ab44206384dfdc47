#!/usr/bin/env python3
"""Skip parity: an answer the edge gives without the origin must be the origin's own answer.

    python3 scripts/skip_parity_test.py http://127.0.0.1:ORIGIN_PORT http://127.0.0.1:EDGE_PORT

Both must run with SKIP_ENABLED=true, the same skip thresholds and the tenant profiles of
contracts/cases/skip-tenant-profiles.json. Every request is sent to the origin directly and
through the edge. Where the edge answered itself (X-Edge-Decision: skip-unchanged) its body must
be the origin's byte for byte once the origin's warning skipped_low_expected_savings is read as
the edge's edge_skipped_origin_low_expected_savings, so the origin must have skipped too; where
it forwarded, the bodies must be identical; either way Content-Type, X-Tenant-ID, X-Request-ID and
Cache-Control must be the origin's. The cases of contracts/cases/skip.json also say
which of the two the edge must do. Prompts and chat requests of ../shared/corpus, whole and cut
around the thresholds, are added when the corpus is there (and skipped, saying so, when not),
so real text checks the token counts and the decision at their boundaries.

Exit status: 0 when every request agrees, 1 otherwise, 2 on bad arguments.
"""

from __future__ import annotations

import http.client
import json
import pathlib
import sys
import urllib.parse
from dataclasses import dataclass, field

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
ORIGIN_WARNING = b'"skipped_low_expected_savings"'
EDGE_WARNING = b'"edge_skipped_origin_low_expected_savings"'
TIMEOUT_SECONDS = 60
COMPARED_HEADERS = ("Content-Type", "X-Tenant-ID", "X-Request-ID", "Cache-Control")

# Cuts of each corpus prompt, in code points, around MIN_COMPRESS_TEXT_CHARS (240) and far
# enough beyond it that MIN_COMPRESS_ESTIMATED_TOKENS (80) and the savings threshold decide.
CUTS = (120, 239, 240, 241, 320, 400, 520, 800)
AGGRESSIVENESS = (0.1, 0.5)


@dataclass
class Case:
    name: str
    path: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    # "skip" or "origin" when the case says what the edge must do; None when either may be.
    expect: str | None = None


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def decision(self) -> str | None:
        return self.headers.get("X-Edge-Decision")


def send(base: str, case: Case) -> Answer:
    url = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=TIMEOUT_SECONDS)
    try:
        headers = {"Content-Type": "application/json", **case.headers}
        connection.request("POST", case.path, body=case.body, headers=headers)
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read())
    finally:
        connection.close()


def listed_cases() -> list[Case]:
    document = json.loads((ROOT / "contracts" / "cases" / "skip.json").read_text("utf-8"))
    cases = []
    for spec in document["cases"]:
        body = spec["raw_body"] if "raw_body" in spec else json.dumps(spec["body"],
                                                                     ensure_ascii=False)
        cases.append(Case("case: " + spec["name"], spec["path"], body.encode("utf-8"),
                          dict(spec.get("headers", {})), spec["edge"]))
    return cases


def corpus_cases() -> list[Case]:
    if not CORPUS.is_dir():
        print(f"corpus cases skipped: {CORPUS} is absent")
        return []
    cases = []
    for path in sorted((CORPUS / "text").glob("*.txt")):
        text = path.read_text("utf-8")
        for cut in CUTS:
            for aggressiveness in AGGRESSIVENESS:
                body = {"text": text[:cut], "aggressiveness": aggressiveness}
                cases.append(Case(f"corpus: {path.name}[:{cut}] at {aggressiveness}",
                                  "/compress", json.dumps(body, ensure_ascii=False).encode()))
    for path in sorted((CORPUS / "messages").glob("*.json")):
        request = json.loads(path.read_text("utf-8"))
        cases.append(Case(f"corpus: {path.name}", "/v1/messages/compress",
                          path.read_bytes()))
        for cut in CUTS[:3]:
            cases.append(Case(f"corpus: {path.name}, user text cut to {cut}",
                              "/v1/messages/compress",
                              json.dumps(cut_user_text(request, cut),
                                         ensure_ascii=False).encode()))
    return cases


def cut_user_text(request: dict, cut: int) -> dict:
    """The request with every user string and text part cut to `cut` code points."""
    messages = []
    for message in request.get("messages", []):
        message = dict(message)
        content = message.get("content")
        if message.get("role") == "user" and isinstance(content, str):
            message["content"] = content[:cut]
        elif message.get("role") == "user" and isinstance(content, list):
            message["content"] = [
                {**part, "text": part["text"][:cut]}
                if isinstance(part, dict) and part.get("type") == "text"
                and isinstance(part.get("text"), str) else part
                for part in content]
        messages.append(message)
    return {**request, "messages": messages}


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


def compare(origin: Answer, edge: Answer, case: Case) -> list[str]:
    faults = []
    if case.expect == "skip" and edge.decision != "skip-unchanged":
        faults.append(f"the edge did not skip (X-Edge-Decision {edge.decision!r})")
    if case.expect == "origin" and edge.decision != "origin":
        faults.append(f"the edge did not forward (X-Edge-Decision {edge.decision!r})")
    if origin.status != edge.status:
        faults.append(f"status: origin {origin.status}, edge {edge.status}")
    expected, got = without_timing(origin.body), without_timing(edge.body)
    if edge.decision == "skip-unchanged":
        if ORIGIN_WARNING not in origin.body:
            faults.append("the edge skipped a request the origin compressed")
        expected = expected.replace(ORIGIN_WARNING, EDGE_WARNING)
    for name in COMPARED_HEADERS:
        if origin.headers.get(name) != edge.headers.get(name):
            faults.append(
                f"{name}: origin {origin.headers.get(name)!r}, edge {edge.headers.get(name)!r}")
    if expected != got:
        faults.append(f"body differs:\n    origin {origin.body[:400]!r}\n"
                      f"    edge   {edge.body[:400]!r}")
    return faults


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    origin_base, edge_base = sys.argv[1].rstrip("/"), sys.argv[2].rstrip("/")
    cases = listed_cases() + corpus_cases()
    failed = skipped_by_edge = skipped_by_origin = 0
    for number, case in enumerate(cases, 1):
        case.headers.setdefault("X-Request-ID", f"skip-parity-{number}")
        origin, edge = send(origin_base, case), send(edge_base, case)
        skipped_by_edge += edge.decision == "skip-unchanged"
        skipped_by_origin += ORIGIN_WARNING in origin.body
        faults = compare(origin, edge, case)
        if faults:
            failed += 1
            print(f"FAIL {case.name}")
            for fault in faults:
                print("  " + fault)
    print(f"skip parity: {len(cases) - failed} of {len(cases)} requests agree; "
          f"the origin skipped {skipped_by_origin}, the edge itself {skipped_by_edge}")
    # A run in which the edge never skipped would prove nothing about its answers.
    if skipped_by_edge == 0:
        print("FAIL the edge skipped no request")
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
