#!/usr/bin/env python3
"""Guardrail parity: what the edge answers without the origin must be the origin's own answer.

    python3 scripts/guardrail_parity_test.py http://127.0.0.1:ORIGIN_PORT http://127.0.0.1:EDGE_PORT

Both must run with SKIP_ENABLED=true, the same skip thresholds and the tenant profiles of
contracts/cases/skip-tenant-profiles.json; the edge also with CACHE_ENABLED=true and
RATE_LIMIT_ENABLED=true. Every request is sent to the origin directly and twice through the
edge, each time under an API key of its own so that no rate limit is reached.

- Skips: where the edge answered itself (X-Edge-Decision: skip-unchanged) its body must be the
  origin's byte for byte once the origin's warning skipped_low_expected_savings is read as the
  edge's edge_skipped_origin_low_expected_savings, so the origin must have skipped too; where it
  forwarded, the bodies must be identical; either way Content-Type, X-Tenant-ID, X-Request-ID
  and Cache-Control must be the origin's. The cases of contracts/cases/skip.json also say which
  of the two the edge must do. Prompts and chat requests of ../shared/corpus, whole and cut
  around the thresholds, are added when the corpus is there (and skipped, saying so, when not),
  so real text checks the token counts and the decision at their boundaries.
- Cache: a forwarded answer the edge stored must come back on the repeat as a cache hit with
  the origin's body and headers and the repeat's own request id; a skip is a skip again; a
  tenant whose profile has cache_enabled false is never stored (X-Edge-Cache: disabled).
- Rate limit: last, one key sends /compress until the RATE_LIMIT_COMPRESS binding's limit of
  the local configuration is spent; the next request must be the 429 envelope with Retry-After
  and X-Edge-Decision: reject.

Exit status: 0 when every check holds, 1 otherwise, 2 on bad arguments.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import replace

from parity_common import CORPUS, Answer, Case, corpus_present, exchange, without_timing
from parity_common import listed_cases as case_file

ORIGIN_WARNING = b'"skipped_low_expected_savings"'
EDGE_WARNING = b'"edge_skipped_origin_low_expected_savings"'
REPEAT_ID = "guardrail-parity-repeat"
# RATE_LIMIT_COMPRESS in the top level of edge/wrangler.jsonc: 60 requests per 60 seconds.
LOCAL_COMPRESS_LIMIT = 60
RATE_LIMIT_PROBES = 200
COMPARED_HEADERS = ("Content-Type", "X-Tenant-ID", "X-Request-ID", "Cache-Control")

# Cuts of each corpus prompt, in code points, around MIN_COMPRESS_TEXT_CHARS (240) and far
# enough beyond it that MIN_COMPRESS_ESTIMATED_TOKENS (80) and the savings threshold decide.
CUTS = (120, 239, 240, 241, 320, 400, 520, 800)
AGGRESSIVENESS = (0.1, 0.5)


def send(base: str, case: Case, extra: dict[str, str] | None = None) -> Answer:
    headers = {"Content-Type": "application/json", **case.headers, **(extra or {})}
    return exchange(base, "POST", case.path, case.body, headers)


def listed_cases() -> list[Case]:
    return [replace(case, name="case: " + case.name) for case in case_file("skip")]


def corpus_cases() -> list[Case]:
    if not corpus_present():
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


def compare_repeat(origin: Answer, first: Answer, repeat: Answer, case: Case,
                   edge_base: str, key: str) -> list[str]:
    """The repeat of a request through the edge, after its first answer there."""
    cache = first.headers.get("X-Edge-Cache")
    if first.decision == "skip-unchanged":
        if repeat.decision != "skip-unchanged" or repeat.body != first.body:
            return [f"the repeat of a skip was {repeat.decision!r}"]
        return []
    if cache == "disabled":
        if repeat.headers.get("X-Edge-Cache") != "disabled" or repeat.decision != "origin":
            return [f"a tenant without caching got X-Edge-Cache "
                    f"{repeat.headers.get('X-Edge-Cache')!r} on the repeat"]
        return []
    if cache == "hit":
        # An earlier request had the same body; its entry answers both.
        if repeat.decision != "cache-hit":
            return [f"the repeat of a hit was {repeat.decision!r}"]
        return []
    if cache != "store":
        if repeat.decision == "cache-hit":
            return [f"an answer the edge did not store (X-Edge-Cache {cache!r}) was a hit"]
        return []
    # The entry is written after the first response has gone, so it may take a moment.
    for _ in range(20):
        if repeat.decision == "cache-hit":
            break
        time.sleep(0.05)
        repeat = send(edge_base, case, {"X-API-Key": key, "X-Request-ID": REPEAT_ID})
    faults = []
    if repeat.decision != "cache-hit" or repeat.headers.get("X-Edge-Cache") != "hit":
        faults.append(f"a stored answer was not a hit on the repeat ({repeat.decision!r})")
    if repeat.status != origin.status or without_timing(repeat.body) != without_timing(
            origin.body):
        faults.append(f"cache hit body differs:\n    origin {origin.body[:300]!r}\n"
                      f"    hit    {repeat.body[:300]!r}")
    if repeat.headers.get("X-Request-ID") != REPEAT_ID:
        faults.append(f"cache hit X-Request-ID {repeat.headers.get('X-Request-ID')!r}")
    for name in ("Content-Type", "X-Tenant-ID"):
        if origin.headers.get(name) != repeat.headers.get(name):
            faults.append(f"cache hit {name}: origin {origin.headers.get(name)!r}, "
                          f"hit {repeat.headers.get(name)!r}")
    if repeat.headers.get("X-Origin-Status") is not None:
        faults.append("a cache hit carries X-Origin-Status")
    return faults


def rate_limit_faults(edge_base: str) -> list[str]:
    """One key past the local RATE_LIMIT_COMPRESS limit must be refused as the contract says."""
    case = Case("rate limit", "/compress", b'{"text": "Rate limit probe."}')
    for attempt in range(1, RATE_LIMIT_PROBES + 1):
        answer = send(edge_base, case, {"X-API-Key": "guardrail-rate-limit"})
        if answer.status == 429:
            break
    else:
        return [f"no 429 after {RATE_LIMIT_PROBES} requests under one key"]
    print(f"rate limit: the first 429 under one key came at request {attempt}")
    faults = []
    # A counting period may end during the probes and start the count again, so the refusal
    # can come later than limit + 1, never sooner.
    if attempt <= LOCAL_COMPRESS_LIMIT:
        faults.append(f"the first 429 came at request {attempt}, within the limit")
    body = json.loads(answer.body)
    if (body.get("error"), body.get("message")) != (
            "rate_limited", "Too many compression requests. Retry later."):
        faults.append(f"429 body {answer.body!r}")
    if not isinstance(body.get("request_id"), str):
        faults.append("429 without request_id")
    if answer.headers.get("Retry-After") != "60" or answer.decision != "reject":
        faults.append(f"429 headers: Retry-After {answer.headers.get('Retry-After')!r}, "
                      f"X-Edge-Decision {answer.decision!r}")
    return faults


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    origin_base, edge_base = sys.argv[1].rstrip("/"), sys.argv[2].rstrip("/")
    cases = listed_cases() + corpus_cases()
    failed = skipped_by_edge = skipped_by_origin = 0
    hits = 0
    for number, case in enumerate(cases, 1):
        case.headers.setdefault("X-Request-ID", f"guardrail-parity-{number}")
        key = f"guardrail-{number}"
        origin = send(origin_base, case)
        edge = send(edge_base, case, {"X-API-Key": key})
        skipped_by_edge += edge.decision == "skip-unchanged"
        skipped_by_origin += ORIGIN_WARNING in origin.body
        faults = compare(origin, edge, case)
        repeat = send(edge_base, case, {"X-API-Key": key, "X-Request-ID": REPEAT_ID})
        faults += compare_repeat(origin, edge, repeat, case, edge_base, key)
        hits += edge.headers.get("X-Edge-Cache") == "store"
        if faults:
            failed += 1
            print(f"FAIL {case.name}")
            for fault in faults:
                print("  " + fault)
    print(f"guardrail parity: {len(cases) - failed} of {len(cases)} requests agree; "
          f"the origin skipped {skipped_by_origin}, the edge itself {skipped_by_edge}; "
          f"{hits} answers stored and replayed")
    limited = rate_limit_faults(edge_base)
    for fault in limited:
        print("FAIL rate limit: " + fault)
    # A run in which the edge never skipped or hit would prove nothing about those answers.
    if skipped_by_edge == 0 or hits == 0:
        print("FAIL the edge skipped no request or stored no answer")
        return 1
    return 1 if failed or limited else 0


if __name__ == "__main__":
    sys.exit(main())
