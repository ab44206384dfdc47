"""Writes a BERT-base-sized random-weight token classifier as an ONNX model folder.

The benchmark needs the cost of a real LLMLingua-2 model (12 layers, hidden 768, 12 heads,
intermediate 3072, 512 positions, as bert-base-multilingual-cased) without its weights, which
cannot be fetched here. The weights are random: what is timed is the arithmetic, which depends
on the shapes only. The vocabulary is the tiny test model's, so the committed tokenizer can be
reused; a 119,547-row embedding would only add a table lookup per token.

The folder gets model.onnx (about 350 MB, one file), config.json, and copies of the tiny
model's tokenizer.json and special_tokens_map.json. The export is checked against torch on
one 512-position sequence before the folder is kept.
"""

import argparse
import json
import shutil
import sys
from pathlib import Path

import numpy as np
import onnxruntime
import torch
from transformers import BertConfig, BertForTokenClassification

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools" / "reference"))
from onnx_export import export_onnx  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
TINY_MODEL = REPO / "src/test/resources/lingua/models/tiny-bert-base-multilingual-cased"
DEFAULT_OUT = REPO / "bench/lingua/work/base-12-layer-bert-base-multilingual-cased"
COPIED_FILES = ("tokenizer.json", "special_tokens_map.json")
SEED = 20_260_512
OPSET = 17
MAX_ABS_LOGIT_DIFFERENCE = 1e-3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    if not (TINY_MODEL / "tokenizer.json").is_file():
        sys.exit(f"{TINY_MODEL}: tokenizer.json not found; the tiny test model is needed")

    vocab_size = json.loads((TINY_MODEL / "config.json").read_text())["vocab_size"]
    config = BertConfig(
        vocab_size=vocab_size,
        hidden_size=768,
        num_hidden_layers=12,
        num_attention_heads=12,
        intermediate_size=3072,
        max_position_embeddings=512,
        num_labels=2,
    )
    torch.manual_seed(SEED)
    model = BertForTokenClassification(config).eval()

    # Written beside the target first, so an interrupted export never leaves a folder that
    # looks complete.
    staging = args.out.with_name(args.out.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    export_onnx(model, staging / "model.onnx")
    difference = _check(model, staging / "model.onnx", vocab_size)
    config.save_pretrained(staging)
    for name in COPIED_FILES:
        shutil.copyfile(TINY_MODEL / name, staging / name)

    shutil.rmtree(args.out, ignore_errors=True)
    staging.rename(args.out)
    size_mb = (args.out / "model.onnx").stat().st_size / 1e6
    print(f"wrote {args.out} ({size_mb:.0f} MB, max logit difference {difference:.2e})")


def _check(model: torch.nn.Module, path: Path, vocab_size: int) -> float:
    generator = torch.Generator().manual_seed(SEED)
    ids = torch.randint(5, vocab_size, (1, 512), generator=generator)
    mask = torch.ones_like(ids)
    with torch.no_grad():
        expected = model(input_ids=ids, attention_mask=mask).logits.numpy()
    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    (actual,) = session.run(["logits"], {"input_ids": ids.numpy(), "attention_mask": mask.numpy()})
    difference = float(np.max(np.abs(actual - expected)))
    if difference >= MAX_ABS_LOGIT_DIFFERENCE:
        raise AssertionError(f"{path}: ONNX logits differ from torch by {difference}")
    return difference


if __name__ == "__main__":
    main()
