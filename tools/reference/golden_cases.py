"""The golden cases: which inputs run under which compress_prompt settings.

Every corpus input runs at rate 0.5. A handful of short and medium inputs, all inline edge
cases and a few chosen pairs run the wider matrix of settings; lists of 3-6 contexts run the
context-level filter settings. The selection keeps all golden files within a few megabytes.
"""

from dataclasses import dataclass, field
from pathlib import Path

import corpus

MULTI_TOKEN_FORCE_TOKEN = "Question:"


@dataclass(frozen=True)
class Setting:
    """The compress_prompt arguments of one case, named as the reference names them."""

    name: str
    rate: float = 0.5
    target_token: int = -1
    force_tokens: tuple[str, ...] = ()
    force_reserve_digit: bool = False
    drop_consecutive: bool = False
    use_context_level_filter: bool = False


@dataclass(frozen=True)
class Case:
    id: str
    source: str
    context: str | list[str]
    setting: Setting


@dataclass(frozen=True)
class _Input:
    name: str
    source: str
    context: str | list[str]
    settings: list[Setting] = field(default_factory=list)


RATE_HALF = Setting("rate-0.5")
SINGLE_SETTINGS = [
    Setting("rate-0.33", rate=0.33),
    RATE_HALF,
    Setting("rate-0.7", rate=0.7),
    Setting("target-50", target_token=50),
    Setting("target-200", target_token=200),
    Setting("force-newline", force_tokens=("\n", "?", "!")),
    Setting("force-punctuation", force_tokens=("?", "!", ",")),
    Setting("force-multi-token", force_tokens=("\n", "?", MULTI_TOKEN_FORCE_TOKEN)),
    Setting("reserve-digit", force_reserve_digit=True),
    Setting("drop-consecutive", force_tokens=("\n", "?", "!", ","), drop_consecutive=True),
    Setting(
        "combined-0.33",
        rate=0.33,
        force_tokens=("\n", "?", "!"),
        force_reserve_digit=True,
        drop_consecutive=True,
    ),
    # A single context turns the context-level filter off inside the reference.
    Setting("filter-single-context", use_context_level_filter=True),
]
LIST_SETTINGS = [
    Setting("filter-rate-0.5", use_context_level_filter=True),
    Setting("filter-rate-0.33", rate=0.33, use_context_level_filter=True),
    Setting("filter-target-100", target_token=100, use_context_level_filter=True),
    Setting("filter-target-200", target_token=200, use_context_level_filter=True),
    Setting("no-filter-rate-0.5"),
    Setting(
        "filter-force-drop",
        force_tokens=("\n", "?", "!", ","),
        force_reserve_digit=True,
        drop_consecutive=True,
        use_context_level_filter=True,
    ),
]

# Short and medium corpus inputs that run every single-context setting.
FULL_MATRIX_INPUTS = {
    "text-01",
    "text-02",
    "text-09",
    "text-11",
    "text-13",
    "text-14",
    "messages-02-m2",
    "messages-03-m0-c0",
    "messages-05-m0-c0",
}
# Longer inputs that each add the one setting their content exercises.
EXTRA_PAIRS = {
    "text-04": ["force-multi-token"],
    "text-08": ["reserve-digit"],
    "text-12": ["force-newline"],
}


