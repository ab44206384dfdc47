#!/usr/bin/env python3
"""Records how the origin answers malformed and borderline JSON bodies, for the edge's tests.

Usage: scripts/record_json_goldens.py http://127.0.0.1:8080

Each body below is posted to /tokens/estimate of a running origin; its status, error code and
message are written to edge/test/golden/json-bodies.json. The edge must refuse every body the
origin answers 400 invalid_json with the same message, and forward every other one. Review the
diff before committing: the file is the contract the edge's JSON check is tested against.
"""
import base64
import json
import pathlib
import sys
import urllib.error
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "edge" / "test" / "golden" / "json-bodies.json"

TEXT_BODIES = [
    # accepted as JSON (the origin's field checks decide)
    '{"text": "a"}', '{"text": "a"}\n', '[]', '"text"', '1', 'null',
    '["\\ud83d\\ude00"]', '{"text": "\\u00e9\\n\\/"}', '{"__proto__": 1, "text": "a"}',
    '{"text": "a", "n": 123456789012345678901234567890}', '{"text": "a", "n": -0.5e-3}',
    '\ufeff{"text": "a"}', '\r\n{"text":\r\n"a"}\r\n',
    # empty
    '', '   ', '\n\t\r ',
    # numbers
    '[1.]', '[1.e]', '[1e]', '[1e+]', '[-]', '[-x]', '[+1]', '[.5]', '[01]', '[-01]', '[1.5e3x]',
    '[1 2]', '[0x1]', '[1e5.]',
    # structure
    '{"a" 1}', '{"a":1 "b":2}', '{a:1}', "{'a':1}", '[1,]', '[,1]', '{"a":1,}', '{"a":[1,2}',
    '{"a":1}}', '{"a":1}]', '["a" "b"]', '[', '{', '{"a":', '{"a"', '{"a":1', '[1,',
    # trailing content
    '{} {}', '{} "x"', '{} 1', '{} true', '{} x', '{} tru', '{}\x0b', '{} ,', '{} -x', '{} -1',
    '{"text": "a"} x', '{"a":1}\n\n x',
    # strings and escapes
    '"abc', '{"a":"\\x"}', '{"a":"\\u12"}', '{"a":"\\u12g4"}', '{"a":"b\tc"}', '{"a":"b\x01"}',
    '{"a":"\\', '{"a":"\\u',
    # tokens
    '[NaN]', '[Infinity]', '[-Infinity]', '[truex]', '[nul]', '[True]', '[none]', '[é]',
    '{\n"a":\n  x}', '\n\n  [1,\n 2,,]', '{\r"a":\r x}', '{\r\n"a":\r\n x}',
    # duplicate keys
    '{"text":"a","text":"b"}', '{"a":1,"a":2}', '{"\\u0061":1,"a":2}', '{"o":{"a":1,"a":2}}',
    '{"a":{"x":1},"b":{"x":1}}',
    # lone surrogates, reported after the syntax holds
    '{"text": "\\ud800"}', '["\\ude00\\ud83d"]', '{"\\udc00": 1}', '["ok", "x\\ud800y"]',
    '{"a":"\\ud800","b":"\\udc00x"}', '{"text": "\\ud800", "x": }',
    # nesting
    '[' * 64 + ']' * 64, '[' * 65 + ']' * 65, '{"a":' * 64 + '1' + '}' * 64,
    '{"a":' * 65 + '1' + '}' * 65, '[' * 65, '[' * 200 + '1',
]

BYTE_BODIES = [
    b'{"text": "\xff"}', b'{"text": "\xc3"}', b'{"text": "\xed\xa0\x80"}', b'{"text": "\xc0\xaf"}',
    b'\xff\xfe{\x00}\x00', b'\xef\xbb\xbf\xef\xbb\xbf{}', b'{"text": "\xf4\x90\x80\x80"}',
]


def post(base, body):
    request = urllib.request.Request(
        base + "/tokens/estimate", data=body, headers={"Content-Type": "application/json"},
        method="POST")
    try:
        with urllib.request.urlopen(request) as reply:
            return reply.status, json.load(reply)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    base = sys.argv[1].rstrip("/")
    cases = []
    for body in [text.encode("utf-8") for text in TEXT_BODIES] + BYTE_BODIES:
        status, answer = post(base, body)
        case = {"body_base64": base64.b64encode(body).decode("ascii"), "status": status,
                "error": answer.get("error")}
        if status == 400:
            case["message"] = answer["message"]
        cases.append(case)
    OUT.write_text(json.dumps({"cases": cases}, ensure_ascii=False, indent=1) + "\n",
                   encoding="utf-8")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
