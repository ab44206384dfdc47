"""The smoke test's cases, and CASES, the table that names each with what it must get in
degraded mode. A case makes its requests through the Client it is given and raises CheckFailed
at the first answer it did not expect. Imported by smoke_test.py, which runs them."""

from __future__ import annotations

import json
from typing import Any, Callable

from smoke_common import (
    ERROR_FIELDS,
    Client,
    Response,
    expect,
    expect_equal,
    expect_header,
    expect_status,
    json_ok,
    require_fields,
)
from smoke_fixtures import (
    CODE_FENCE,
    COMPRESS_FIELDS,
    EDGE_SKIP_WARNING,
    ESTIMATE_FIELDS,
    HEALTH_FIELDS,
    IMAGE_BLOCK,
    LEGACY_FIELDS,
    LONG_PROSE,
    MESSAGES_FIELDS,
    ORIGIN_SKIP_WARNING,
    SECOND_PROSE,
    SECTION_FIELDS,
    SHORT_CHAT,
    SHORT_TEXT,
    SKIP_COMPRESSOR,
    SYSTEM_PROMPT,
    oversized_json,
)
from smoke_modes import Degraded, answered_by

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


# --- Cases: the edge's skip -------------------------------------------------
#
# What the edge answers without the origin when its skip is on. Through a live origin they pass
# either way, since the origin answers them alike; each says who answered.


def skipped(response: Response, body: dict[str, Any]) -> bool:
    """Whether the answer is a low-savings skip, the edge's or the origin's; if so, checks that
    it says so and reports nothing saved."""
    warnings = body.get("warnings", [])
    if response.header("X-Edge-Decision") == "skip-unchanged":
        expect(EDGE_SKIP_WARNING in warnings, f"an edge skip without its warning: {warnings}")
    elif ORIGIN_SKIP_WARNING not in warnings:
        return False
    expect_equal(body["compressed_tokens"], body["original_tokens"], "compressed_tokens of a skip")
    expect_equal(body["compressor"], SKIP_COMPRESSOR, "compressor of a skip")
    return True


def who_answered(response: Response, was_skipped: bool) -> str:
    """The case's note: who answered, and whether the origin skipped (an edge skip says so in
    its decision)."""
    note = answered_by(response)
    if was_skipped and response.header("X-Edge-Decision") != "skip-unchanged":
        note += f", {ORIGIN_SKIP_WARNING}"
    return note


def compress_short_text(client: Client) -> str:
    response = client.post_json("/compress", {"text": SHORT_TEXT, "aggressiveness": 0.5})
    body = json_ok(response)
    require_fields(body, COMPRESS_FIELDS)
    original, compressed = body["original_tokens"], body["compressed_tokens"]
    expect_equal(body["tokens_saved"], original - compressed, "tokens_saved")
    was_skipped = skipped(response, body)
    if was_skipped:
        expect(body["compressed_text"] == SHORT_TEXT, "a skip changed the text")
    return who_answered(response, was_skipped)


def messages_short_chat(client: Client) -> str:
    response = client.post_json("/v1/messages/compress", {"messages": SHORT_CHAT})
    body = json_ok(response)
    require_fields(body, {"messages": "list", **MESSAGES_FIELDS})
    returned = body["messages"]
    expect_equal(len(returned), len(SHORT_CHAT), "messages length")
    for i, (got, sent) in enumerate(zip(returned, SHORT_CHAT)):
        if sent["role"] != "user":
            expect(got == sent, f"messages[{i}] ({sent['role']}) differs from the one sent")
    was_skipped = skipped(response, body)
    if was_skipped:
        expect(returned == SHORT_CHAT, "a skip changed a user message")
    return who_answered(response, was_skipped)