def inline_texts() -> list[tuple[str, str]]:
    """Project-written edge cases, as (name, text)."""
    return [
        ("inline-empty", ""),
        ("inline-spaces", "   \t  "),
        ("inline-newlines", "\n\n\n"),
        ("inline-whitespace-mix", "tabs\tand  double  spaces\r\nwindows line\u00a0nbsp\u3000wide"),
        (
            "inline-unknown-chars",
            "Launch 🦜🚀 today ⟁ with 龘 and 𠀋, then naïve café ﬁnal ½ ☃︎ ok.",
        ),
        ("inline-only-unknown", "🦜🦜 🦜"),
        ("inline-long-no-chunk-end", _long_text_without_chunk_ends()),
        (
            "inline-numbers",
            "Pi is 3.14 and e is 2.71828; 2^53+1 = 9007199254740993 is not exact as a double. "
            "Version 1.2.3 shipped on 2024-05-01 at 10:30 and cost $1,234.56 (12% more).",
        ),
        (
            "inline-multi-token-force",
            "Question: what is 2+2?\nAnswer: 4\nQuestion: and 3+3?\nAnswer: 6\n"
            "Question:Question: twice, then the end.",
        ),
        (
            "inline-repeated-force",
            "Wait!!! Really??? Yes, yes, , , no!\n\n\nNext line?? ok!! ,,, done?!\n\n"
            "A calm sentence with nothing forced in it at all, ,\n\nEnd!",
        ),
        (
            "inline-special-literals",
            "Literal markers [CLS] [SEP] [PAD] [UNK] [MASK] <s> </s> <pad> <unk> <mask> "
            "and [NEW0] or [NEW2] stay in this text.\nSecond line? Yes!",
        ),
        ("inline-tiktoken-special", "Stop at <|endoftext|> here, please."),
    ]


def build_cases(corpus_dir: Path) -> list[Case]:
    inputs = []
    for item in corpus.read_text_inputs(corpus_dir) + corpus.read_user_message_inputs(corpus_dir):
        if item.name in FULL_MATRIX_INPUTS:
            settings = SINGLE_SETTINGS
        else:
            extra = EXTRA_PAIRS.get(item.name, [])
            settings = [s for s in SINGLE_SETTINGS if s.name == "rate-0.5" or s.name in extra]
        inputs.append(_Input(item.name, item.source, item.text, settings))
    for name, text in inline_texts():
        inputs.append(_Input(name, "inline", text, SINGLE_SETTINGS))
    for name, source, contexts in _context_lists(corpus_dir):
        inputs.append(_Input(name, source, contexts, LIST_SETTINGS))

    cases = [
        Case(f"{item.name}:{setting.name}", item.source, item.context, setting)
        for item in inputs
        for setting in item.settings
    ]
    ids = [case.id for case in cases]
    if len(ids) != len(set(ids)):
        raise AssertionError("duplicate case ids")
    return cases


def _context_lists(corpus_dir: Path) -> list[tuple[str, str, list[str]]]:
    """Lists of consecutive paragraphs, the parts of one message, and an empty context."""
    lists = []
    for prefix, start, stop in (("02", 0, 4), ("03", 1, 6), ("04", 3, 9)):
        path = corpus.find_text_file(corpus_dir, prefix)
        paragraphs = corpus.read_paragraphs(path)[start:stop]
        source = f"corpus:text/{path.name}#paragraphs[{start}:{stop}]"
        lists.append((f"list-text-{prefix}-p{start}-{stop}", source, paragraphs))

    parts = corpus.read_user_message_parts(corpus_dir, "03", 0)
    (message_file,) = sorted(
        p.name for p in (corpus_dir / "messages").iterdir() if p.name.startswith("03")
    )
    source = f"corpus:messages/{message_file}#messages[0].content[0:{len(parts)}]"
    lists.append(("list-messages-03-m0", source, parts))

    # An empty context makes the filter average over zero words.
    lists.append(
        (
            "list-inline-with-empty",
            "inline",
            ["A short first context about 3 apples.", "", "The third context asks: why?"],
        )
    )
    return lists


def _long_text_without_chunk_ends() -> str:
    """Well over 512 model tokens with no "." and no newline, so chunks end at the size limit."""
    colours = ["red", "green", "blue", "amber", "violet", "teal", "ochre"]
    steps = [
        f"step {i} moves the {colours[i % len(colours)]} marker {i * 7 % 31} cells left"
        for i in range(160)
    ]
    return ", ".join(steps)
