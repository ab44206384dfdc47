#!/usr/bin/env python3
"""The fields the contract requires of each answer, read from contracts/openapi.yaml.

The scripts use the standard library only, which has no YAML reader, so this reads the part of
YAML the contract is written in: block mappings and sequences laid out by indentation, plain and
quoted scalars on one line, one-line flow sequences, comments, and block scalars (`|`, `>`),
whose text is left unread. Whatever else it meets (anchors, aliases, tags, merge keys, flow
mappings, a scalar over several lines) it keeps as Unread, and a lookup that reaches such a
value raises ContractError naming its line: a contract written otherwise stops the reader
rather than misleading it. Plain scalars stay strings (`1.0`, `true`); only `null` and `~` are
read, as None.

    python3 scripts/contract_fields.py --check http://127.0.0.1:8080/openapi.json

compares the reading with the origin's own conversion of the same file, served as
/openapi.json: wherever the reader read a value it must be the origin's (the same keys, items,
strings, numbers and booleans), and every schema and documented answer must have the same
required fields and properties. scripts/edge_parity.sh runs it against the origin it starts.
Exit status: 0 when they agree, 1 when they do not, 2 on bad arguments or an unreachable URL.
"""

from __future__ import annotations

import json
import re
import sys
import urllib.request
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from parity_common import ROOT, TIMEOUT_SECONDS

CONTRACT = ROOT / "contracts" / "openapi.yaml"
# A mapping key, quoted or plain, up to the first colon that a space or the line's end follows.
KEY = re.compile(r"""('(?:[^']|'')*'|"(?:[^"\\]|\\.)*"|[^\s'"#\[\]{},][^#]*?)\s*:(?:\s+(.*))?$""")
BLOCK_SCALAR = re.compile(r"[|>][0-9+-]*\s*(#.*)?$")
SINGLE_QUOTED = re.compile(r"'((?:[^']|'')*)'\s*(#.*)?$")
DOUBLE_QUOTED = re.compile(r'("(?:[^"\\]|\\.)*")\s*(#.*)?$')
NULLS = ("null", "Null", "NULL", "~")
MAX_REFERENCES = 32
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


class ContractError(Exception):
    """The contract holds, where a lookup needs it, something this reader does not read."""


@dataclass(frozen=True)
class Unread:
    line: int
    reason: str


@dataclass(frozen=True)
class AnswerFields:
    """What the contract says of one answer's JSON object."""

    required: frozenset[str]
    properties: frozenset[str]


@dataclass
class Node:
    line: int
    # None for a sequence item.
    key: str | None
    # What follows `key:` or `- ` on the node's line.
    text: str
    children: list[Node] = field(default_factory=list)
    # Why the node's value cannot be read, when the lines below it say so.
    unread: str | None = None


def read(text: str) -> dict:
    """The document as dicts, lists, strings, None and Unread values."""
    document = value_of(tree(text))
    if not isinstance(document, dict):
        raise ContractError("the document is not a mapping")
    return document


def tree(text: str) -> Node:
    """The document's lines as nodes, each below the one its indentation puts it in."""
    root = Node(0, None, "")
    stack: list[tuple[int, Node]] = [(-1, root)]
    # Lines deeper than this are a block scalar's text.
    scalar_indent: int | None = None
    for number, line in enumerate(text.splitlines(), 1):
        indent = len(line) - len(line.lstrip(" "))
        content = line.strip()
        if scalar_indent is not None:
            if not content or indent > scalar_indent:
                continue
            scalar_indent = None
        if not content or content.startswith("#"):
            continue
        if line[indent] == "\t":
            raise ContractError(f"line {number}: a tab in the indentation")
        if content.startswith("%") or content in ("---", "..."):
            if root.children:
                raise ContractError(f"line {number}: a second document")
            continue

        is_item = content == "-" or content.startswith("- ")
        while stack[-1][0] > indent:
            stack.pop()
        # A sequence may stand at its key's own indentation.
        while stack[-1][0] == indent and not (is_item and opens_sequence(stack[-1][1])):
            stack.pop()
        parent = stack[-1][1]

        if is_item:
            item = Node(number, None, "")
            parent.children.append(item)
            stack.append((indent, item))
            rest = content[1:].lstrip(" ")
            nested = rest == "-" or rest.startswith("- ")
            entry = None if nested else KEY.match(rest)
            if nested:
                item.unread = "a sequence in a sequence's item"
                target, target_indent = item, indent
            elif entry is None:
                item.text = rest
                target, target_indent = item, indent
            else:
                target = Node(number, key_of(entry.group(1), number), text_of(entry.group(2)))
                target_indent = indent + len(content) - len(rest)
                item.children.append(target)
                stack.append((target_indent, target))
        else:
            entry = KEY.match(content)
            if entry is None:
                # A further line of a plain scalar, which the reader does not join.
                parent.unread = parent.unread or "a scalar over several lines"
                continue
            target = Node(number, key_of(entry.group(1), number), text_of(entry.group(2)))
            target_indent = indent
            parent.children.append(target)
            stack.append((indent, target))
        if BLOCK_SCALAR.match(target.text):
            scalar_indent = target_indent
    return root


