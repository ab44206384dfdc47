"""How the smoke test judges answers in edge-degraded mode: the edge Worker with its origin
disabled, where each case is either one the edge answers itself or one that needs the origin.

The contract is the edge's: with the origin out of reach or refusing the edge, `GET /health`
still answers (and says the origin is not ok, with the status of its probe of the origin when
the origin answered it), and so does every refusal the edge decides itself (route, method, media
type, size, JSON syntax); a request that needs the origin is `503 origin_unavailable` with the
error envelope, unless the edge answered it honestly without the origin, which its headers say
(`X-Edge-Decision` `skip-unchanged` or `transform`, or `X-Edge-Cache: hit`). Imported by
smoke_test.py and smoke_cases.py.
"""

from __future__ import annotations

from enum import Enum

from smoke_common import (
    ERROR_FIELDS,
    CheckFailed,
    Response,
    expect,
    expect_equal,
    require_fields,
    snippet,
)

# The edge's message for a request it cannot serve without the origin (edge/src/origin.ts).
UNAVAILABLE_MESSAGE = "Model-backed compression is temporarily unavailable."

# Decisions under which the edge answered from the request alone.
OWN_DECISIONS = ("skip-unchanged", "transform")

# What X-Edge-Decision says of a 503 origin_unavailable.
UNAVAILABLE_DECISIONS = {
    "origin": "the origin call failed",
    "reject": "breaker open, the origin not called",
}


class Degraded(Enum):
    """What a case must get from the edge in degraded mode."""

    # Answered by the edge itself with the case's normal result, whatever the origin's state.
    EDGE = "edge"
    # 503 origin_unavailable, unless the edge's headers show it answered without the origin, in
    # which case the answer must pass the case's normal checks.
    ORIGIN = "origin"


class OriginUnavailable(Exception):
    """Ends a case that needs the origin, passed: the edge answered the contract's 503, as the
    judge's last note describes."""


def answered_by(response: Response) -> str:
    """Who answered, from the edge's headers; an answer without them came from the origin."""
    decision = response.header("X-Edge-Decision")
    if decision is None:
        return "answered by the origin"
    if decision != "origin":
        return f"answered by the edge (X-Edge-Decision: {decision})"
    # The edge names the origin's status whenever the origin answered.
    if response.header("X-Origin-Status") is None:
        return "answered by the edge, its origin call failed"
    return "answered by the origin through the edge"


class DegradedJudge:
    """Watches each answer of one case (a smoke_common Observer) and holds it to the case's
    Degraded outcome, before the case's own checks see it; `notes` says which way each went."""

    def __init__(self, expected: Degraded) -> None:
        self.expected = expected
        self.notes: list[str] = []
        self.unavailable = False

    def __call__(self, path: str, response: Response) -> None:
        decision = response.header("X-Edge-Decision")
        expect(
            decision is not None,
            f"no X-Edge-Decision (status {response.status}): API_URL does not reach the edge",
        )
        if self.expected is Degraded.EDGE:
            self.edge_answer(path, response)
        else:
            self.origin_answer(response, decision)

    def edge_answer(self, path: str, response: Response) -> None:
        if path != "/health" or response.status != 200:
            require_no_origin_status(response)
            self.notes.append(answered_by(response))
            return

        # Health is the edge's own answer either way; what it reports of the origin must be the
        # truth: not ok. Its X-Origin-Status is its probe's: an origin that refuses the edge (a
        # wrong shared secret, a missing invoker role) answers the probe 401 or 403, and is as
        # disabled as one out of reach.
        body = response.json()
        expect_equal(body.get("service"), "edge", "health service")
        origin = body.get("origin")
        require_fields(origin, {"status": "str"}, where="health origin")
        expect(origin["status"] != "ok", "health reports the origin ok: it is not disabled")
        probe = response.header("X-Origin-Status")
        shown_probe = f" (X-Origin-Status: {probe})" if probe is not None else ""
        self.notes.append(f"answered by the edge, origin {origin['status']}{shown_probe}")

    def origin_answer(self, response: Response, decision: str | None) -> None:
        if decision in OWN_DECISIONS or response.header("X-Edge-Cache") == "hit":
            require_no_origin_status(response)
            self.notes.append(answered_by(response))
            return
        if response.status == 503 and error_code(response) == "origin_unavailable":
            self.notes.append(unavailable_note(response, decision))
            self.unavailable = True
            raise OriginUnavailable(self.notes[-1])

        origin_status = response.header("X-Origin-Status")
        if origin_status is not None and response.status < 500:
            raise CheckFailed(
                f"the origin answered {origin_status} (X-Edge-Decision: {decision}): "
                "it is not disabled"
            )
        if origin_status is not None:
            raise CheckFailed(
                f"the edge passed on its origin's {origin_status} (X-Edge-Decision: {decision}); "
                "with the origin out of reach it must answer 503 origin_unavailable itself"
            )
        raise CheckFailed(
            f"status {response.status} (X-Edge-Decision: {decision}), expected 503 "
            f"origin_unavailable or an answer the edge gave itself: {snippet(response.body)}"
        )


def unavailable_note(response: Response, decision: str | None) -> str:
    """Checks the envelope and headers of a 503 origin_unavailable and describes them."""
    body = response.json()
    require_fields(body, ERROR_FIELDS)
    expect_equal(body["message"], UNAVAILABLE_MESSAGE, "message")
    expect_equal(body["request_id"], response.header("X-Request-ID"), "request_id, X-Request-ID")
    require_no_origin_status(response)
    expect(decision in UNAVAILABLE_DECISIONS, f"X-Edge-Decision {decision!r} on a 503")
    cache = response.header("X-Edge-Cache")
    return (
        f"503 origin_unavailable, request_id {body['request_id']}, X-Edge-Decision: "
        f"{decision} ({UNAVAILABLE_DECISIONS[decision]}), X-Edge-Cache: {cache}"
    )


def require_no_origin_status(response: Response) -> None:
    status = response.header("X-Origin-Status")
    expect(status is None, f"X-Origin-Status {status}: the origin answered, it is not disabled")


def error_code(response: Response) -> object:
    try:
        body = response.json()
    except CheckFailed:
        return None
    return body.get("error") if isinstance(body, dict) else None
