"""What the smoke test's cases send and what they expect back: the fixed requests, and the fields
(with their kinds) of each route's answer. Imported by smoke_cases.py."""

from __future__ import annotations

# --- Requests ---------------------------------------------------------------

# Just over the service's 1 MiB request limit.
OVERSIZED_BODY_BYTES = 1_100_000

# Long enough that a 0.5 aggressiveness has something to remove; a short
# sentence could legitimately come back unchanged.
LONG_PROSE = (
    "The quarterly planning meeting will take place on Thursday morning in the "
    "large conference room on the third floor, and every team lead is expected "
    "to bring a short written summary of the work that was finished during the "
    "last three months. We would also like each team to describe the main risks "
    "they see for the coming quarter, together with any help they might need "
    "from other departments. Please keep the summaries brief and focused, "
    "because the agenda is already very full and we want to leave enough time "
    "at the end for open questions and discussion."
)

SECOND_PROSE = (
    "The library in the old town has recently extended its opening hours on "
    "weekdays, so that students and working people can visit in the evening "
    "after their classes or jobs have finished. In addition to the usual "
    "collection of books and magazines, it now offers a quiet reading room, a "
    "small coffee corner near the entrance, and free access to a number of computers "
    "that can be reserved in advance at the front desk."
)

SYSTEM_PROMPT = "You are a helpful assistant. Answer briefly and politely."

IMAGE_BLOCK = {
    "type": "image",
    "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="},
}

# Below the skip rule's default of 240 characters, so that an edge or origin with the skip on
# answers it unchanged; with it off the origin may well shorten it.
SHORT_TEXT = "Please reply to the meeting invitation by Friday."

# Short user turns between a system and an assistant message: skipped as a whole when the skip
# is on, and the non-user messages come back as sent either way.
SHORT_CHAT = [
    {"role": "system", "content": SYSTEM_PROMPT},
    {"role": "user", "content": "Hi, could you help me plan a short trip?"},
    {"role": "assistant", "content": "Of course. Where would you like to go?"},
    {"role": "user", "content": "Somewhere by the sea, for two days."},
]

CODE_FENCE = "```python\nfor   item in items:   \n    print(item)\n```"


def oversized_json() -> bytes:
    """Valid JSON of exactly OVERSIZED_BODY_BYTES, so only its size is wrong."""
    prefix, suffix = b'{"text": "', b'"}'
    filler = b"a" * (OVERSIZED_BODY_BYTES - len(prefix) - len(suffix))
    return prefix + filler + suffix


# --- Answers ----------------------------------------------------------------

# The warnings of a low-savings skip, as the edge and the origin name their own decision.
EDGE_SKIP_WARNING = "edge_skipped_origin_low_expected_savings"
ORIGIN_SKIP_WARNING = "skipped_low_expected_savings"
SKIP_COMPRESSOR = "none@1"

HEALTH_FIELDS = {"status": "str", "service": "str", "version": "str", "compressor": "str"}

COMPRESS_FIELDS = {
    "compressed_text": "str",
    "original_tokens": "int",
    "compressed_tokens": "int",
    "tokens_saved": "int",
    "compression_ratio": "number",
    "model": "str",
    "tokenizer": "str",
    "compressor": "str",
    "tenant_id": "str|null",
}

SECTION_FIELDS = {
    "kind": "str",
    "action": "str",
    "original_tokens": "int",
    "compressed_tokens": "int",
    "start": "int",
    "end": "int",
}

LEGACY_FIELDS = {
    "compressed_prompt": "str",
    "compressed_prompt_list": "list",
    "origin_tokens": "int",
    "compressed_tokens": "int",
    "ratio": "str",
    "rate": "str",
    "saving": "str",
}

MESSAGES_FIELDS = {
    "original_tokens": "int",
    "compressed_tokens": "int",
    "model": "str",
    "tokenizer": "str",
    "compressor": "str",
}

ESTIMATE_FIELDS = {
    "tokens": "int",
    "model": "str",
    "tokenizer": "str",
    "exact": "bool",
    "characters": "int",
}