def opens_sequence(node: Node) -> bool:
    return node.key is not None and not node.text and all(c.key is None for c in node.children)


def text_of(value: str | None) -> str:
    value = (value or "").strip()
    return "" if value.startswith("#") else value


def key_of(raw: str, line: int) -> str:
    key = scalar(raw, line)
    if not isinstance(key, str):
        raise ContractError(f"line {line}: a key that is not a string")
    return key


def value_of(node: Node) -> Any:
    if node.unread:
        return Unread(node.line, node.unread)
    if node.text:
        if node.children:
            return Unread(node.line, "a scalar over several lines")
        if BLOCK_SCALAR.match(node.text):
            return Unread(node.line, "block scalar text")
        return scalar(node.text, node.line)
    if not node.children:
        return None
    if all(child.key is None for child in node.children):
        return [value_of(child) for child in node.children]
    if any(child.key is None for child in node.children):
        return Unread(node.line, "a mapping and a sequence at one level")
    mapping: dict[str, Any] = {}
    for child in node.children:
        if child.key == "<<":
            return Unread(child.line, "a merge key")
        if child.key in mapping:
            raise ContractError(f"line {child.line}: the key {child.key!r} again")
        mapping[child.key] = value_of(child)
    return mapping


def scalar(text: str, line: int) -> Any:
    """One value written on one line: quoted, plain, or a flow sequence of those."""
    if text.startswith(("&", "*", "!")):
        return Unread(line, "an anchor, alias or tag")
    if text.startswith(("'", '"')):
        match = (SINGLE_QUOTED if text[0] == "'" else DOUBLE_QUOTED).match(text)
        if match is None:
            return Unread(line, "a quoted scalar not closed on its line")
        if text[0] == "'":
            return match.group(1).replace("''", "'")
        try:
            return json.loads(match.group(1))
        except ValueError:
            return Unread(line, "an escape JSON does not have")
    if text.startswith("["):
        return flow_sequence(text, line)
    if text.startswith("{"):
        return {} if re.fullmatch(r"\{\s*\}\s*(#.*)?", text) else Unread(line, "a flow mapping")
    plain = re.split(r"\s#", text, maxsplit=1)[0].strip()
    return None if plain in NULLS else plain


def flow_sequence(text: str, line: int) -> Any:
    """`[a, 'b, c', "d"]` on one line; nested collections are left unread."""
    items, start, quote = [], 1, None
    for index in range(1, len(text)):
        char = text[index]
        if quote:
            # A doubled quote in '' and an escaped one in "" do not close the string.
            if char == quote and not (quote == '"' and text[index - 1] == "\\"):
                quote = None
        elif char in "'\"":
            quote = char
        elif char in "[{":
            return Unread(line, "a nested flow collection")
        elif char in ",]":
            item = text[start:index].strip()
            if item:
                items.append(scalar(item, line))
            elif char == ",":
                return Unread(line, "an empty flow item")
            start = index + 1
            if char == "]":
                rest = text[index + 1 :].strip()
                return items if not rest or rest.startswith("#") else Unread(line, "text after ]")
    return Unread(line, "a flow sequence over several lines")


# --- Lookups, on this reading or on the origin's JSON document alike -------------------------


def at(value: Any, *keys: str) -> Any:
    """The value under `keys`, or None where a key is missing."""
    for key in keys:
        if value is None:
            return None
        value = readable(value, dict)
        value = value.get(key)
    return value if value is None else readable(value, object)


def readable(value: Any, kind: type) -> Any:
    if isinstance(value, Unread):
        raise ContractError(f"line {value.line}: {value.reason}, which this reader leaves unread")
    if not isinstance(value, kind):
        raise ContractError(f"expected a {kind.__name__}, found {value!r:.60}")
    return value


def resolved(document: dict, schema: Any) -> dict:
    """The schema behind a chain of `$ref`s within the document."""
    for _ in range(MAX_REFERENCES):
        schema = readable(schema, dict)
        if "$ref" not in schema:
            return schema
        reference = readable(schema["$ref"], str)
        if not reference.startswith("#/"):
            raise ContractError(f"{reference}: only references within the contract are read")
        keys = [part.replace("~1", "/").replace("~0", "~") for part in reference[2:].split("/")]
        schema = at(document, *keys)
        if schema is None:
            raise ContractError(f"{reference} is not in the contract")
    raise ContractError(f"more than {MAX_REFERENCES} references in a row")


