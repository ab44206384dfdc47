#!/usr/bin/env python3
"""Release check: the edge must behave as the origin behind it, by the rules a release keeps.

    python3 scripts/release_check.py --edge https://compress-staging.usagetap.com \\
        --origin https://prompt-compression-....run.app [--origin-header 'Name: value' ...] \\
        [--cases public-api,skip,transforms] [--cases-dir DIR]

Sends every case of the named case files of contracts/cases/ (all three by default: the rules
hold whatever the edge decides, so a Worker with the skip rule or the transforms off simply
forwards those cases) to the origin directly and to the edge, both with the X-Request-ID
release-check-N unless the case gives one. To the edge each case goes under an API key of its
own (X-API-Key: release-check-N), so that its rate limits are not reached; --origin-header,
which may be repeated, goes to the origin alone: a Cloud Run identity token
(`Authorization: Bearer ...`) or the `X-Origin-Auth` secret of a locked-down origin. Header
values are never printed.

It prints one line per rule and case the rule applies to (rules that do not apply to a case
are not printed for it), `PASS rule  file case: name` or `FAIL rule  file case: name: why`,
then a summary. The rules (release_rules.py), and the cases they apply to:

  edge-decision            every case: the edge's answer carries X-Edge-Decision, as every
                           answer of the Worker does
  same-path                every case: the edge serves a path and method exactly where the
                           origin does, and where neither does, answers as the origin does
                           (status, error code, Allow)
  same-request-body        a case with a body, on a served route: the edge accepts (2xx) the
                           bodies the origin accepts and refuses the ones it refuses
  same-status              a served case that succeeds, on both for a case with a body: the
                           same status
  same-validation          a served case both refuse: the same status, `error` and
                           `details[].field`
  same-tenant              a case that names a tenant (X-Tenant-ID or `tenant_id`) answered
                           with one status: the same X-Tenant-ID header and `tenant_id`
  same-required-fields     an answer with one status on both: each holds every field that
                           contracts/openapi.yaml requires of it (scripts/contract_fields.py)
  same-compression-fields  a successful answer of a compression route the edge forwarded or
                           replayed from its cache: every field of the answer's schema is the
                           origin's, but `tenant_id` (same-tenant's) and `debug` (one run's
                           figures)
  skip-unchanged           X-Edge-Decision skip-unchanged: the text or messages as sent,
                           tokens_saved 0, the origin's fields, the edge's own warning
                           edge_skipped_origin_low_expected_savings; where the origin skipped
                           too, its bytes with that warning for its skipped_low_expected_savings
  transform-byte-equal     X-Edge-Decision transform: the origin's status and body, byte for
                           byte

Before any case, each URL's GET /health must name the service its flag does ("service":"edge"
for --edge, "origin" for --origin). Header names must be tokens and values visible ASCII (with
spaces and tabs inside), as RFC 9110 has them.

Exit status: 0 when nothing diverges, 1 when anything does, 2 on bad arguments (an
--origin-header that is not a valid header, an empty --cases among them), when a URL cannot be
reached or is not the service its flag names, or the origin refuses the check's credential, or
when contracts/openapi.yaml holds what contract_fields.py does not read where a rule needs it.
"""

from __future__ import annotations

import argparse
import http.client
import pathlib
import re
import sys
import urllib.parse
from collections import Counter

from contract_fields import ContractError
from parity_common import CASES, Answer, Case, exchange, listed_cases
from release_rules import RULES, Exchange, parsed

CASE_FILES = ("public-api", "skip", "transforms")
# RFC 9110 5.1 and 5.5: a field name is a token; a field value is visible ASCII with spaces and
# tabs between (obs-text is obsolete, and what http.client cannot encode or would send unchecked
# is refused here, where no request has been made yet).
HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
HEADER_VALUE = re.compile(r"[\x21-\x7e]([\x21-\x7e \t]*[\x21-\x7e])?")
# Headers of the request itself (RFC 9110 sections 6.4, 7.2, 7.6, 8, 10.1.1) and those the
# cases set (contracts/cases/*.json), lower case.
OWN_HEADERS = frozenset({
    "accept-encoding", "connection", "content-encoding", "content-length", "content-type",
    "expect", "host", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding",
    "upgrade", "x-api-key", "x-request-id", "x-tenant-id",
})
HEALTH_PROBE = Case("probe", "/health", None, method="GET")
# What the reachability probe sends the origin: a POST, which a locked-down origin refuses.
PROBE_BODY = b'{"text": "release check"}'


