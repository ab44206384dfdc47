#!/usr/bin/env python3
"""The smoke test's own test: its degraded mode must pass an edge whose origin is out of reach
or refuses it, and fail one whose origin answers; and its settings must be refused with exit 2
when they are unusable.

    python3 scripts/smoke_test_test.py

A stand-in edge serves on 127.0.0.1 (stand_in.py) and answers as the Worker does with its origin
disabled: `GET /health` itself, with what its probe of the origin found; the refusals it decides
itself (route, method, media type, size, UTF-8, JSON syntax and nesting); everything else 503
origin_unavailable. What its probe finds and what its 503s carry are the test's to choose.
scripts/smoke_test.py runs against it as a person would run it, in a process of its own.
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import unittest
from typing import Any

from stand_in import Reply, Respond, StandIn, free_port

SCRIPT = pathlib.Path(__file__).resolve().parent / "smoke_test.py"
ROUTES = {"/health": "GET", "/compress": "POST", "/v1/compress": "POST",
          "/v1/messages/compress": "POST", "/tokens/estimate": "POST"}
JSON_TYPES = ("application/json", "application/json; charset=utf-8")
MAX_BODY_BYTES = 1 << 20
MAX_DEPTH = 64
UNAVAILABLE_MESSAGE = "Model-backed compression is temporarily unavailable."
# What the smoke test's cases divide into, against an edge that answers no compression.
EDGE_CASES, ORIGIN_CASES = 11, 17


def edge_headers(sent: dict[str, str], decision: str, **extra: str) -> dict[str, str]:
    """The Worker's headers on an answer: the request id sent, else one of its own."""
    request_id = sent.get("x-request-id") or "stand-in-request-id"
    return {"X-Request-ID": request_id, "X-Edge-Decision": decision, "X-Edge-Cache": "bypass",
            **extra}


def envelope(status: int, code: str, sent: dict[str, str], decision: str = "reject",
             **extra: str) -> Reply:
    headers = edge_headers(sent, decision, **extra)
    return status, headers, {"error": code, "message": f"{code} from the stand-in",
                             "request_id": headers["X-Request-ID"]}


def depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max(map(depth, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(depth, value), default=0)
    return 0


def refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    if len({name for name, _ in pairs}) != len(pairs):
        raise ValueError("duplicate key")
    return dict(pairs)


def refusal(headers: dict[str, str], body: bytes) -> Reply | None:
    """The edge's own refusal of a POST body, or None when only the origin can judge it."""
    if headers.get("content-type", "").lower() not in JSON_TYPES:
        return envelope(415, "unsupported_media_type", headers)
    if len(body) > MAX_BODY_BYTES:
        return envelope(413, "payload_too_large", headers)
    try:
        parsed = json.loads(body.decode("utf-8"), object_pairs_hook=refuse_duplicates)
    except ValueError:
        return envelope(400, "invalid_json", headers)
    return envelope(400, "invalid_json", headers) if depth(parsed) > MAX_DEPTH else None


def degraded_edge(origin_report: dict[str, Any], probe_status: int | None = None,
                  unavailable_origin_status: int | None = None) -> Respond:
    """The Worker with its origin disabled: health reports `origin_report`, with the probe's
    status in X-Origin-Status when it has one; a 503 carries `unavailable_origin_status` there,
    which the Worker never sends."""

    def respond(method: str, path: str, sent: dict[str, str], body: bytes) -> Reply:
        headers = {name.lower(): value for name, value in sent.items()}
        if path not in ROUTES:
            return envelope(404, "not_found", headers)
        if method != ROUTES[path]:
            return envelope(405, "method_not_allowed", headers, Allow=ROUTES[path])
        if path == "/health":
            probe = {} if probe_status is None else {"X-Origin-Status": str(probe_status)}
            return 200, edge_headers(headers, "origin", **probe), {
                "status": "ok", "service": "edge", "version": "0.1.0",
                "compressor": "unknown@0", "origin": origin_report}
        refused = refusal(headers, body)
        if refused is not None:
            return refused

        status, answer_headers, answer = envelope(503, "origin_unavailable", headers, "origin")
        if unavailable_origin_status is not None:
            answer_headers["X-Origin-Status"] = str(unavailable_origin_status)
        return status, answer_headers, {**answer, "message": UNAVAILABLE_MESSAGE}

    return respond


def smoke(api_url: str, **settings: str) -> subprocess.CompletedProcess:
    environment = {name: value for name, value in os.environ.items()
                   if not name.startswith("SMOKE_")}
    environment.update(API_URL=api_url, SMOKE_TIMEOUT_SECONDS="10")
    environment.update(settings)
    return subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True,
                          env=environment, timeout=120)


def failures(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stdout.splitlines() if line.startswith("FAIL")]


