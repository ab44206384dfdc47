#!/usr/bin/env python3
"""Records the origin's answers to the transform cases, for the edge's tests.

Usage: scripts/record_transform_goldens.py http://127.0.0.1:8080

Each case of contracts/cases/transforms.json is posted to a running origin (the embedded lexical
scorer, default settings, the skip rule off) with the request id `golden`, and the origin's
status, X-Tenant-ID and body, as the exact text it sent, are written to
contracts/golden/transforms/answers.json beside the request. The edge's tests require every
case the file marks `transform` to be answered by the edge itself with these bytes, and every
other one to be forwarded. Review the diff before committing: the file is the contract.
"""
import http.client
import json
import pathlib
import sys
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parent.parent
CASES = ROOT / "contracts" / "cases" / "transforms.json"
OUT = ROOT / "contracts" / "golden" / "transforms" / "answers.json"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    url = urllib.parse.urlsplit(sys.argv[1])
    document = json.loads(CASES.read_text("utf-8"))
    recorded = []
    for spec in document["cases"]:
        body = spec["raw_body"] if "raw_body" in spec else json.dumps(spec["body"],
                                                                     ensure_ascii=False)
        headers = {"Content-Type": "application/json", "X-Request-ID": "golden",
                   **spec.get("headers", {})}
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        try:
            connection.request("POST", spec["path"], body=body.encode("utf-8"), headers=headers)
            reply = connection.getresponse()
            answer = reply.read().decode("utf-8")
            status = reply.status
            tenant = reply.headers.get("X-Tenant-ID")
        finally:
            connection.close()
        recorded.append({
            "name": spec["name"],
            "edge": spec["edge"],
            "path": spec["path"],
            "headers": spec.get("headers", {}),
            "body": body,
            "status": status,
            "tenant_header": tenant,
            "answer": answer,
        })
        print("recorded", spec["name"])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({
        "description": "The origin's answers to contracts/cases/transforms.json, recorded with "
                       "scripts/record_transform_goldens.py: `answer` is the body as sent.",
        "compressor": "lexical@1",
        "cases": recorded,
    }, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
