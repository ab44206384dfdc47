#!/usr/bin/env python3
"""The release check's own test: it must pass a faithful edge and name each divergence of one
that is not, with exit status 0, 1 and 2 as documented.

    python3 scripts/release_check_test.py

Three stand-ins serve on 127.0.0.1 (stand_in.py): an origin that answers a few requests of each
route with the fields contracts/openapi.yaml requires, and asks for a credential as a
locked-down Cloud Run service does; a faithful edge in front of it, which forwards, answers a
short text as a skip and a JSON text as a transform with the origin's bytes, as the Worker does;
and an edge that, on one case per rule, diverges in that rule's way. The case files are written
for the run in the format of contracts/cases/ and name each case's X-Request-ID, by which the
diverging edge knows it. scripts/release_check.py runs against them as a person would run it, in
a process of its own.
"""

from __future__ import annotations

import json
import pathlib
import subprocess
import sys
import tempfile
import unittest
from typing import Any, Callable

from stand_in import Reply, StandIn, encoded, free_port

SCRIPT = pathlib.Path(__file__).resolve().parent / "release_check.py"
CREDENTIAL = "stand-in-credential-7f3a9c"
ORIGIN_SKIP_WARNING = "skipped_low_expected_savings"
EDGE_SKIP_WARNING = "edge_skipped_origin_low_expected_savings"
# The stand-in origin's skip rule: a text shorter than this comes back unchanged.
SKIP_BELOW_CHARS = 40
ROUTES = {"/health": "GET", "/compress": "POST", "/v1/compress": "POST",
          "/v1/messages/compress": "POST", "/tokens/estimate": "POST"}
PROSE = ("The quarterly planning meeting will take place on Thursday morning in the large "
         "conference room, and every team lead is expected to bring a short summary.")

CASE_FILES = {
    "public-api": [
        {"name": "health", "method": "GET", "path": "/health",
         "headers": {"X-Request-ID": "diverge-status"}},
        {"name": "compress prose", "method": "POST", "path": "/compress",
         "headers": {"X-Request-ID": "diverge-required-fields"}, "body": {"text": PROSE}},
        {"name": "compress tenant header", "method": "POST", "path": "/compress",
         "headers": {"X-Request-ID": "diverge-tenant", "X-Tenant-ID": "acme"},
         "body": {"text": PROSE}},
        {"name": "tenant mismatch", "method": "POST", "path": "/compress",
         "headers": {"X-Tenant-ID": "tenant-a"}, "body": {"text": PROSE, "tenant_id": "tenant-b"}},
        {"name": "missing text", "method": "POST", "path": "/compress",
         "headers": {"X-Request-ID": "diverge-error-code"}, "body": {"aggressiveness": 0.5}},
        {"name": "aggressiveness out of range", "method": "POST", "path": "/compress",
         "headers": {"X-Request-ID": "diverge-details"},
         "body": {"text": PROSE, "aggressiveness": 2}},
        {"name": "unknown path", "method": "GET", "path": "/v2/compress"},
        {"name": "wrong method", "method": "GET", "path": "/compress"},
        {"name": "not json", "method": "POST", "path": "/compress", "content_type": "text/plain",
         "raw_body": "hello"},
        {"name": "v1 compress", "method": "POST", "path": "/v1/compress",
         "headers": {"X-Request-ID": "diverge-request-body"}, "body": {"context": PROSE}},
        {"name": "messages", "method": "POST", "path": "/v1/messages/compress",
         "headers": {"X-Request-ID": "diverge-compression-fields"},
         "body": {"messages": [{"role": "system", "content": "Be brief."},
                               {"role": "user", "content": PROSE}]}},
        {"name": "estimate text", "method": "POST", "path": "/tokens/estimate",
         "headers": {"X-Request-ID": "diverge-path"}, "body": {"text": "How many tokens?"}},
    ],
    "skip": [
        {"name": "short text", "path": "/compress", "headers": {"X-Request-ID": "diverge-skip"},
         "body": {"text": "Hi there."}, "edge": "skip"},
        {"name": "prose", "path": "/compress", "headers": {"X-Request-ID": "diverge-decision"},
         "body": {"text": PROSE}, "edge": "origin"},
    ],
    "transforms": [
        {"name": "JSON object", "path": "/compress",
         "headers": {"X-Request-ID": "diverge-transform"},
         "body": {"text": '{\n  "id": 1,\n  "name": "Ada"\n}'}, "edge": "transform"},
        {"name": "JSON records", "path": "/compress",
         "body": {"text": '[{"id": 1}, {"id": 2}]'}, "edge": "transform"},
    ],
}


