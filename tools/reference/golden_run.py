"""Runs the golden cases through one reference compressor, writes them and prints a summary.

Each case calls compress_prompt exactly as a client would. An exception from the reference is
an outcome worth pinning (the Java side must fail the same way), so it is recorded by type and
the run goes on; a failure of the probe or of the record checks stops the run.
"""

import statistics
from collections import Counter
from pathlib import Path

from golden_cases import Case
from golden_records import error_record, result_record, write_jsonl_gz
from reference_probe import CaseTrace, ProbeError, ReferenceProbe

NEAR_THRESHOLD = 1e-6


def run_cases(compressor, cases: list[Case], path: Path, model_name: str) -> list[dict]:
    records = []
    pairs = []
    dtypes = Counter()
    with ReferenceProbe() as probe:
        for case in cases:
            trace = probe.start_case()
            try:
                result = _compress(compressor, case)
            except ProbeError:
                raise
            except Exception as error:  # noqa: BLE001 - the reference's failure is the golden
                records.append(error_record(case, error))
                continue
            records.append(result_record(case, result, trace))
            pairs.extend(_probability_threshold_pairs(trace))
            dtypes.update(p.dtype for p in _percentiles(trace))

    write_jsonl_gz(path, records)
    _print_summary(model_name, compressor.tokenizer, records, pairs, path)
    print(f"[{model_name}] np.percentile input types: {dict(dtypes)}")
    return records


def _compress(compressor, case: Case) -> dict:
    setting = case.setting
    context = case.context if isinstance(case.context, str) else list(case.context)
    return compressor.compress_prompt(
        context,
        rate=setting.rate,
        target_token=setting.target_token,
        force_tokens=list(setting.force_tokens),
        force_reserve_digit=setting.force_reserve_digit,
        drop_consecutive=setting.drop_consecutive,
        use_context_level_filter=setting.use_context_level_filter,
        return_word_label=True,
    )


def _probability_threshold_pairs(trace: CaseTrace) -> list[tuple[float, float]]:
    pairs = []
    for call in trace.compress_calls:
        for chunk in call.chunks:
            threshold = chunk.percentiles[-1].value
            pairs.extend((float(p), threshold) for p in chunk.probs)
    return pairs


def _percentiles(trace: CaseTrace) -> list:
    chunks = [c for call in trace.compress_calls for c in call.chunks]
    return trace.context_percentiles + [p for c in chunks for p in c.percentiles]


def _print_summary(model_name, tokenizer, records, pairs, path: Path) -> None:
    errors = Counter(r["error"] for r in records if "error" in r)
    results = [r for r in records if "error" not in r]
    unknown = sum(1 for r in results if _has_unknown_token(tokenizer, r))
    overlong = sum(
        1 for r in results for c in r["chunks"] if len(tokenizer.tokenize(c["text"])) > 510
    )
    model_probs = [p for p, _ in pairs if p not in (0.0, 1.0)]
    near = sum(1 for p, t in pairs if abs(p - t) <= NEAR_THRESHOLD)
    exact = sum(1 for p, t in pairs if p == t)
    inside = sum(1 for p in model_probs if 0.05 < p < 0.95)

    prefix = f"[{model_name}]"
    print(f"{prefix} {len(records)} cases, {sum(errors.values())} errors {dict(errors)}")
    print(f"{prefix} {unknown} cases with an unknown token in a chunk")
    print(f"{prefix} {overlong} chunks over 510 model tokens when tokenized again")
    print(
        f"{prefix} model word probabilities: n={len(model_probs)} min={min(model_probs)!r} "
        f"median={statistics.median(model_probs)!r} max={max(model_probs)!r} "
        f"in (0.05, 0.95): {inside / len(model_probs):.1%}"
    )
    print(f"{prefix} words within {NEAR_THRESHOLD} of their threshold: {near} (equal: {exact})")
    print(f"{prefix} wrote {path} ({path.stat().st_size} bytes)")


def _has_unknown_token(tokenizer, record: dict) -> bool:
    unknown_id = tokenizer.unk_token_id
    for chunk in record["chunks"]:
        if unknown_id in tokenizer(chunk["text"], add_special_tokens=False).input_ids:
            return True
    return False