class Unreachable(Exception):
    """A side could not be asked; the message says which and why."""


class WrongService(Exception):
    """A URL is not the service its flag names; the message says which."""


def send(side: str, base: str, case: Case, headers: dict[str, str]) -> Answer:
    try:
        return exchange(base, case.method, case.path, case.body, headers)
    except (OSError, http.client.HTTPException, UnicodeError) as error:
        reason = getattr(error, "reason", None) or str(error) or error.__class__.__name__
        raise Unreachable(f"cannot reach the {side} at {base} ({case.method} {case.path}): "
                          f"{reason}") from None


def probe(origin: str, edge: str, origin_headers: dict[str, str]) -> None:
    """Both must answer, each as the service its flag names: an origin compared with itself, or
    a Worker with itself, diverges nowhere. The edge's /health also shows it the origin's
    compressor, which its transforms need; the origin's POST shows whether it takes the check's
    credential."""
    answer = send("edge", edge, HEALTH_PROBE, {})
    if answer.status in (401, 403):
        raise Unreachable(f"the edge at {edge} refuses the check ({answer.status})")
    require_service(answer, "edge", f"--edge {edge}")
    answer = send("origin", origin, HEALTH_PROBE, origin_headers)
    require_admitted(answer, origin)
    require_service(answer, "origin", f"--origin {origin}")
    headers = {"Content-Type": "application/json", **origin_headers}
    answer = send("origin", origin, Case("probe", "/tokens/estimate", PROBE_BODY), headers)
    require_admitted(answer, origin)


def require_admitted(answer: Answer, origin: str) -> None:
    if answer.status in (401, 403):
        raise Unreachable(f"the origin at {origin} refuses the check ({answer.status}): give "
                          f"its credential with --origin-header")


def require_service(health: Answer, service: str, given: str) -> None:
    """The `service` of a /health answer (README, "GET /health") must be `service`."""
    body = parsed(health.body)
    said = body.get("service") if isinstance(body, dict) else None
    if said != service:
        what = f"says service {said!r}" if said is not None else f"is {health.status} without one"
        raise WrongService(f"{given} is not the {service}: its /health {what}")


def run(origin: str, edge: str, origin_headers: dict[str, str],
        cases: list[tuple[str, Case]]) -> int:
    probe(origin, edge, origin_headers)
    results: Counter[str] = Counter()
    decisions: Counter[str] = Counter()
    for number, (file, case) in enumerate(cases, 1):
        headers = {"X-Request-ID": f"release-check-{number}", **case.headers}
        origin_answer = send("origin", origin, case, {**headers, **origin_headers})
        edge_answer = send("edge", edge, case,
                           {"X-API-Key": f"release-check-{number}", **headers})
        x = Exchange(case, origin_answer, edge_answer)
        decisions[edge_answer.decision or "none"] += 1
        for rule, check in RULES:
            faults = check(x)
            if faults is None:
                continue
            verdict = "FAIL" if faults else "PASS"
            results[verdict] += 1
            reason = ": " + "; ".join(faults) if faults else ""
            print(f"{verdict} {rule}  {file} case: {case.name}{reason}", flush=True)
    shown_decisions = ", ".join(f"{name} {count}" for name, count in sorted(decisions.items()))
    print(f"release check: {len(cases)} cases, {results['PASS'] + results['FAIL']} checks, "
          f"{results['FAIL']} failed; X-Edge-Decision: {shown_decisions}")
    return 1 if results["FAIL"] else 0