def error(status: int, code: str, request_id: str, fields: tuple[str, ...] = (),
          headers: dict[str, str] | None = None) -> Reply:
    body: dict[str, Any] = {"error": code, "message": f"{code} from the stand-in",
                            "request_id": request_id}
    if fields:
        body["details"] = [{"field": name, "message": "is wrong"} for name in fields]
    return status, headers or {}, body


def compressed(text: str) -> tuple[str, str, list[str] | None]:
    """The stand-in's compression: JSON minified, short text kept (a skip), else every other
    word; with the compressor and warnings it names."""
    if text.startswith(("{", "[")):
        return json.dumps(json.loads(text), separators=(",", ":")), "lexical@1", None
    if len(text) < SKIP_BELOW_CHARS:
        return text, "none@1", [ORIGIN_SKIP_WARNING]
    return " ".join(text.split()[::2]), "lexical@1", None


def counts(before: str, after: str) -> dict[str, Any]:
    original, kept = len(before.split()), len(after.split())
    return {"original_tokens": original, "compressed_tokens": kept,
            "tokens_saved": original - kept, "compression_ratio": round(original / kept, 4)}


def route_answer(path: str, request: dict) -> dict | tuple[str, ...]:
    """The answer of a route to a well-formed request, or the names of its bad fields."""
    if path == "/compress":
        text, aggressiveness = request.get("text"), request.get("aggressiveness", 0.5)
        bad = tuple(name for name, wrong in (("text", not isinstance(text, str)),
                                             ("aggressiveness", not 0 <= aggressiveness <= 0.9))
                    if wrong)
        if bad:
            return bad
        output, compressor, warnings = compressed(text)
        answer = {"compressed_text": output, **counts(text, output), "model": "gpt-4o",
                  "tokenizer": "o200k_base", "compressor": compressor}
        return {**answer, "warnings": warnings} if warnings else answer
    if path == "/v1/compress":
        context = request["context"]
        output = " ".join(context.split()[::2])
        return {"compressed_prompt": output, "compressed_prompt_list": [output],
                "origin_tokens": len(context.split()), "compressed_tokens": len(output.split()),
                "ratio": "2.0x", "rate": "50.0%", "saving": ", Saving $0.0 in GPT-4.",
                "model": "gpt-4", "tokenizer": "cl100k_base", "compressor": "lexical@1"}
    if path == "/v1/messages/compress":
        user = " ".join(m["content"] for m in request["messages"] if m["role"] == "user")
        return {"messages": request["messages"], **counts(user, " ".join(user.split()[::2])),
                "model": "gpt-4o", "tokenizer": "o200k_base", "compressor": "lexical@1"}
    text = request["text"]
    return {"tokens": len(text.split()), "model": "gpt-4o", "tokenizer": "o200k_base",
            "exact": True, "characters": len(text)}


def origin_answer(method: str, path: str, headers: dict[str, str], body: bytes) -> Reply:
    request_id = headers.get("X-Request-ID", "generated-id")
    if path not in ROUTES:
        return error(404, "not_found", request_id)
    if method != ROUTES[path]:
        return error(405, "method_not_allowed", request_id, headers={"Allow": ROUTES[path]})
    if method == "GET":
        return 200, {}, {"status": "ok", "service": "origin", "version": "0.1.0",
                         "compressor": "lexical@1"}
    if headers.get("Authorization") != f"Bearer {CREDENTIAL}":
        return error(401, "unauthorized", request_id)
    if headers.get("Content-Type") != "application/json":
        return error(415, "unsupported_media_type", request_id)
    try:
        request = json.loads(body)
    except ValueError:
        return error(400, "invalid_json", request_id)
    header_tenant, body_tenant = headers.get("X-Tenant-ID"), request.get("tenant_id")
    if header_tenant and body_tenant and header_tenant != body_tenant:
        return error(422, "tenant_mismatch", request_id)
    answer = route_answer(path, request)
    if isinstance(answer, tuple):
        return error(422, "invalid_request", request_id, answer)
    tenant = header_tenant or body_tenant
    return 200, {"X-Tenant-ID": tenant} if tenant else {}, {**answer, "tenant_id": tenant}