class DegradedModeTest(unittest.TestCase):
    def run_against(self, respond: Respond) -> subprocess.CompletedProcess:
        edge = StandIn(respond)
        self.addCleanup(edge.stop)
        return smoke(f"{edge.url}/compress", SMOKE_MODE="degraded")

    def assert_passes(self, result: subprocess.CompletedProcess) -> list[str]:
        self.assertEqual(failures(result), [])
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        lines = result.stdout.splitlines()
        self.assertEqual(lines[-2], f"degraded: {ORIGIN_CASES} origin_unavailable, "
                                    f"{EDGE_CASES} answered by the edge")
        return lines

    def test_an_unreachable_origin_passes_with_exit_0(self) -> None:
        lines = self.assert_passes(self.run_against(degraded_edge({"status": "unreachable"})))

        self.assertIn("PASS health: answered by the edge, origin unreachable", lines)

    def test_an_origin_that_refuses_the_edge_passes_its_health_probe_status_shown(self) -> None:
        # The runbook's drill: a wrong shared secret (401) or the invoker role removed (403).
        for refused in (401, 403):
            with self.subTest(status=refused):
                report = {"status": "unhealthy", "http_status": refused}
                lines = self.assert_passes(self.run_against(degraded_edge(report, refused)))

                self.assertIn(f"PASS health: answered by the edge, origin unhealthy "
                              f"(X-Origin-Status: {refused})", lines)
                self.assertIn(f"PASS request id echo: answered by the edge, origin unhealthy "
                              f"(X-Origin-Status: {refused})", lines)

    def test_a_health_that_reports_the_origin_ok_fails_with_exit_1(self) -> None:
        report = {"status": "ok", "service": "origin", "compressor": "lexical@1"}

        result = self.run_against(degraded_edge(report, 200))

        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        self.assertEqual(failures(result), [
            "FAIL health: health reports the origin ok: it is not disabled",
            "FAIL request id echo: health reports the origin ok: it is not disabled",
        ])

    def test_a_503_that_carries_an_origin_status_still_fails(self) -> None:
        report = {"status": "unhealthy", "http_status": 401}

        result = self.run_against(degraded_edge(report, 401, unavailable_origin_status=401))

        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        failed = failures(result)
        self.assertEqual(len(failed), ORIGIN_CASES, result.stdout)
        self.assertTrue(failed[0].startswith(
            "FAIL compress: X-Origin-Status 401: the origin answered, it is not disabled"),
            failed[0])


class SettingsTest(unittest.TestCase):
    def test_an_unusable_api_url_is_exit_2_without_a_traceback(self) -> None:
        for api_url in ("", "http://[::1/compress", "ftp://127.0.0.1/compress",
                        "http://127.0.0.1:8080/health", "http://127.0.0.1:port/compress",
                        "http://127.0.0.1:99999/compress", "http://:8080/compress",
                        "http://127.0.0.1:8080/compress?x=1", "http://a..b/compress",
                        f"http://{'a' * 64}.example/compress"):
            with self.subTest(api_url=api_url):
                result = smoke(api_url)

                self.assertEqual(result.returncode, 2, result.stdout + result.stderr)
                self.assertEqual(result.stdout, "")
                self.assertTrue(result.stderr.startswith("API_URL must be the http(s) URL"),
                                result.stderr)

    def test_a_timeout_that_is_not_a_finite_positive_number_up_to_3600_is_exit_2(self) -> None:
        for timeout in ("inf", "1e400", "nan", "-inf", "0", "-1", "3600.5", "thirty"):
            with self.subTest(timeout=timeout):
                result = smoke(f"http://127.0.0.1:{free_port()}/compress",
                               SMOKE_TIMEOUT_SECONDS=timeout)

                self.assertEqual(result.returncode, 2, result.stdout + result.stderr)
                self.assertEqual(result.stdout, "")
                self.assertEqual(result.stderr, "SMOKE_TIMEOUT_SECONDS must be a number of "
                                 f"seconds above 0 and at most 3600, not {timeout!r}\n")

    def test_an_unknown_mode_is_exit_2(self) -> None:
        result = smoke(f"http://127.0.0.1:{free_port()}/compress", SMOKE_MODE="fast")

        self.assertEqual(result.returncode, 2, result.stdout + result.stderr)
        self.assertIn("SMOKE_MODE must be one of normal, degraded, not 'fast'", result.stderr)

    def test_an_unreachable_deployment_is_a_failing_run_exit_1_in_normal_mode(self) -> None:
        # SMOKE_MODE empty is SMOKE_MODE unset: normal, which closes without a degraded count.
        for mode in ({}, {"SMOKE_MODE": ""}, {"SMOKE_MODE": "normal"}):
            with self.subTest(mode=mode):
                result = smoke(f"http://127.0.0.1:{free_port()}/compress",
                               SMOKE_TIMEOUT_SECONDS="3600", **mode)

                self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
                lines = result.stdout.splitlines()
                self.assertEqual(lines[-1], "0 passed, 28 failed")
                self.assertFalse(any(line.startswith("degraded:") for line in lines), lines)
                self.assertIn("GET /health: connection error", lines[0])


if __name__ == "__main__":
    unittest.main()
