#!/usr/bin/env python3
"""Records the origin's answers into the golden case files of contracts/golden/preprocess/.

Usage: scripts/record_goldens.py http://127.0.0.1:8080

Each case file holds a description, a route and a request. This script posts the request to a
running origin (started on the embedded lexical scorer, default settings) and writes the
client-visible fields of the answer into the file's "response". Review the diff before
committing: the files are the contract that the origin and the edge are tested against.
"""
import json
import pathlib
import sys
import urllib.request

FIELDS = {
    "/compress": [
        "compressed_text", "original_tokens", "compressed_tokens", "warnings", "sections"],
    "/v1/messages/compress": [
        "messages", "system", "original_tokens", "compressed_tokens", "warnings", "sections"],
    "/v1/compress": ["compressed_prompt", "compressed_prompt_list", "origin_tokens",
                     "compressed_tokens"],
}
CASES = pathlib.Path(__file__).resolve().parent.parent / "contracts" / "golden" / "preprocess"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    base = sys.argv[1].rstrip("/")
    for path in sorted(CASES.glob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        request = urllib.request.Request(
            base + case["route"],
            data=json.dumps(case["request"], ensure_ascii=False).encode("utf-8"),
            headers={"Content-Type": "application/json"},
            method="POST")
        with urllib.request.urlopen(request) as reply:
            answer = json.load(reply)
        case["response"] = {k: answer[k] for k in FIELDS[case["route"]] if k in answer}
        path.write_text(json.dumps(case, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print("recorded", path.name)


if __name__ == "__main__":
    main()