def faithful_edge(method: str, path: str, headers: dict[str, str], body: bytes) -> Reply:
    """The Worker's decisions, with the edge's own credential for the origin."""
    status, answer_headers, answer = origin_answer(
        method, path, {**headers, "Authorization": f"Bearer {CREDENTIAL}"}, body)
    decision = "origin"
    if path == "/health" and status == 200:
        answer = {**answer, "service": "edge", "origin": dict(answer)}
    elif path == "/compress" and status == 200 and answer.get("warnings") == [ORIGIN_SKIP_WARNING]:
        decision, answer = "skip-unchanged", {**answer, "warnings": [EDGE_SKIP_WARNING]}
    elif path == "/compress" and status == 200 and json.loads(body)["text"].startswith(("{", "[")):
        decision = "transform"
    return status, {**answer_headers, "X-Edge-Decision": decision}, answer


def without(answer: dict, name: str) -> dict:
    return {key: value for key, value in answer.items() if key != name}


# One divergence per rule, each on the case whose X-Request-ID names it.
DIVERGENCES: dict[str, Callable[[int, dict[str, str], Any], Reply]] = {
    "diverge-decision": lambda s, h, a: (s, without(h, "X-Edge-Decision"), a),
    "diverge-path": lambda s, h, a: error(404, "not_found", "diverge-path", headers=h),
    "diverge-request-body": lambda s, h, a: error(422, "invalid_request", "diverge-request-body",
                                                  ("context",), h),
    "diverge-status": lambda s, h, a: error(503, "origin_unavailable", "diverge-status",
                                            headers=h),
    "diverge-error-code": lambda s, h, a: (s, h, {**a, "error": "invalid_json"}),
    "diverge-details": lambda s, h, a: (s, h, {**a, "details": [{"field": "aggr",
                                                                  "message": "is wrong"}]}),
    "diverge-tenant": lambda s, h, a: (s, {**h, "X-Tenant-ID": "someone-else"}, a),
    "diverge-required-fields": lambda s, h, a: (s, h, without(a, "tokens_saved")),
    "diverge-compression-fields": lambda s, h, a: (s, h, {**a, "compression_ratio": 9.5}),
    "diverge-skip": lambda s, h, a: (s, h, {**a, "compressed_text": a["compressed_text"] + "!"}),
    "diverge-transform": lambda s, h, a: (s, h, json.dumps(a, indent=1).encode()),
}


def diverging_edge(method: str, path: str, headers: dict[str, str], body: bytes) -> Reply:
    status, answer_headers, answer = faithful_edge(method, path, headers, body)
    diverge = DIVERGENCES.get(headers.get("X-Request-ID", ""))
    return diverge(status, answer_headers, answer) if diverge else (status, answer_headers, answer)


class ReleaseCheckTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls) -> None:
        cls.folder = tempfile.TemporaryDirectory()
        for file, cases in CASE_FILES.items():
            path = pathlib.Path(cls.folder.name) / f"{file}.json"
            path.write_text(json.dumps({"description": "release check test", "cases": cases}))
        cls.origin = StandIn(origin_answer)
        cls.edge = StandIn(faithful_edge)
        cls.diverging = StandIn(diverging_edge)

    @classmethod
    def tearDownClass(cls) -> None:
        for stand_in in (cls.origin, cls.edge, cls.diverging):
            stand_in.stop()
        cls.folder.cleanup()

    def check(self, *arguments: str, edge: str | None = None, origin: str | None = None,
              credential: bool = True) -> subprocess.CompletedProcess:
        command = [sys.executable, str(SCRIPT), "--edge", edge or self.edge.url,
                   "--origin", origin or self.origin.url, "--cases-dir", self.folder.name,
                   *arguments]
        if credential:
            command += ["--origin-header", f"Authorization: Bearer {CREDENTIAL}"]
        return subprocess.run(command, capture_output=True, text=True, timeout=60)

    def test_a_faithful_edge_passes_every_rule_with_exit_0(self) -> None:
        result = self.check()

        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        lines = result.stdout.splitlines()
        self.assertEqual([line for line in lines if line.startswith("FAIL")], [])
        passed = {line.split()[1] for line in lines if line.startswith("PASS")}
        self.assertEqual(passed, {"edge-decision", "same-path", "same-request-body", "same-status",
                                  "same-validation", "same-tenant", "same-required-fields",
                                  "same-compression-fields", "skip-unchanged",
                                  "transform-byte-equal"})
        self.assertIn("PASS skip-unchanged  skip case: short text", lines)
        self.assertIn("PASS transform-byte-equal  transforms case: JSON object", lines)
        self.assertTrue(lines[-1].startswith("release check: 16 cases, "), lines[-1])
        self.assertIn(" 0 failed; X-Edge-Decision: origin 13, skip-unchanged 1, transform 2",
                      lines[-1])

    def test_a_diverging_edge_fails_each_rule_where_it_diverges_with_exit_1(self) -> None:
        result = self.check(edge=self.diverging.url)

        self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
        transform_case = CASE_FILES["transforms"][0]
        origin_bytes = encoded(origin_answer("POST", "/compress", {
            "Content-Type": "application/json", "Authorization": f"Bearer {CREDENTIAL}"},
            json.dumps(transform_case["body"]).encode())[2])
        edge_bytes = json.dumps(json.loads(origin_bytes), indent=1).encode()
        expected = [
            "FAIL same-status  public-api case: health: origin 200, edge 503 origin_unavailable",
            "FAIL same-required-fields  public-api case: compress prose: edge lacks "
            "'tokens_saved'",
            "FAIL same-tenant  public-api case: compress tenant header: X-Tenant-ID: origin "
            "'acme', edge 'someone-else'",
            "FAIL same-validation  public-api case: missing text: origin 422 invalid_request, "
            "edge 422 invalid_json",
            "FAIL same-validation  public-api case: aggressiveness out of range: details "
            "fields: origin ['aggressiveness'], edge ['aggr']",
            "FAIL same-request-body  public-api case: v1 compress: the edge refuses a body the "
            "origin accepts: edge 422 invalid_request",
            "FAIL same-compression-fields  public-api case: messages: not the origin's: "
            "'compression_ratio'",
            "FAIL same-path  public-api case: estimate text: the origin serves it, the edge "
            "answers 404 not_found",
            "FAIL skip-unchanged  skip case: short text: the text did not come back as sent; "
            "the origin skipped too, and the edge's bytes are not the origin's with the edge's "
            "warning",
            "FAIL edge-decision  skip case: prose: the edge's 200 has no X-Edge-Decision: it is "
            "not the Worker's answer",
            f"FAIL transform-byte-equal  transforms case: JSON object: the body differs from "
            f"the origin's at byte 1 (edge {len(edge_bytes)} bytes, origin {len(origin_bytes)})",
        ]
        lines = result.stdout.splitlines()
        self.assertEqual([line for line in lines if line.startswith("FAIL")], expected)
        self.assertIn(f" {len(expected)} failed;", lines[-1])

    def test_the_origin_header_goes_to_the_origin_alone_and_is_never_printed(self) -> None:
        self.origin.requests.clear()
        self.edge.requests.clear()

        result = self.check("--cases", "skip")

        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        self.assertNotIn(CREDENTIAL, result.stdout + result.stderr)
        origin_credentials = {headers.get("Authorization") for _, headers in self.origin.requests}
        self.assertEqual(origin_credentials, {f"Bearer {CREDENTIAL}"})
        self.assertFalse(any("Authorization" in headers for _, headers in self.edge.requests))
        # Each case reaches the edge under an API key of its own, past its rate limits.
        keys = [headers.get("X-API-Key") for path, headers in self.edge.requests
                if path != "/health"]
        self.assertEqual(len(keys), len(CASE_FILES["skip"]))
        self.assertEqual(len(set(keys)), len(keys))

    def test_cases_runs_the_named_files_alone(self) -> None:
        result = self.check("--cases", "transforms")

        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        cases = {line.split("  ", 1)[1] for line in result.stdout.splitlines()[:-1]}
        self.assertEqual(cases, {"transforms case: JSON object", "transforms case: JSON records"})

    def test_an_origin_that_refuses_the_credential_is_exit_2(self) -> None:
        result = self.check(credential=False)

        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stdout, "")
        self.assertIn("refuses the check (401): give its credential with --origin-header",
                      result.stderr)

    def test_an_unreachable_edge_is_exit_2(self) -> None:
        result = self.check(edge=f"http://127.0.0.1:{free_port()}")

        self.assertEqual(result.returncode, 2)
        self.assertIn("cannot reach the edge", result.stderr)

    def test_urls_that_are_not_the_edge_and_the_origin_are_exit_2_naming_the_wrong_one(
            self) -> None:
        origin, edge = self.origin.url, self.edge.url
        for given, wrong in (((origin, origin), f"--edge {origin}"),
                             ((edge, edge), f"--origin {edge}"),
                             ((origin, edge), f"--edge {origin}")):
            with self.subTest(edge=given[0], origin=given[1]):
                result = self.check(edge=given[0], origin=given[1])

                self.assertEqual(result.returncode, 2, result.stdout + result.stderr)
                self.assertEqual(result.stdout, "")
                service = "origin" if wrong.startswith("--edge") else "edge"
                self.assertEqual(result.stderr, f"release check: {wrong} is not the "
                                 f"{'edge' if service == 'origin' else 'origin'}: its /health "
                                 f"says service {service!r}\n")

    def test_bad_arguments_are_exit_2_and_repeat_no_header_value(self) -> None:
        for arguments in (["--cases", "public-api,nope"], ["--cases", ""],
                          ["--cases", "public-api,"], ["--edge", "ftp://edge.invalid"],
                          ["--edge", "https://edge.invalid/compress"],
                          ["--edge", "http://a..b"], ["--edge", f"http://{'a' * 64}.example"],
                          ["--edge", "http://[::1"],
                          ["--edge", f"http://user:{CREDENTIAL}@127.0.0.1:1"],
                          ["--origin-header", f"Content-Length: 3 {CREDENTIAL}"],
                          ["--origin-header", f"x-tenant-id: {CREDENTIAL}"],
                          ["--origin-header", f"X-Origin-Auth: {CREDENTIAL}",
                           "--origin-header", f"x-origin-auth: {CREDENTIAL}"],
                          ["--origin-header", f"no colon {CREDENTIAL}"],
                          ["--origin-header", f"X Origin: {CREDENTIAL}"], ["--unknown"]):
            with self.subTest(arguments=arguments):
                result = self.check(*arguments)

                self.assertEqual(result.returncode, 2, result.stdout)
                self.assertEqual(result.stdout, "")
                self.assertNotIn(CREDENTIAL, result.stderr)
                self.assertNotIn("Traceback", result.stderr)

    def test_a_header_value_that_is_not_visible_ascii_is_exit_2_naming_only_the_header(
            self) -> None:
        # RFC 9110: visible ASCII, with spaces and tabs inside; what http.client cannot encode
        # and what it would send unchecked alike.
        for value in (f"{CREDENTIAL}\u20acvalue", f"{CREDENTIAL}\x01", f"a\x7f{CREDENTIAL}",
                      f"{CREDENTIAL}\nX-Other: 1", ""):
            with self.subTest(value=value.replace(CREDENTIAL, "<credential>")):
                result = self.check("--origin-header", f"X-Origin-Auth: {value}")

                self.assertEqual(result.returncode, 2, result.stdout)
                self.assertEqual(result.stdout, "")
                self.assertEqual(result.stderr, "release check: --origin-header X-Origin-Auth: "
                                 "the value must be visible ASCII, with spaces and tabs only "
                                 "inside it\n")


    def test_a_case_file_that_is_not_a_list_of_cases_is_exit_2(self) -> None:
        for document in ('{"cases": [{"name": "x"}]}', "[]", '{"cases": []}',
                         '{"cases": [{"name": "x", "path": "/compress", "headers": 5}]}',
                         '{"cases": [{"name": "x", "path": "/compress", "raw_body": 5}]}'):
            with self.subTest(document=document):
                folder = tempfile.TemporaryDirectory()
                self.addCleanup(folder.cleanup)
                pathlib.Path(folder.name, "public-api.json").write_text(document, "utf-8")
                result = subprocess.run(
                    [sys.executable, str(SCRIPT), "--edge", self.edge.url, "--origin",
                     self.origin.url, "--cases", "public-api", "--cases-dir", folder.name],
                    capture_output=True, text=True, timeout=60)

                self.assertEqual(result.returncode, 2, result.stdout + result.stderr)
                self.assertEqual(result.stdout, "")
                self.assertIn("public-api.json", result.stderr)
                self.assertNotIn("Traceback", result.stderr)

    def test_an_answer_that_cannot_be_read_is_exit_2(self) -> None:
        def respond(method: str, path: str, headers: dict[str, str], body: bytes) -> Reply:
            if path == "/health":
                return 200, {"X-Edge-Decision": "origin"}, {"status": "ok", "service": "edge"}
            return 200, {"Content-Encoding": "gzip", "X-Edge-Decision": "origin"}, b"\x1f\x8bno"

        broken = StandIn(respond)
        self.addCleanup(broken.stop)

        result = self.check(edge=broken.url)

        self.assertEqual(result.returncode, 2, result.stdout + result.stderr)
        self.assertIn("a gzip body that does not decode", result.stderr)
        self.assertNotIn("Traceback", result.stderr)


if __name__ == "__main__":
    unittest.main()
