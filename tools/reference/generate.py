"""Builds the tiny LLMLingua-2 test models and the golden results of the reference on them.

Steps: train a WordPiece and a Unigram tokenizer on the shared corpus; draw a tiny random
token classifier for each; pass each through the reference's PromptCompressor once and keep
what it produced; export it to ONNX and check the export; run the golden cases through a
fresh PromptCompressor and write every decision it made. Reruns are byte-identical.
"""

import os

# Set before torch starts its thread pool: torch's CPU kernels split their sums by thread, so
# one thread makes the probabilities independent of the machine's core count.
os.environ["OMP_NUM_THREADS"] = "1"

import argparse  # noqa: E402
import hashlib  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from tiktoken_offline import provide_tiktoken_vocabulary  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[2]
JTOKKIT_JAR = Path.home() / ".m2/repository/com/knuddels/jtokkit/1.1.0/jtokkit-1.1.0.jar"
COMMITTED_MODEL_FILES = [
    "config.json",
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
]
WORDPIECE_VOCAB_SIZE = 5000
WORDPIECE_ALPHABET = 1000
# The converter adds <pad> and <mask> to the SentencePiece pieces.
SENTENCEPIECE_VOCAB_SIZE = 5000


def main() -> None:
    args = _parse_args()
    provide_tiktoken_vocabulary(args.work / "tiktoken-cache", args.jtokkit_jar)

    import torch

    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)

    import corpus
    import golden_cases
    import golden_run
    import onnx_export
    import tiny_models
    import tokenizer_training

    texts = corpus.read_training_texts(args.corpus)
    tokenizers = {
        tiny_models.BERT_NAME: tokenizer_training.train_wordpiece(
            texts, WORDPIECE_VOCAB_SIZE, WORDPIECE_ALPHABET
        ),
        tiny_models.XLM_ROBERTA_NAME: tokenizer_training.train_unigram(
            texts, SENTENCEPIECE_VOCAB_SIZE, args.work / "sentencepiece"
        ),
    }
    families = [
        tiny_models.ModelFamily(tiny_models.BERT_NAME, seed=11),
        tiny_models.ModelFamily(tiny_models.XLM_ROBERTA_NAME, seed=23),
    ]
    cases = golden_cases.build_cases(args.corpus)
    check_texts = _onnx_check_texts(cases)

    for family in families:
        tokenizer = tokenizers[family.name]
        stage_dir = args.work / "stage" / family.name
        final_dir = args.work / "final" / family.name
        for folder in (stage_dir, final_dir):
            shutil.rmtree(folder, ignore_errors=True)
        tiny_models.save_stage(tokenizer, family.build(len(tokenizer)), stage_dir)
        tiny_models.finalize_through_reference(stage_dir, final_dir)
        compressor = tiny_models.open_final_reference(final_dir)
        pieces = compressor.tokenizer.tokenize(golden_cases.MULTI_TOKEN_FORCE_TOKEN)
        if len(pieces) < 2:
            raise AssertionError(f"[{family.name}] multi-token force token is one token")

        model_dir = args.output / "models" / family.name
        shutil.rmtree(model_dir, ignore_errors=True)
        model_dir.mkdir(parents=True)
        for name in COMMITTED_MODEL_FILES:
            shutil.copyfile(final_dir / name, model_dir / name)
        onnx_export.export_onnx(compressor.model, model_dir / "model.onnx")
        differences = onnx_export.verify_onnx(
            compressor.model, compressor.tokenizer, model_dir / "model.onnx", check_texts
        )
        print(
            f"[{family.name}] vocab {len(tokenizer)} -> {len(compressor.tokenizer)}; "
            f"ONNX vs torch max |logit difference| {differences}"
        )

        golden_path = args.output / "golden" / f"{family.name}.jsonl.gz"
        golden_run.run_cases(compressor, cases, golden_path, family.name)

    for path in sorted(args.output.rglob("*")):
        if path.is_file():
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            print(f"{digest}  {path.stat().st_size:>9}  {path.relative_to(args.output)}")


def _onnx_check_texts(cases) -> list[str]:
    """Every fourth single-context input: empty, short and over-long texts share a batch."""
    texts = [
        c.context for c in cases if c.setting.name == "rate-0.5" and isinstance(c.context, str)
    ]
    return texts[::4]


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus",
        type=Path,
        default=REPO_ROOT.parent / "shared" / "corpus",
        help="the shared corpus folder (default: ../shared/corpus beside the repository)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=REPO_ROOT / "src" / "test" / "resources" / "lingua",
        help="where models/ and golden/ are written",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=Path(__file__).resolve().parent / "work",
        help="scratch folder for the stage and final model folders (not committed)",
    )
    parser.add_argument(
        "--jtokkit-jar",
        type=Path,
        default=JTOKKIT_JAR,
        help="JTokkit jar whose bundled cl100k_base vocabulary serves tiktoken offline",
    )
    args = parser.parse_args()
    if not (args.corpus / "text").is_dir():
        sys.exit(f"corpus folder {args.corpus} has no text/ folder; pass --corpus")
    return args


if __name__ == "__main__":
    main()
