#!/usr/bin/env python3
"""Transform parity: what the edge answers itself with a rewrite must be the origin's own answer.

    python3 scripts/transform_parity_test.py [--model] [--skip] http://127.0.0.1:ORIGIN_PORT \
        http://127.0.0.1:EDGE_PORT

The edge must run with EDGE_TRANSFORMS=toon and both with the same TOON thresholds, and with
the skip rule off unless --skip is given. With --model the origin runs a model-backed
compressor, so the edge leaves white space around JSON at a non-zero aggressiveness to it; with
--skip both run with SKIP_ENABLED=true, which answers first, and a skip the edge answered
(X-Edge-Decision: skip-unchanged) must be the origin's once its warning
skipped_low_expected_savings is read as the edge's edge_skipped_origin_low_expected_savings.
With either, the listed cases' `edge` is not checked; every answer must still be the origin's.

Every request is sent to the origin directly and through the edge with the same request id; the
status, the body byte for byte (but for the origin's timing in `debug`) and Content-Type,
X-Tenant-ID, X-Request-ID and Cache-Control must be the same. Where the edge answered itself
(X-Edge-Decision: transform) it must say X-Edge-Cache: bypass and carry no X-Origin-Status;
elsewhere X-Edge-Decision must be origin.

The requests: every case of contracts/golden/preprocess/, the cases of
contracts/cases/transforms.json (whose `edge` says which of the two the edge must do), uniform
records of 1 to 16 rows (their minified tokens cross TOON_MIN_JSON_TOKENS and their saving
TOON_MIN_SAVINGS_RATIO), 150 seeded random documents (awkward strings and keys, numbers in every
form, nesting, uniform and mixed arrays) under toon auto and always (half of the latter with
include_sections), 150 seeded texts of words and white space of every kind at aggressiveness 0
(half with include_sections), and, when ../shared/corpus is there (skipped, saying so, when
not), each file of its json/ folder as a /compress text under every toon mode, indented, with
CRLF, minified, with another tokenizer, and its text/ prompts at aggressiveness 0. The test
fails when the edge answered none of them itself, or none with TOON.

Exit status: 0 when every check holds, 1 otherwise, 2 on bad arguments.
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import replace

from parity_common import CORPUS, ROOT, Answer, Case, corpus_present, exchange, without_timing
from parity_common import listed_cases as case_file
COMPARED_HEADERS = ("Content-Type", "X-Tenant-ID", "X-Request-ID", "Cache-Control")
ORIGIN_SKIP_WARNING = b'"skipped_low_expected_savings"'
EDGE_SKIP_WARNING = b'"edge_skipped_origin_low_expected_savings"'
RANDOM_SEED = 20261203
RANDOM_DOCUMENTS = 150
# Strings TOON must quote or escape, and characters the origin writes with escapes.
AWKWARD = ["", " lead", "trail ", "a,b", "a:b", "- x", "true", "null", "42", "1e3", "-7",
           "quote \"q\"", "back\\slash", "tab\tline\nbreak", "\u00e9t\u00e9", "\U0001f600 emoji",
           "[x]", "{y}", "#hash", "a|b", "\u2028sep", "ctrl\u0001", "  ", "it's"]


def send(base: str, case: Case, request_id: str) -> Answer:
    headers = {"Content-Type": "application/json", "X-Request-ID": request_id, **case.headers}
    return exchange(base, "POST", case.path, case.body, headers)


def encoded(body: object) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode("utf-8")


def golden_cases() -> list[Case]:
    cases = []
    for path in sorted((ROOT / "contracts" / "golden" / "preprocess").glob("*.json")):
        case = json.loads(path.read_text("utf-8"))
        cases.append(Case("golden: " + path.name, case["route"], encoded(case["request"])))
    return cases


def listed_cases() -> list[Case]:
    return [replace(case, name="case: " + case.name) for case in case_file("transforms")]


def record_cases() -> list[Case]:
    """Uniform records, few to many: the TOON thresholds are crossed on the way."""
    cases = []
    for rows in range(1, 17):
        records = [{"id": i, "name": f"user{i}", "active": i % 2 == 0} for i in range(rows)]
        for indent in (None, 2):
            text = json.dumps(records, indent=indent)
            cases.append(Case(f"records: {rows} rows, indent {indent}", "/compress",
                              encoded({"text": text})))
    return cases


def random_value(rng: random.Random, depth: int) -> object:
    kind = rng.randrange(9 if depth < 4 else 5)
    if kind == 0:
        return rng.choice(AWKWARD)
    if kind == 1:
        return rng.choice([0, -0.0, 1, -12, 3.5, 0.1, 1e21, 1e-7, 123456789, 2.5e-3, 1e300])
    if kind == 2:
        return rng.choice([True, False, None])
    if kind in (3, 4):
        return "".join(rng.choice("abcxyz _-.") for _ in range(rng.randrange(1, 12)))
    if kind == 5:
        return [random_value(rng, depth + 1) for _ in range(rng.randrange(0, 5))]
    if kind == 6:
        keys = ["id", "name", "v"]
        return [{key: random_value(rng, 4) for key in keys} for _ in range(rng.randrange(1, 6))]
    keys = rng.sample(["a", "b c", "key", "x-y", "_k", "\u00e9", "k:1", "", "Name", "n.m"],
                      rng.randrange(1, 5))
    return {key: random_value(rng, depth + 1) for key in keys}


def random_cases() -> list[Case]:
    """Seeded documents of every shape TOON writes, under auto and always."""
    rng = random.Random(RANDOM_SEED)
    cases = []
    for number in range(RANDOM_DOCUMENTS):
        value = {"data": random_value(rng, 0), "n": number}
        if number % 3 == 0:
            value = list(value.values())
        text = json.dumps(value, ensure_ascii=number % 2 == 0, indent=rng.choice([None, 2, 4]))
        for mode in ("auto", "always"):
            body = {"text": text, "compression_settings": {"toon": mode},
                    "include_sections": mode == "always" and number % 2 == 0}
            cases.append(Case(f"random: document {number}, toon {mode}", "/compress",
                              encoded(body)))
    return cases


SPACING = [" ", "  ", "\t", " \t ", "\n", "\r\n", "\r", "\n\n", "\n\n\n", "\n\n\n\n\n",
           "   \n", "\t\r\n", "\r\n\r\n\r\n\r\n", " \n \n \n \n", "\u00a0", "\u3000", "\u2028",
           "\v", "\f"]
WORDS = ["alpha", "beta", "Gamma", "d\u00e9j\u00e0", "\u4f1a\u8bae", "x", "42", "end.",
         "\U0001f600"]


def whitespace_cases() -> list[Case]:
    """Seeded plain prose with white space of every kind, at aggressiveness 0."""
    rng = random.Random(RANDOM_SEED + 1)
    cases = []
    for number in range(RANDOM_DOCUMENTS):
        parts = []
        for _ in range(rng.randrange(0, 14)):
            parts.append(rng.choice(WORDS) if rng.random() < 0.5 else rng.choice(SPACING))
        text = "".join(parts)
        body = {"text": text, "aggressiveness": 0, "include_sections": number % 2 == 0}
        cases.append(Case(f"random: prose {number} at aggressiveness 0", "/compress",
                          encoded(body)))
    return cases


def corpus_cases() -> list[Case]:
    if not corpus_present():
        return []
    cases = []
    for path in sorted((CORPUS / "json").glob("*.json")):
        text = path.read_text("utf-8")
        minified = json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))
        variants = {
            "as written": {"text": text},
            "toon always": {"text": text, "compression_settings": {"toon": "always"}},
            "toon never": {"text": text, "compression_settings": {"toon": "never"}},
            "with sections": {"text": text, "include_sections": True},
            "gpt-4": {"text": text, "model": "gpt-4"},
            "indented, CRLF": {"text": "\r\n  " + text.replace("\n", "\r\n  ") + "  \r\n"},
            "blank lines around": {"text": "\n\n\n\n  " + text + " \t\n\n\n\n"},
            "minified": {"text": minified},
            "after a word": {"text": "Data: " + minified},
        }
        for variant, body in variants.items():
            cases.append(Case(f"corpus: {path.name}, {variant}", "/compress", encoded(body)))
    for path in sorted((CORPUS / "text").glob("*.txt")):
        text = path.read_text("utf-8")
        cases.append(Case(f"corpus: {path.name} at aggressiveness 0", "/compress",
                          encoded({"text": text, "aggressiveness": 0})))
    return cases


def compare(origin: Answer, edge: Answer, case: Case, expectations_off: bool) -> list[str]:
    faults = []
    if edge.status != origin.status:
        faults.append(f"status {edge.status}, the origin's {origin.status}")
    decision = edge.headers.get("X-Edge-Decision")
    expected = origin.body
    if decision == "skip-unchanged":
        expected = expected.replace(ORIGIN_SKIP_WARNING, EDGE_SKIP_WARNING)
    if without_timing(edge.body) != without_timing(expected):
        faults.append(f"body differs:\n  edge   {edge.body[:300]!r}\n"
                      f"  origin {expected[:300]!r}")
    for name in COMPARED_HEADERS:
        if edge.headers.get(name) != origin.headers.get(name):
            faults.append(f"{name} {edge.headers.get(name)!r}, the origin's "
                          f"{origin.headers.get(name)!r}")
    if decision in ("transform", "skip-unchanged"):
        if edge.headers.get("X-Edge-Cache") != "bypass":
            faults.append(f"{decision} with X-Edge-Cache {edge.headers.get('X-Edge-Cache')!r}")
        if edge.headers.get("X-Origin-Status") is not None:
            faults.append(f"{decision} carries X-Origin-Status")
    elif decision != "origin":
        faults.append(f"X-Edge-Decision {decision!r}")
    if case.expect is not None and not expectations_off and decision != case.expect:
        faults.append(f"the edge's decision is {decision!r}, the case says {case.expect!r}")
    return faults


def is_toon_answer(case: Case, body: bytes) -> bool:
    """Whether an answer holds TOON: the request's text is JSON and the answer's is not."""
    def is_json(text: str) -> bool:
        try:
            json.loads(text)
        except ValueError:
            return False
        return True

    text = json.loads(case.body).get("text", "")
    return is_json(text) and not is_json(json.loads(body)["compressed_text"])


def main() -> int:
    flags = [arg for arg in sys.argv[1:] if arg.startswith("--")]
    arguments = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    if len(arguments) != 2 or not set(flags) <= {"--model", "--skip"}:
        print(__doc__, file=sys.stderr)
        return 2
    origin_base, edge_base = (arg.rstrip("/") for arg in arguments)
    # The edge names the origin's compressor in its answers once its /health has seen it.
    exchange(edge_base, "GET", "/health", None, {})

    cases = golden_cases() + listed_cases() + record_cases()
    cases += random_cases() + whitespace_cases() + corpus_cases()
    failures = 0
    transformed = 0
    converted = 0
    skipped = 0
    for number, case in enumerate(cases):
        # One request id for both, since error envelopes carry it.
        request_id = f"transform-parity-{number}"
        origin = send(origin_base, case, request_id)
        edge = send(edge_base, case, request_id)
        faults = compare(origin, edge, case, bool(flags))
        if edge.headers.get("X-Edge-Decision") == "transform":
            transformed += 1
            converted += is_toon_answer(case, edge.body)
        skipped += edge.headers.get("X-Edge-Decision") == "skip-unchanged"
        for fault in faults:
            print(f"FAIL {case.name}: {fault}")
        failures += bool(faults)
    print(f"{len(cases)} requests, {transformed} answered by the edge's transforms "
          f"({converted} of them with TOON), {skipped} skipped by the edge, {failures} failed")
    if transformed == 0 or converted == 0:
        print("FAIL the edge answered no request itself, or none with TOON")
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