def messages_zero_aggressiveness(client: Client) -> str:
    sent = [
        {"role": "user", "content": LONG_PROSE},
        {"role": "assistant", "content": "Noted; I will prepare the summary."},
    ]
    payload = {"system": SYSTEM_PROMPT, "messages": sent, "aggressiveness": 0}
    response = client.post_json("/v1/messages/compress", payload)
    body = json_ok(response)
    require_fields(body, {"messages": "list", **MESSAGES_FIELDS})
    expect(body.get("system") == SYSTEM_PROMPT, "system differs from the one sent")
    expect(body["messages"] == sent, "messages differ from the ones sent")
    expect_equal(body["compressed_tokens"], body["original_tokens"], "compressed_tokens")
    return who_answered(response, skipped(response, body))


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


def wrong_charset(client: Client) -> None:
    body = json.dumps({"text": LONG_PROSE}).encode("utf-8")
    response = client.post_raw("/compress", body, content_type="application/json; charset=latin-1")
    check_error(response, 415, "unsupported_media_type")


def not_utf8(client: Client) -> None:
    check_error(client.post_raw("/compress", b'{"text": "caf\xe9"}'), 400, "invalid_json")


def too_deep(client: Client) -> None:
    # One level past the 64 that both sides accept.
    body = b'{"text": "a", "nested": ' + b"[" * 64 + b"]" * 64 + b"}"
    check_error(client.post_raw("/compress", body), 400, "invalid_json")


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


# --- Table ------------------------------------------------------------------

# A case makes its requests and checks the answers; it may return a note for its line.
Case = Callable[[Client], "str | None"]

EDGE, ORIGIN = Degraded.EDGE, Degraded.ORIGIN

# Each case with what it must get in degraded mode (smoke_modes.Degraded): EDGE for what the edge
# answers itself (health; request ids; every refusal it decides before calling the origin:
# route, method, media type and charset, size, JSON syntax, UTF-8 and nesting), ORIGIN for what
# needs the origin: compression, token estimates, and the field checks (422), which only the
# origin makes. Of the ORIGIN cases the edge answers, when its skip is on, the short text, the
# short chat and both aggressiveness 0 cases, without the origin; with transforms on, once it
# has seen the origin, the /compress one at aggressiveness 0 too.
CASES: list[tuple[str, Case, Degraded]] = [
    ("health", health, EDGE),
    ("request id echo", request_id_echo, EDGE),
    ("compress", compress, ORIGIN),
    ("compress aggressiveness 0 is identity", compress_zero_aggressiveness, ORIGIN),
    ("compress include_sections", compress_sections, ORIGIN),
    ("compress keeps code verbatim", compress_keeps_code, ORIGIN),
    ("compress tenant header", compress_tenant_header, ORIGIN),
    ("compress tenant mismatch", tenant_mismatch, ORIGIN),
    ("v1 compress", legacy_compress, ORIGIN),
    ("v1 compress context list", legacy_compress_list, ORIGIN),
    ("messages openai style", messages_openai, ORIGIN),
    ("messages anthropic style", messages_anthropic, ORIGIN),
    ("tokens estimate text", estimate_text, ORIGIN),
    ("tokens estimate messages", estimate_messages, ORIGIN),
    ("compress short text", compress_short_text, ORIGIN),
    ("messages short chat keeps non-user messages", messages_short_chat, ORIGIN),
    ("messages aggressiveness 0 keeps every message", messages_zero_aggressiveness, ORIGIN),
    ("error malformed json", malformed_json, EDGE),
    ("error duplicate keys", duplicate_keys, EDGE),
    ("error text/plain", wrong_content_type, EDGE),
    ("error charset latin-1", wrong_charset, EDGE),
    ("error body not UTF-8", not_utf8, EDGE),
    ("error nesting over 64", too_deep, EDGE),
    ("error missing text", missing_text, ORIGIN),
    ("error aggressiveness 2", aggressiveness_out_of_range, ORIGIN),
    ("error body over 1 MiB", oversized_body, EDGE),
    ("error unknown route", unknown_route, EDGE),
    ("error wrong method", wrong_method, EDGE),
]