def fields_of(document: dict, schema: Any) -> AnswerFields:
    """Required fields and properties of a schema, those of its `allOf` parts included."""
    schema = resolved(document, schema)
    required = set(readable(at(schema, "required") or [], list))
    if not all(isinstance(name, str) for name in required):
        raise ContractError(f"required holds something other than names: {sorted(required)!r}")
    properties = set(readable(at(schema, "properties") or {}, dict))
    for part in readable(at(schema, "allOf") or [], list):
        inner = fields_of(document, part)
        required |= inner.required
        properties |= inner.properties
    return AnswerFields(frozenset(required), frozenset(properties))


def answer_schema(document: dict, method: str, path: str, status: int) -> Any:
    """The JSON schema of the answer with `status` to `method` `path`, or None when the contract
    gives none; an error the operation does not list has the Error body, as every error has."""
    response = at(document, "paths", path, method.lower(), "responses", str(status))
    if response is None:
        return at(document, "components", "schemas", "Error") if status >= 400 else None
    return at(resolved(document, response), "content", "application/json", "schema")


@cache
def contract() -> dict:
    return read(CONTRACT.read_text("utf-8"))


def answer_fields(method: str, path: str, status: int,
                  document: dict | None = None) -> AnswerFields | None:
    """What contracts/openapi.yaml (or `document`) requires of that answer, if it says."""
    document = contract() if document is None else document
    schema = answer_schema(document, method, path, status)
    return None if schema is None else fields_of(document, schema)


# --- The check against the origin's conversion ------------------------------------------------


def differences(mine: Any, theirs: Any, where: str = "") -> list[str]:
    """Where a value this reader read is not the origin's; what it left unread is not one."""
    if isinstance(mine, Unread):
        return []
    if isinstance(theirs, dict) and isinstance(mine, dict):
        faults = [f"{where}/{key}: only in the {'reading' if key in mine else 'origin'}"
                  for key in sorted(mine.keys() ^ theirs.keys())]
        for key in sorted(mine.keys() & theirs.keys()):
            faults += differences(mine[key], theirs[key], f"{where}/{key}")
        return faults
    if isinstance(theirs, list) and isinstance(mine, list) and len(mine) == len(theirs):
        return [fault for index, (a, b) in enumerate(zip(mine, theirs))
                for fault in differences(a, b, f"{where}/{index}")]
    if isinstance(theirs, bool):
        same = mine in (("true", "True", "TRUE") if theirs else ("false", "False", "FALSE"))
    elif isinstance(theirs, (int, float)) and isinstance(mine, str):
        try:
            same = float(mine) == theirs
        except ValueError:
            same = False
    else:
        same = type(mine) is type(theirs) and mine == theirs
    return [] if same else [f"{where or '/'}: read {mine!r:.60}, the origin has {theirs!r:.60}"]


def table(document: dict) -> dict[str, AnswerFields | None]:
    """Fields of every schema and of every documented answer, by name."""
    rows: dict[str, AnswerFields | None] = {}
    for name, schema in sorted(at(document, "components", "schemas").items()):
        rows[f"schema {name}"] = fields_of(document, schema)
    for path, operations in sorted(at(document, "paths").items()):
        for method, operation in sorted(operations.items()):
            if method not in METHODS:
                continue
            for status in sorted(at(operation, "responses") or {}):
                if status.isdigit():
                    rows[f"{method} {path} {status}"] = answer_fields(method, path, int(status),
                                                                      document)
    return rows


def shown(fields: AnswerFields | None) -> str:
    if fields is None:
        return "no schema"
    return f"required {sorted(fields.required)}, properties {sorted(fields.properties)}"


def check(origin_document: dict) -> list[str]:
    mine = contract()
    faults = differences(mine, origin_document)
    try:
        mine_table, origin_table = table(mine), table(origin_document)
    except ContractError as error:
        return faults + [str(error)]
    faults += [f"{name}: read {shown(mine_table.get(name))}, the origin has "
               f"{shown(origin_table.get(name))}"
               for name in sorted(mine_table.keys() | origin_table.keys())
               if mine_table.get(name) != origin_table.get(name)]
    if not faults:
        print(f"contract fields: {len(mine_table)} schemas and answers read as the origin has "
              f"them")
    return faults


def main() -> int:
    if len(sys.argv) != 3 or sys.argv[1] != "--check":
        print(__doc__, file=sys.stderr)
        return 2
    try:
        with urllib.request.urlopen(sys.argv[2], timeout=TIMEOUT_SECONDS) as answer:
            origin_document = json.load(answer)
    except (OSError, ValueError) as error:
        print(f"cannot read {sys.argv[2]}: {error}", file=sys.stderr)
        return 2
    faults = check(origin_document)
    for fault in faults:
        print("FAIL " + fault)
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
