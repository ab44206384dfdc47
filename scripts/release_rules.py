"""The release rules of scripts/release_check.py, each a check of one case's two answers: the
origin's, asked directly, and the edge's. The rules and the cases they apply to are listed in
release_check.py's opening comment."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Callable

from contract_fields import answer_fields
from parity_common import Answer, Case

COMPRESSION_ROUTES = ("/compress", "/v1/compress", "/v1/messages/compress", "/tokens/estimate")
ORIGIN_SKIP_WARNING = "skipped_low_expected_savings"
EDGE_SKIP_WARNING = "edge_skipped_origin_low_expected_savings"
# The fields of an answer the compression rule leaves to others: the tenant to same-tenant, and
# debug, which describes one run.
NOT_COMPRESSION_FIELDS = frozenset({"tenant_id", "debug"})


@dataclass
class Exchange:
    """One case as sent to both, with the two answers."""

    case: Case
    origin: Answer
    edge: Answer
    request: Any = field(init=False)
    origin_body: Any = field(init=False)
    edge_body: Any = field(init=False)

    def __post_init__(self) -> None:
        self.request = parsed(self.case.body)
        self.origin_body = parsed(self.origin.body)
        self.edge_body = parsed(self.edge.body)


def parsed(body: bytes | None) -> Any:
    try:
        return json.loads(body) if body else None
    except ValueError:
        return None


def is_served(answer: Answer) -> bool:
    return answer.status not in (404, 405)


def is_accepted(answer: Answer) -> bool:
    return 200 <= answer.status < 300


def error_of(body: Any) -> Any:
    return body.get("error") if isinstance(body, dict) else None


def shown(answer: Answer, body: Any) -> str:
    """Status and error code, the parts of an answer that can be printed."""
    error = error_of(body)
    return f"{answer.status} {error}" if isinstance(error, str) else str(answer.status)


def both_shown(x: Exchange) -> str:
    return f"origin {shown(x.origin, x.origin_body)}, edge {shown(x.edge, x.edge_body)}"


def names(fields: Any) -> str:
    return ", ".join(repr(name) for name in sorted(fields))


# Each rule returns None where it does not apply to the case, else the faults it found.


def edge_decision(x: Exchange) -> list[str] | None:
    # The Worker names its decision on every answer, its refusals included: an answer without
    # one is the origin's own, or a proxy's, so the other rules would compare the wrong thing.
    if x.edge.decision is not None:
        return []
    return [f"the edge's {shown(x.edge, x.edge_body)} has no X-Edge-Decision: it is not the "
            f"Worker's answer"]


def same_path(x: Exchange) -> list[str] | None:
    origin_serves, edge_serves = is_served(x.origin), is_served(x.edge)
    if origin_serves and edge_serves:
        return []
    if origin_serves:
        return [f"the origin serves it, the edge answers {shown(x.edge, x.edge_body)}"]
    if edge_serves:
        return [f"the edge serves it, the origin answers {shown(x.origin, x.origin_body)}"]
    faults = []
    if (x.origin.status, error_of(x.origin_body)) != (x.edge.status, error_of(x.edge_body)):
        faults.append(both_shown(x))
    origin_allow, edge_allow = x.origin.headers.get("Allow"), x.edge.headers.get("Allow")
    if origin_allow != edge_allow:
        faults.append(f"Allow: origin {origin_allow!r}, edge {edge_allow!r}")
    return faults


def same_request_body(x: Exchange) -> list[str] | None:
    if x.case.body is None or not (is_served(x.origin) and is_served(x.edge)):
        return None
    if is_accepted(x.origin) == is_accepted(x.edge):
        return []
    if is_accepted(x.origin):
        return [f"the edge refuses a body the origin accepts: edge {shown(x.edge, x.edge_body)}"]
    return [f"the edge accepts a body the origin refuses: origin "
            f"{shown(x.origin, x.origin_body)}"]


def same_status(x: Exchange) -> list[str] | None:
    if not (is_served(x.origin) and is_served(x.edge)):
        return None
    # Whether a body is accepted at all is same-request-body's question.
    if x.case.body is not None and not (is_accepted(x.origin) and is_accepted(x.edge)):
        return None
    if not (is_accepted(x.origin) or is_accepted(x.edge)):
        return None
    return [] if x.origin.status == x.edge.status else [both_shown(x)]


def same_validation(x: Exchange) -> list[str] | None:
    if not (is_served(x.origin) and is_served(x.edge)):
        return None
    if is_accepted(x.origin) or is_accepted(x.edge):
        return None
    faults = []
    if (x.origin.status, error_of(x.origin_body)) != (x.edge.status, error_of(x.edge_body)):
        faults.append(both_shown(x))
    origin_fields, edge_fields = detail_fields(x.origin_body), detail_fields(x.edge_body)
    if origin_fields != edge_fields:
        faults.append(f"details fields: origin {origin_fields}, edge {edge_fields}")
    return faults


def detail_fields(body: Any) -> list[Any]:
    details = body.get("details") if isinstance(body, dict) else None
    if not isinstance(details, list):
        return []
    return sorted(str(detail.get("field")) for detail in details if isinstance(detail, dict))


def same_tenant(x: Exchange) -> list[str] | None:
    named = any(name.lower() == "x-tenant-id" for name in x.case.headers) or (
        isinstance(x.request, dict) and x.request.get("tenant_id") is not None)
    if not named or x.origin.status != x.edge.status:
        return None
    faults = []
    origin_echo = x.origin.headers.get("X-Tenant-ID")
    edge_echo = x.edge.headers.get("X-Tenant-ID")
    if origin_echo != edge_echo:
        faults.append(f"X-Tenant-ID: origin {origin_echo!r}, edge {edge_echo!r}")
    origin_tenant = x.origin_body.get("tenant_id") if isinstance(x.origin_body, dict) else None
    edge_tenant = x.edge_body.get("tenant_id") if isinstance(x.edge_body, dict) else None
    if origin_tenant != edge_tenant:
        faults.append(f"tenant_id: origin {origin_tenant!r}, edge {edge_tenant!r}")
    return faults


def same_required_fields(x: Exchange) -> list[str] | None:
    if x.origin.status != x.edge.status:
        return None
    fields = answer_fields(x.case.method, x.case.path, x.origin.status)
    if fields is None:
        return None
    faults = []
    for side, body in (("origin", x.origin_body), ("edge", x.edge_body)):
        if not isinstance(body, dict):
            faults.append(f"the {side}'s answer is not a JSON object")
        elif missing := fields.required - body.keys():
            faults.append(f"{side} lacks {names(missing)}")
    return faults


def same_compression_fields(x: Exchange) -> list[str] | None:
    if x.case.path not in COMPRESSION_ROUTES or x.edge.decision in ("skip-unchanged", "transform"):
        return None
    if not (is_accepted(x.origin) and x.origin.status == x.edge.status):
        return None
    fields = answer_fields(x.case.method, x.case.path, x.origin.status)
    if fields is None or not (isinstance(x.origin_body, dict) and isinstance(x.edge_body, dict)):
        return None
    differing = []
    for name in sorted(fields.properties - NOT_COMPRESSION_FIELDS):
        held = (name in x.origin_body, name in x.edge_body)
        # A required field one of them lacks is same-required-fields' finding.
        if name in fields.required and held != (True, True):
            continue
        if held != (True, True) and held != (False, False):
            differing.append(name)
        elif held == (True, True) and x.origin_body[name] != x.edge_body[name]:
            differing.append(name)
    return [f"not the origin's: {names(differing)}"] if differing else []


def skip_unchanged(x: Exchange) -> list[str] | None:
    if x.edge.decision != "skip-unchanged":
        return None
    if not is_accepted(x.origin) or not isinstance(x.origin_body, dict):
        return [f"the edge skipped a request the origin answers {shown(x.origin, x.origin_body)}"]
    edge, origin, request = x.edge_body, x.origin_body, x.request
    if not isinstance(edge, dict) or not isinstance(request, dict):
        return ["the edge's answer or the request is not a JSON object"]
    faults = []
    if x.case.path == "/compress":
        if edge.get("compressed_text") != request.get("text"):
            faults.append("the text did not come back as sent")
    elif x.case.path == "/v1/messages/compress":
        if edge.get("messages") != request.get("messages"):
            faults.append("the messages did not come back as sent")
        if "system" in request and edge.get("system") != request["system"]:
            faults.append("the system prompt did not come back as sent")
    else:
        faults.append(f"{x.case.path} is never skipped")
    if edge.get("tokens_saved") != 0:
        faults.append(f"tokens_saved is {edge.get('tokens_saved')!r}, not 0")
    # The skip always writes a warning, where a compressed answer may have none.
    edge_only = edge.keys() - origin.keys() - {"warnings"}
    origin_only = origin.keys() - edge.keys() - {"warnings"}
    if edge_only or origin_only:
        faults.append(f"fields: the edge's alone {names(edge_only) or 'none'}, the origin's "
                      f"alone {names(origin_only) or 'none'}")
    if edge.get("warnings") != [EDGE_SKIP_WARNING]:
        faults.append(f"warnings {edge.get('warnings')!r}, not [{EDGE_SKIP_WARNING!r}]")
    if origin.get("warnings") == [ORIGIN_SKIP_WARNING]:
        expected = x.origin.body.replace(f'"{ORIGIN_SKIP_WARNING}"'.encode(),
                                         f'"{EDGE_SKIP_WARNING}"'.encode())
        if x.edge.body != expected:
            faults.append("the origin skipped too, and the edge's bytes are not the origin's "
                          "with the edge's warning")
    return faults


def transform_byte_equal(x: Exchange) -> list[str] | None:
    if x.edge.decision != "transform":
        return None
    faults = []
    if x.origin.status != x.edge.status:
        faults.append(both_shown(x))
    if x.origin.body != x.edge.body:
        at = next((i for i, (a, b) in enumerate(zip(x.origin.body, x.edge.body)) if a != b),
                  min(len(x.origin.body), len(x.edge.body)))
        faults.append(f"the body differs from the origin's at byte {at} (edge "
                      f"{len(x.edge.body)} bytes, origin {len(x.origin.body)})")
    return faults


RULES: list[tuple[str, Callable[[Exchange], list[str] | None]]] = [
    ("edge-decision", edge_decision),
    ("same-path", same_path),
    ("same-request-body", same_request_body),
    ("same-status", same_status),
    ("same-validation", same_validation),
    ("same-tenant", same_tenant),
    ("same-required-fields", same_required_fields),
    ("same-compression-fields", same_compression_fields),
    ("skip-unchanged", skip_unchanged),
    ("transform-byte-equal", transform_byte_equal),
]
