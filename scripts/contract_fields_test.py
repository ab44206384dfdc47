#!/usr/bin/env python3
"""Tests of contract_fields.py, the reader of contracts/openapi.yaml's answer fields.

    python3 scripts/contract_fields_test.py

Small documents written here hold each construct the reader reads, and each it refuses, next
to the JSON a YAML parser makes of them; then the real contract is read. The whole file against
the origin's own conversion is `contract_fields.py --check` in scripts/edge_parity.sh.
"""

from __future__ import annotations

import unittest

from contract_fields import (AnswerFields, ContractError, answer_fields, contract, differences,
                             read)

DOCUMENT = """\
openapi: 3.1.0   # a comment after a value
info:
  description: |
    required: [not, a, field]
    - not an item
      nor: a key
  version: '0.1.0'
paths:
  /compress:
    post:
      responses:
        '200':
          $ref: '#/components/responses/Ok'
        "422":
          description: >-
            Folded text.
          content:
            application/json:
              schema:
                allOf:
                  - $ref: '#/components/schemas/Error'
                  - properties:
                      details: {}
                    required: [details]
components:
  responses:
    Ok:
      content:
        application/json:
          schema:
            $ref: '#/components/schemas/Answer'
  schemas:
    Answer:
      $ref: '#/components/schemas/AnswerBody'
    AnswerBody:
      type: object
      required:
      - text
      - 'tokens'
      properties:
        text: {type: string}
        tokens:
          type: integer
          minimum: 0
        note:
          examples: ["a, b", 'it''s', plain # comment]
          default: null
    Error:
      required: [error, message]
      properties:
        error:
          type: string
        message:
          type: string
"""

# What a YAML parser makes of DOCUMENT, as the origin serves its contract.
PARSED = {
    "openapi": "3.1.0",
    "info": {"description": "required: [not, a, field]\n- not an item\n  nor: a key\n",
             "version": "0.1.0"},
    "paths": {"/compress": {"post": {"responses": {
        "200": {"$ref": "#/components/responses/Ok"},
        "422": {"description": "Folded text.", "content": {"application/json": {"schema": {
            "allOf": [{"$ref": "#/components/schemas/Error"},
                      {"properties": {"details": {}}, "required": ["details"]}]}}}}}}}},
    "components": {
        "responses": {"Ok": {"content": {"application/json": {"schema": {
            "$ref": "#/components/schemas/Answer"}}}}},
        "schemas": {
            "Answer": {"$ref": "#/components/schemas/AnswerBody"},
            "AnswerBody": {"type": "object", "required": ["text", "tokens"], "properties": {
                "text": {"type": "string"},
                "tokens": {"type": "integer", "minimum": 0},
                "note": {"examples": ["a, b", "it's", "plain"], "default": None}}},
            "Error": {"required": ["error", "message"], "properties": {
                "error": {"type": "string"}, "message": {"type": "string"}}}}},
}


class ContractFieldsTest(unittest.TestCase):
    def test_the_reading_is_what_a_yaml_parser_makes_of_the_same_document(self) -> None:
        self.assertEqual(differences(read(DOCUMENT), PARSED), [])

    def test_a_value_read_wrong_is_a_difference(self) -> None:
        changed = {**PARSED, "openapi": "3.0.0"}

        self.assertEqual(differences(read(DOCUMENT), changed),
                         ["/openapi: read '3.1.0', the origin has '3.0.0'"])

    def test_required_fields_follow_references_and_join_all_of(self) -> None:
        document = read(DOCUMENT)

        self.assertEqual(answer_fields("POST", "/compress", 200, document),
                         AnswerFields(frozenset({"text", "tokens"}),
                                      frozenset({"text", "tokens", "note"})))
        self.assertEqual(answer_fields("POST", "/compress", 422, document).required,
                         {"error", "message", "details"})

    def test_an_error_the_contract_does_not_list_has_the_error_body(self) -> None:
        document = read(DOCUMENT)

        self.assertEqual(answer_fields("GET", "/nowhere", 404, document).required,
                         {"error", "message"})
        self.assertEqual(answer_fields("POST", "/compress", 413, document).required,
                         {"error", "message"})
        self.assertIsNone(answer_fields("POST", "/compress", 201, document))

    def test_what_the_reader_does_not_read_stops_the_lookup_that_needs_it(self) -> None:
        for required in ("*names", "&names [a]", "[a, [b]]", "[a,", "'a", "{a: b}"):
            with self.subTest(required=required):
                document = read(DOCUMENT.replace("required: [error, message]",
                                                 f"required: {required}"))

                with self.assertRaisesRegex(ContractError, "^line 49: "):
                    answer_fields("GET", "/nowhere", 404, document)

    def test_what_no_lookup_needs_may_stay_unread(self) -> None:
        document = read(DOCUMENT.replace("default: null", "default: *anchor"))

        self.assertEqual(answer_fields("POST", "/compress", 200, document).required,
                         {"text", "tokens"})

    def test_a_repeated_key_or_a_tab_in_the_indentation_is_refused(self) -> None:
        with self.assertRaisesRegex(ContractError, "line 3: the key 'openapi' again"):
            read("openapi: 3.1.0\ninfo: {}\nopenapi: 3.0.0\n")
        with self.assertRaisesRegex(ContractError, "line 2: a tab"):
            read("info:\n\tversion: 1\n")

    def test_the_contract_requires_the_fields_clients_read(self) -> None:
        compress = answer_fields("POST", "/compress", 200)
        estimate = answer_fields("POST", "/tokens/estimate", 200)
        refusal = answer_fields("POST", "/compress", 422)

        self.assertEqual(compress.required, {
            "compressed_text", "original_tokens", "compressed_tokens", "tokens_saved",
            "compression_ratio", "model", "tokenizer", "compressor", "tenant_id"})
        self.assertLessEqual({"warnings", "sections", "debug"}, compress.properties)
        self.assertEqual(estimate.required,
                         {"tokens", "model", "tokenizer", "exact", "characters", "tenant_id"})
        self.assertEqual(refusal.required, {"error", "message", "request_id"})
        self.assertIn("details", refusal.properties)
        self.assertEqual(answer_fields("GET", "/health", 200).required,
                         {"status", "service", "version", "compressor"})
        self.assertIn("info", contract())


if __name__ == "__main__":
    unittest.main()
