"""Exports a token classifier to ONNX and checks the export against the torch model.

The check feeds both the way the reference does: every chunk padded to 512 positions, with
[CLS]/[SEP]/[PAD] as the reference writes them, and compares every position. It then runs
each sequence again unpadded, as a caller that trims padding would, and compares the real
positions.
"""

from pathlib import Path

import numpy as np
import onnxruntime
import torch
from llmlingua.utils import TokenClfDataset

OPSET = 17
MAX_ABS_LOGIT_DIFFERENCE = 1e-4


class _LogitsOnly(torch.nn.Module):
    def __init__(self, model: torch.nn.Module):
        super().__init__()
        self.model = model

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.model(input_ids=input_ids, attention_mask=attention_mask).logits


def export_onnx(model: torch.nn.Module, path: Path) -> None:
    """Writes one self-contained file: int64 input_ids and attention_mask in, float logits out."""
    example_ids = torch.full((2, 8), 5, dtype=torch.long)
    example_mask = torch.ones((2, 8), dtype=torch.long)
    torch.onnx.export(
        _LogitsOnly(model).eval(),
        (example_ids, example_mask),
        str(path),
        input_names=["input_ids", "attention_mask"],
        output_names=["logits"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "sequence"},
            "attention_mask": {0: "batch", 1: "sequence"},
            "logits": {0: "batch", 1: "sequence"},
        },
        opset_version=OPSET,
        do_constant_folding=True,
        dynamo=False,
    )


def verify_onnx(model: torch.nn.Module, tokenizer, path: Path, texts: list[str]) -> dict:
    """Largest absolute logit differences, padded and unpadded; raises past the tolerance."""
    session = onnxruntime.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    dataset = TokenClfDataset(texts, tokenizer=tokenizer, max_len=512)
    items = [dataset[i] for i in range(len(dataset))]
    ids = torch.stack([item["ids"] for item in items])
    mask = torch.stack([item["mask"] for item in items])

    with torch.no_grad():
        expected = model(input_ids=ids, attention_mask=mask == 1).logits.numpy()
    padded = session.run(["logits"], {"input_ids": ids.numpy(), "attention_mask": mask.numpy()})
    padded_difference = float(np.max(np.abs(padded[0] - expected)))

    unpadded_difference = 0.0
    for row in range(ids.shape[0]):
        length = int(mask[row].sum())
        feed = {
            "input_ids": ids[row : row + 1, :length].numpy(),
            "attention_mask": mask[row : row + 1, :length].numpy(),
        }
        (logits,) = session.run(["logits"], feed)
        difference = np.max(np.abs(logits[0] - expected[row, :length]))
        unpadded_difference = max(unpadded_difference, float(difference))

    differences = {"padded": padded_difference, "unpadded": unpadded_difference}
    if max(differences.values()) >= MAX_ABS_LOGIT_DIFFERENCE:
        raise AssertionError(f"{path}: ONNX logits differ from torch by {differences}")
    return differences