def base_url(value: str, flag: str) -> str:
    try:
        parts = urllib.parse.urlsplit(value)
    except ValueError:
        raise ValueError(f"{flag} must be an http or https URL, such as https://host") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{flag} must be an http or https URL, such as https://host")
    # A password in the URL would be repeated by every message that names it.
    if parts.username is not None or parts.password is not None:
        raise ValueError(f"{flag} must not hold a user or password; give a credential with "
                         f"--origin-header")
    try:
        parts.hostname.encode("idna")
    except UnicodeError:
        raise ValueError(f"{flag} has a host name that is not a valid DNS name") from None
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ValueError(f"{flag} must be the service's root, without a path or query")
    try:
        parts.port
    except ValueError:
        raise ValueError(f"{flag} has a port that is not a number") from None
    return value.rstrip("/")


def header_pairs(values: list[str]) -> dict[str, str]:
    """The `Name: value` headers given; the value may be a credential, so no message repeats
    any of it, and the name only once it is a token. Names that frame the request or that the
    cases themselves set are refused: overriding them would change what the origin is asked,
    and the difference would be blamed on the edge."""
    headers = {}
    for given in values:
        name, colon, value = given.partition(":")
        if not colon or HEADER_NAME.fullmatch(name) is None:
            raise ValueError("--origin-header must be 'Name: value' with a token as the name")
        if name.lower() in OWN_HEADERS:
            raise ValueError(f"--origin-header {name}: the check sets that header itself")
        if name.lower() in (given_name.lower() for given_name in headers):
            raise ValueError(f"--origin-header {name}: given twice")
        value = value.strip(" \t")
        if HEADER_VALUE.fullmatch(value) is None:
            raise ValueError(f"--origin-header {name}: the value must be visible ASCII, with "
                             f"spaces and tabs only inside it")
        headers[name] = value
    return headers


def chosen_cases(names_given: str | None, directory: pathlib.Path) -> list[tuple[str, Case]]:
    # Given but empty is a list of no names, refused: not the default of all.
    files = list(CASE_FILES) if names_given is None else names_given.split(",")
    unknown = [name for name in files if name not in CASE_FILES]
    if unknown:
        raise ValueError(f"--cases takes names among {', '.join(CASE_FILES)}, not "
                         f"{', '.join(map(repr, unknown))}")
    cases = []
    for file in dict.fromkeys(files):
        if not (directory / f"{file}.json").is_file():
            raise ValueError(f"no case file {directory / file}.json")
        try:
            cases += [(file, case) for case in listed_cases(file, directory)]
        except (TypeError, AttributeError, KeyError):
            raise ValueError(f"{directory / file}.json: a case is malformed") from None
    return cases


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description="Compare the edge with the origin by the release rules.",
        epilog="Exit status: 0 nothing diverges, 1 something does, 2 bad arguments, or a URL "
               "that cannot be reached or is not the service its flag names.")
    parser.add_argument("--edge", required=True, help="the edge's root URL")
    parser.add_argument("--origin", required=True, help="the origin's root URL")
    parser.add_argument("--origin-header", action="append", default=[], metavar="'NAME: VALUE'",
                        help="a header sent to the origin alone (repeatable); never printed")
    parser.add_argument("--cases", help=f"case files to run, of {','.join(CASE_FILES)} (all)")
    parser.add_argument("--cases-dir", type=pathlib.Path, default=CASES,
                        help="where the case files are (contracts/cases)")
    args = parser.parse_args(argv)
    try:
        edge, origin = base_url(args.edge, "--edge"), base_url(args.origin, "--origin")
        origin_headers = header_pairs(args.origin_header)
        cases = chosen_cases(args.cases, args.cases_dir)
    except (ValueError, OSError) as error:
        print(f"release check: {error}", file=sys.stderr)
        return 2
    try:
        return run(origin, edge, origin_headers, cases)
    except (Unreachable, WrongService) as error:
        print(f"release check: {error}", file=sys.stderr)
        return 2
    except ContractError as error:
        print(f"release check: contracts/openapi.yaml: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
