"""Turns one compress_prompt call and its probe trace into a golden record.

The words and labels are rebuilt the way compress_prompt_llmlingua2 assembles its word-label
string (kept contexts from __compress, filtered-out contexts from __get_context_prob with
label 0) and then checked against that string, so a record can only hold what the reference
really emitted.
"""

import gzip
import json
from pathlib import Path

from golden_cases import Case
from reference_probe import CaseTrace, ChunkTrace

WORD_SEPARATOR = "\t\t|\t\t"
LABEL_SEPARATOR = " "


def case_input(case: Case) -> dict:
    setting = case.setting
    return {
        "source": case.source,
        "context": case.context,
        "rate": setting.rate,
        "target_token": setting.target_token,
        "force_tokens": list(setting.force_tokens),
        "force_reserve_digit": setting.force_reserve_digit,
        "drop_consecutive": setting.drop_consecutive,
        "use_context_level_filter": setting.use_context_level_filter,
    }


def error_record(case: Case, error: Exception) -> dict:
    return {"id": case.id, "input": case_input(case), "error": type(error).__name__}


def result_record(case: Case, result: dict, trace: CaseTrace) -> dict:
    if len(trace.compress_calls) != 1:
        raise AssertionError(f"{case.id}: {len(trace.compress_calls)} calls of __compress")
    call = trace.compress_calls[0]
    _, compressed_words, compressed_labels = call.result
    filtered = trace.context_result is not None
    kept = [any(c is chunks for c in call.contexts) for chunks in trace.chunk_lists]
    kept_chunks = sum(len(t) for t, k in zip(trace.chunk_texts, kept) if k)
    model_ran = len(call.chunks) > 0
    if model_ran and len(call.chunks) != kept_chunks:
        raise AssertionError(f"{case.id}: {len(call.chunks)} traced chunks, {kept_chunks} kept")

    words, labels, word_probs, chunks = [], [], [], []
    compressed_chunks = iter(call.chunks)
    context_chunks = iter(trace.context_chunks)
    kept_index = 0
    for index, texts in enumerate(trace.chunk_texts):
        traces = [next(context_chunks) for _ in texts] if filtered else []
        if not kept[index]:
            # Filtered out: the reference reports its context-level words, all labelled 0.
            context_words = trace.context_result[1][index]
            words.extend(context_words)
            labels.extend([0] * len(context_words))
            word_probs.extend([None] * len(context_words))
            chunks.extend(_chunk(index, text, t, None) for text, t in zip(texts, traces))
            continue

        context_words = compressed_words[kept_index]
        words.extend(context_words)
        labels.extend(compressed_labels[kept_index])
        kept_index += 1
        if not model_ran:
            # A reduce rate of 0 keeps every word of a regex split; no model call, no threshold.
            word_probs.extend([None] * len(context_words))
            chunks.extend(_chunk(index, text, None, None) for text in texts)
            continue

        traced = [next(compressed_chunks) for _ in texts]
        chunk_words = [w for t in traced for w in t.words]
        if chunk_words != list(context_words):
            raise AssertionError(f"{case.id}: traced words differ from the returned words")
        word_probs.extend(float(p) for t in traced for p in t.probs)
        chunks.extend(_chunk(index, text, t, case) for text, t in zip(texts, traced))

    _check_word_labels(case, result, words, labels)
    record = {
        "id": case.id,
        "input": case_input(case),
        "result": {k: v for k, v in result.items() if k != "fn_labeled_original_prompt"},
        "words": list(words),
        "labels": "".join(str(label) for label in labels),
        "chunks": chunks,
        "word_probs": word_probs,
    }
    if filtered:
        (threshold,) = trace.context_percentiles
        record["context_probs"] = [float(p) for p in trace.context_result[0]]
        record["context_threshold"] = threshold.value
    return record


def _chunk(index: int, text: str, trace: ChunkTrace | None, case: Case | None) -> dict:
    """case is given only for chunks that met a threshold (kept contexts, model run)."""
    chunk = {
        "context": index,
        "text": text,
        "words": None if trace is None else len(trace.words),
        "threshold": None,
        "threshold_tokens": None,
        "drop_consecutive_threshold": None,
    }
    if case is None:
        return chunk

    expected = 2 if case.setting.drop_consecutive else 1
    if len(trace.percentiles) != expected:
        raise AssertionError(f"{case.id}: {len(trace.percentiles)} thresholds in one chunk")
    main = trace.percentiles[-1]
    chunk["threshold"] = main.value
    chunk["threshold_tokens"] = main.length
    if case.setting.drop_consecutive:
        chunk["drop_consecutive_threshold"] = trace.percentiles[0].value
    return chunk


def _check_word_labels(case: Case, result: dict, words: list, labels: list) -> None:
    expected = result["fn_labeled_original_prompt"]
    pairs = zip(words, labels)
    rebuilt = WORD_SEPARATOR.join(f"{word}{LABEL_SEPARATOR}{label}" for word, label in pairs)
    if rebuilt != expected:
        raise AssertionError(f"{case.id}: rebuilt word labels differ from the reference's")


def write_jsonl_gz(path: Path, records: list[dict]) -> None:
    """One compact JSON object per line; a fixed gzip header so reruns are byte-identical."""
    lines = [
        json.dumps(record, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        for record in records
    ]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as out:
            out.write(data)
