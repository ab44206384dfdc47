"""Reads the shared prompt corpus: training text for the tokenizers and inputs for the goldens.

Every listing is sorted so that the same corpus always yields the same order, which the
tokenizer trainers and the golden case ids depend on.
"""

import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CorpusInput:
    """One golden input taken from the corpus.

    name: short id used in case ids, e.g. "text-01" or "messages-03-m0-c1".
    source: where the text comes from, e.g. "corpus:messages/03-x.json#messages[0].content[1]".
    """

    name: str
    source: str
    text: str


def read_training_texts(corpus_dir: Path) -> list[str]:
    """Every text file, then every string value inside the message and JSON payload files."""
    texts = [path.read_text(encoding="utf-8") for path in _sorted_files(corpus_dir / "text")]
    for folder in ("messages", "json"):
        for path in _sorted_files(corpus_dir / folder):
            texts.extend(_string_values(json.loads(path.read_text(encoding="utf-8"))))
    return texts


def read_text_inputs(corpus_dir: Path) -> list[CorpusInput]:
    """One input per file in corpus/text, named after its two-digit prefix."""
    inputs = []
    for path in _sorted_files(corpus_dir / "text"):
        inputs.append(
            CorpusInput(
                name=f"text-{path.name[:2]}",
                source=f"corpus:text/{path.name}",
                text=path.read_text(encoding="utf-8"),
            )
        )
    return inputs


def read_user_message_inputs(corpus_dir: Path) -> list[CorpusInput]:
    """The text a client sends in user messages: string contents and each "text" part.

    Tool results, images and the other roles are left out: they are not user-written text.
    """
    inputs = []
    for path in _sorted_files(corpus_dir / "messages"):
        request = json.loads(path.read_text(encoding="utf-8"))
        for m, message in enumerate(request["messages"]):
            if message["role"] != "user":
                continue
            content = message["content"]
            base = f"corpus:messages/{path.name}#messages[{m}].content"
            name = f"messages-{path.name[:2]}-m{m}"
            if isinstance(content, str):
                inputs.append(CorpusInput(name=name, source=base, text=content))
                continue

            for c, part in enumerate(content):
                if part.get("type") == "text":
                    inputs.append(
                        CorpusInput(name=f"{name}-c{c}", source=f"{base}[{c}]", text=part["text"])
                    )
    return inputs


def read_user_message_parts(corpus_dir: Path, file_prefix: str, message_index: int) -> list[str]:
    """The text parts of one user message, in order, for a multi-context case."""
    (path,) = [p for p in _sorted_files(corpus_dir / "messages") if p.name.startswith(file_prefix)]
    content = json.loads(path.read_text(encoding="utf-8"))["messages"][message_index]["content"]
    return [part["text"] for part in content if part.get("type") == "text"]


def find_text_file(corpus_dir: Path, file_prefix: str) -> Path:
    (path,) = [p for p in _sorted_files(corpus_dir / "text") if p.name.startswith(file_prefix)]
    return path


def read_paragraphs(path: Path) -> list[str]:
    """Paragraphs are the pieces between blank lines ("\\n\\n"), kept verbatim."""
    return path.read_text(encoding="utf-8").split("\n\n")


def _sorted_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.iterdir() if path.is_file())


def _string_values(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _string_values(item)]
    if isinstance(value, list):
        return [s for item in value for s in _string_values(item)]
    return []
