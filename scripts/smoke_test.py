#!/usr/bin/env python3
"""Smoke test for a running origin service, or for the edge Worker in front of one, with the
origin live or disabled.

Exercises every public route with a fixed set of requests and checks statuses
and the fields clients rely on. It is meant to run right after a deploy, so it
uses the standard library only and needs nothing but a URL (and its sibling
modules: smoke_cases.py, the cases, with what they send and expect back in
smoke_fixtures.py; smoke_common.py, the HTTP client and checks; smoke_modes.py,
the degraded mode). This file reads the settings and runs the cases.

    API_URL=http://127.0.0.1:8080/compress python3 scripts/smoke_test.py
    SMOKE_MODE=degraded API_URL=http://127.0.0.1:8787/compress python3 scripts/smoke_test.py

API_URL is the full URL of the /compress route; the other routes are derived
from its base. SMOKE_TIMEOUT_SECONDS (default 30, at most 3600) bounds each
request.

SMOKE_MODE says what is behind API_URL (empty is unset, normal):

- normal (the default): the origin itself (the direct-origin fallback), or the
  edge in front of a live origin. Every case must get its normal answer.
- degraded: the edge with its origin disabled: out of reach, or refusing the
  edge. Each case must get the answer its row of CASES (smoke_cases.py) names
  (smoke_modes.Degraded): the cases the edge answers itself their normal
  answer, with /health reporting the origin not ok (and in X-Origin-Status
  the status the origin gave the edge's probe, if it answered); the
  cases that need the origin 503 origin_unavailable, unless the edge's headers
  show that it answered them without the origin (a skip, a transform, a cache
  hit), and then their normal answer. Each line says which way the case went.
  An answer from the origin fails: the origin is not disabled.

Exit status: 0 when every case passes, 1 when any fails (a deployment that
cannot be reached fails every case), 2 when API_URL is missing or malformed, or
SMOKE_TIMEOUT_SECONDS or SMOKE_MODE is not valid.
"""

from __future__ import annotations

import os
import sys
import urllib.parse

from smoke_cases import CASES, Case
from smoke_common import CheckFailed, Client
from smoke_modes import DegradedJudge, OriginUnavailable

# --- Settings ---------------------------------------------------------------

COMPRESS_SUFFIX = "/compress"
DEFAULT_TIMEOUT_SECONDS = 30.0
# An hour is far past any answer the service gives; a longer bound is a typo (and inf, or
# 1e400, overflows the socket's deadline).
MAX_TIMEOUT_SECONDS = 3600.0

MODES = ("normal", "degraded")


def base_url_from_env() -> str | None:
    """The service root derived from API_URL, or None if API_URL is unusable."""
    api_url = os.environ.get("API_URL", "").strip().rstrip("/")
    try:
        parts = urllib.parse.urlsplit(api_url)
        # The port is parsed on first use; a bad one must stop the run here, not fail each case.
        parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    try:
        parts.hostname.encode("idna")
    except UnicodeError:
        return None
    if parts.query or parts.fragment or not parts.path.endswith(COMPRESS_SUFFIX):
        return None
    return api_url[: -len(COMPRESS_SUFFIX)]


def timeout_from_env() -> float | None:
    """SMOKE_TIMEOUT_SECONDS, or the default when it is unset or empty; None when it is not a
    number of seconds above 0 and at most MAX_TIMEOUT_SECONDS (inf and nan are not)."""
    raw = os.environ.get("SMOKE_TIMEOUT_SECONDS", "").strip()
    if not raw:
        return DEFAULT_TIMEOUT_SECONDS
    try:
        timeout = float(raw)
    except ValueError:
        return None
    return timeout if 0 < timeout <= MAX_TIMEOUT_SECONDS else None


def mode_from_env() -> str | None:
    """SMOKE_MODE, normal when it is unset or empty; None when it names no mode."""
    mode = os.environ.get("SMOKE_MODE", "").strip() or "normal"
    return mode if mode in MODES else None


# --- Runner -----------------------------------------------------------------


def run_case(client: Client, name: str, case: Case, judge: DegradedJudge | None) -> bool:
    """Runs one case and prints its line, with the judge's notes in degraded mode."""
    note = None
    try:
        note = case(client)
    except OriginUnavailable:
        pass
    except CheckFailed as e:
        print(f"FAIL {name}: {e}{joined(judge.notes if judge else [], ' (', ')')}", flush=True)
        return False
    except Exception as e:  # one broken case must not hide the results of the others
        print(f"FAIL {name}: unexpected {type(e).__name__}: {e}", flush=True)
        return False
    notes = judge.notes if judge else [note] if note else []
    print(f"PASS {name}{joined(notes, ': ', '')}", flush=True)
    return True


def joined(notes: list[str], before: str, after: str) -> str:
    return before + "; ".join(notes) + after if notes else ""


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
        given = os.environ.get("SMOKE_TIMEOUT_SECONDS", "").strip()
        print(
            f"SMOKE_TIMEOUT_SECONDS must be a number of seconds above 0 and at most "
            f"{MAX_TIMEOUT_SECONDS:g}, not {given!r}",
            file=sys.stderr,
        )
        return 2
    mode = mode_from_env()
    if mode is None:
        given = os.environ.get("SMOKE_MODE", "")
        print(f"SMOKE_MODE must be one of {', '.join(MODES)}, not {given!r}", file=sys.stderr)
        return 2

    passed = failed = unavailable = 0
    for name, case, degraded in CASES:
        judge = DegradedJudge(degraded) if mode == "degraded" else None
        if run_case(Client(base_url, timeout, judge), name, case, judge):
            passed += 1
            unavailable += judge is not None and judge.unavailable
        else:
            failed += 1
    if mode == "degraded":
        answered = passed - unavailable
        print(f"degraded: {unavailable} origin_unavailable, {answered} answered by the edge")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
