#!/usr/bin/env python3
"""Smoke test for a running origin service, or for the edge Worker in front of one.

Exercises every public route with a fixed set of requests and checks statuses
and the fields clients rely on. It is meant to run right after a deploy, so it
uses the standard library only and needs nothing but a URL (and its sibling
module smoke_common.py).

    API_URL=http://127.0.0.1:8080/compress python3 scripts/smoke_test.py

API_URL is the full URL of the /compress route; the other routes are derived
from its base. SMOKE_TIMEOUT_SECONDS (default 30) bounds each request.

Exit status: 0 when every case passes, 1 when any fails, 2 when API_URL is
missing or malformed.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.parse
from typing import Any, Callable

from smoke_common import (
    ERROR_FIELDS,
    CheckFailed,
    Client,
    Response,
    expect,
    expect_equal,
    expect_header,
    expect_status,
    json_ok,
    require_fields,
)

COMPRESS_SUFFIX = "/compress"
DEFAULT_TIMEOUT_SECONDS = 30.0
# Just over the service's 1 MiB request limit.
OVERSIZED_BODY_BYTES = 1_100_000

# Long enough that a 0.5 aggressiveness has something to remove; a short
# sentence could legitimately come back unchanged.
LONG_PROSE = (
    "The quarterly planning meeting will take place on Thursday morning in the "
    "large conference room on the third floor, and every team lead is expected "
    "to bring a short written summary of the work that was finished during the "
    "last three months. We would also like each team to describe the main risks "
    "they see for the coming quarter, together with any help they might need "
    "from other departments. Please keep the summaries brief and focused, "
    "because the agenda is already very full and we want to leave enough time "
    "at the end for open questions and discussion."
)

SECOND_PROSE = (
    "The library in the old town has recently extended its opening hours on "
    "weekdays, so that students and working people can visit in the evening "
    "after their classes or jobs have finished. In addition to the usual "
    "collection of books and magazines, it now offers a quiet reading room, a "
    "small coffee corner near the entrance, and free access to a number of computers "
    "that can be reserved in advance at the front desk."
)

SYSTEM_PROMPT = "You are a helpful assistant. Answer briefly and politely."

IMAGE_BLOCK = {
    "type": "image",
    "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="},
}


HEALTH_FIELDS = {"status": "str", "service": "str", "version": "str", "compressor": "str"}

COMPRESS_FIELDS = {
    "compressed_text": "str",
    "original_tokens": "int",
    "compressed_tokens": "int",
    "tokens_saved": "int",
    "compression_ratio": "number",
    "model": "str",
    "tokenizer": "str",
    "compressor": "str",
    "tenant_id": "str|null",
}

SECTION_FIELDS = {
    "kind": "str",
    "action": "str",
    "original_tokens": "int",
    "compressed_tokens": "int",
    "start": "int",
    "end": "int",
}

CODE_FENCE = "```python\nfor   item in items:   \n    print(item)\n```"

LEGACY_FIELDS = {
    "compressed_prompt": "str",
    "compressed_prompt_list": "list",
    "origin_tokens": "int",
    "compressed_tokens": "int",
    "ratio": "str",
    "rate": "str",
    "saving": "str",
}

MESSAGES_FIELDS = {
    "original_tokens": "int",
    "compressed_tokens": "int",
    "model": "str",
    "tokenizer": "str",
    "compressor": "str",
}

ESTIMATE_FIELDS = {
    "tokens": "int",
    "model": "str",
    "tokenizer": "str",
    "exact": "bool",
    "characters": "int",
}

# --- Cases: success ---------------------------------------------------------


def health(client: Client) -> None:
    response = client.get("/health")
    body = json_ok(response)
    require_fields(body, HEALTH_FIELDS)
    expect_equal(body["status"], "ok", "status")
    # The origin answers for itself; the edge answers with its own health and the origin's.
    expect(body["service"] in ("origin", "edge"), f"service is {body['service']!r}")
    expect(bool(response.header("X-Request-ID")), "no X-Request-ID response header")


def request_id_echo(client: Client) -> None:
    response = client.get("/health", headers={"X-Request-ID": "smoke-123"})
    expect_status(response, 200)
    expect_header(response, "X-Request-ID", "smoke-123")


def compress(client: Client) -> None:
    body = json_ok(client.post_json("/compress", {"text": LONG_PROSE, "aggressiveness": 0.5}))
    require_fields(body, COMPRESS_FIELDS)
    original, compressed = body["original_tokens"], body["compressed_tokens"]
    expect(compressed < original, f"compressed_tokens {compressed} not below {original}")
    expect_equal(body["tokens_saved"], original - compressed, "tokens_saved")


def compress_zero_aggressiveness(client: Client) -> None:
    body = json_ok(client.post_json("/compress", {"text": LONG_PROSE, "aggressiveness": 0}))
    require_fields(body, COMPRESS_FIELDS)
    expect(body["compressed_text"] == LONG_PROSE, "compressed_text differs from the input")


def compress_sections(client: Client) -> None:
    payload = {"text": LONG_PROSE, "aggressiveness": 0.5, "include_sections": True}
    body = json_ok(client.post_json("/compress", payload))
    require_fields(body, {"sections": "list"})
    expect(len(body["sections"]) > 0, "sections is empty")
    for i, section in enumerate(body["sections"]):
        require_fields(section, SECTION_FIELDS, where=f"sections[{i}]")


def compress_keeps_code(client: Client) -> None:
    payload = {"text": LONG_PROSE + "\n" + CODE_FENCE + "\n" + LONG_PROSE, "aggressiveness": 0.7,
               "include_sections": True}
    body = json_ok(client.post_json("/compress", payload))
    expect(CODE_FENCE in body["compressed_text"], "the code fence did not come back verbatim")
    kinds = [section["kind"] for section in body["sections"]]
    expect(kinds == ["prose", "code", "prose"], f"sections are {kinds}")
    expect(body["sections"][-1]["end"] == len(payload["text"]), "sections do not reach the end")


def compress_tenant_header(client: Client) -> None:
    response = client.post_json(
        "/compress", {"text": LONG_PROSE}, headers={"X-Tenant-ID": "smoke-tenant"}
    )
    body = json_ok(response)
    expect_equal(body.get("tenant_id"), "smoke-tenant", "tenant_id")
    expect_header(response, "X-Tenant-ID", "smoke-tenant")


def legacy_compress(client: Client) -> None:
    body = json_ok(client.post_json("/v1/compress", {"context": LONG_PROSE, "rate": 0.5}))
    require_fields(body, LEGACY_FIELDS)
    expect(body["ratio"].endswith("x"), f"ratio does not end with 'x': {body['ratio']!r}")
    expect(body["rate"].endswith("%"), f"rate does not end with '%': {body['rate']!r}")
    expect(
        body["saving"].startswith(", Saving $"),
        f"saving does not start with ', Saving $': {body['saving']!r}",
    )


def legacy_compress_list(client: Client) -> None:
    # The library's context-level filter may drop a whole context; off, every context stays.
    payload = {
        "context": [LONG_PROSE, SECOND_PROSE],
        "rate": 0.5,
        "use_context_level_filter": False,
    }
    body = json_ok(client.post_json("/v1/compress", payload))
    require_fields(body, LEGACY_FIELDS)
    expect_equal(len(body["compressed_prompt_list"]), 2, "compressed_prompt_list length")


def messages_openai(client: Client) -> None:
    sent = [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": LONG_PROSE},
    ]
    body = json_ok(client.post_json("/v1/messages/compress", {"messages": sent}))
    require_fields(body, {"messages": "list", **MESSAGES_FIELDS})
    expect_equal(len(body["messages"]), len(sent), "messages length")
    expect_equal(body["messages"][0], sent[0], "system message")


def messages_anthropic(client: Client) -> None:
    content = [{"type": "text", "text": LONG_PROSE}, IMAGE_BLOCK]
    payload = {"system": SYSTEM_PROMPT, "messages": [{"role": "user", "content": content}]}
    body = json_ok(client.post_json("/v1/messages/compress", payload))
    require_fields(body, {"messages": "list"})
    expect_equal(body.get("system"), SYSTEM_PROMPT, "system")
    expect_equal(len(body["messages"]), 1, "messages length")
    returned = body["messages"][0]
    require_fields(returned, {"content": "list"}, where="messages[0]")
    images = [
        block
        for block in returned["content"]
        if isinstance(block, dict) and block.get("type") == "image"
    ]
    expect_equal(images, [IMAGE_BLOCK], "image blocks")


def estimate_text(client: Client) -> None:
    body = json_ok(client.post_json("/tokens/estimate", {"text": "Hello world"}))
    require_fields(body, ESTIMATE_FIELDS)
    expect(body["tokens"] > 0, f"tokens is not positive: {body['tokens']}")
    expect_equal(body["characters"], 11, "characters")


def estimate_messages(client: Client) -> None:
    messages = [
        {"role": "system", "content": SYSTEM_PROMPT},
        {"role": "user", "content": SECOND_PROSE},
    ]
    body = json_ok(client.post_json("/tokens/estimate", {"messages": messages}))
    require_fields(body, {"tokens": "int"})
    expect(body["tokens"] > 0, f"tokens is not positive: {body['tokens']}")


# --- Cases: errors ----------------------------------------------------------


def check_error(response: Response, status: int, code: str) -> dict[str, Any]:
    expect_status(response, status)
    body = response.json()
    require_fields(body, ERROR_FIELDS)
    expect_equal(body["error"], code, "error")
    return body


def check_field_error(body: dict[str, Any], field: str) -> None:
    require_fields(body, {"details": "list"})
    for i, detail in enumerate(body["details"]):
        require_fields(detail, {"field": "str", "message": "str"}, where=f"details[{i}]")
    fields = [detail["field"] for detail in body["details"]]
    expect(field in fields, f"details do not name {field!r}: {fields}")


def tenant_mismatch(client: Client) -> None:
    response = client.post_json(
        "/compress", {"text": LONG_PROSE, "tenant_id": "a"}, headers={"X-Tenant-ID": "b"}
    )
    check_error(response, 422, "tenant_mismatch")


def malformed_json(client: Client) -> None:
    check_error(client.post_raw("/compress", b'{"text": '), 400, "invalid_json")


def duplicate_keys(client: Client) -> None:
    check_error(client.post_raw("/compress", b'{"text":"a","text":"b"}'), 400, "invalid_json")


def wrong_content_type(client: Client) -> None:
    body = json.dumps({"text": LONG_PROSE}).encode("utf-8")
    response = client.post_raw("/compress", body, content_type="text/plain")
    check_error(response, 415, "unsupported_media_type")


def missing_text(client: Client) -> None:
    response = client.post_json("/compress", {"aggressiveness": 0.5})
    check_field_error(check_error(response, 422, "invalid_request"), "text")


def aggressiveness_out_of_range(client: Client) -> None:
    response = client.post_json("/compress", {"text": LONG_PROSE, "aggressiveness": 2})
    check_field_error(check_error(response, 422, "invalid_request"), "aggressiveness")


def oversized_body(client: Client) -> None:
    check_error(client.post_raw("/compress", oversized_json()), 413, "payload_too_large")


def unknown_route(client: Client) -> None:
    check_error(client.get("/nope"), 404, "not_found")


def wrong_method(client: Client) -> None:
    response = client.get("/compress")
    check_error(response, 405, "method_not_allowed")
    allow = response.header("Allow") or ""
    expect("POST" in allow.upper(), f"Allow header does not list POST: {allow!r}")


def oversized_json() -> bytes:
    """Valid JSON of exactly OVERSIZED_BODY_BYTES, so only its size is wrong."""
    prefix, suffix = b'{"text": "', b'"}'
    filler = b"a" * (OVERSIZED_BODY_BYTES - len(prefix) - len(suffix))
    return prefix + filler + suffix


# --- Runner -----------------------------------------------------------------

CASES: list[tuple[str, Callable[[Client], None]]] = [
    ("health", health),
    ("request id echo", request_id_echo),
    ("compress", compress),
    ("compress aggressiveness 0 is identity", compress_zero_aggressiveness),
    ("compress include_sections", compress_sections),
    ("compress keeps code verbatim", compress_keeps_code),
    ("compress tenant header", compress_tenant_header),
    ("compress tenant mismatch", tenant_mismatch),
    ("v1 compress", legacy_compress),
    ("v1 compress context list", legacy_compress_list),
    ("messages openai style", messages_openai),
    ("messages anthropic style", messages_anthropic),
    ("tokens estimate text", estimate_text),
    ("tokens estimate messages", estimate_messages),
    ("error malformed json", malformed_json),
    ("error duplicate keys", duplicate_keys),
    ("error text/plain", wrong_content_type),
    ("error missing text", missing_text),
    ("error aggressiveness 2", aggressiveness_out_of_range),
    ("error body over 1 MiB", oversized_body),
    ("error unknown route", unknown_route),
    ("error wrong method", wrong_method),
]


def base_url_from_env() -> str | None:
    """The service root derived from API_URL, or None if API_URL is unusable."""
    api_url = os.environ.get("API_URL", "").strip().rstrip("/")
    parts = urllib.parse.urlsplit(api_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    if parts.query or parts.fragment or not parts.path.endswith(COMPRESS_SUFFIX):
        return None
    return api_url[: -len(COMPRESS_SUFFIX)]


def timeout_from_env() -> float | None:
    raw = os.environ.get("SMOKE_TIMEOUT_SECONDS", "").strip()
    if not raw:
        return DEFAULT_TIMEOUT_SECONDS
    try:
        timeout = float(raw)
    except ValueError:
        return None
    return timeout if timeout > 0 else None


def run_case(client: Client, name: str, case: Callable[[Client], None]) -> bool:
    try:
        case(client)
    except CheckFailed as e:
        print(f"FAIL {name}: {e}", flush=True)
        return False
    except Exception as e:  # one broken case must not hide the results of the others
        print(f"FAIL {name}: unexpected {type(e).__name__}: {e}", flush=True)
        return False
    print(f"PASS {name}", flush=True)
    return True


def main() -> int:
    base_url = base_url_from_env()
    if base_url is None:
        print(
            "API_URL must be the http(s) URL of the /compress route, "
            "e.g. http://127.0.0.1:8080/compress",
            file=sys.stderr,
        )
        return 2
    timeout = timeout_from_env()
    if timeout is None:
        print("SMOKE_TIMEOUT_SECONDS must be a positive number", file=sys.stderr)
        return 2

    client = Client(base_url, timeout)
    results = [run_case(client, name, case) for name, case in CASES]
    passed = sum(results)
    failed = len(results) - passed
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
