"""Exports an LLMLingua-2 model as the origin loads it (MODEL_DIR): ONNX graph plus tokenizer.

The model passes through the reference's own initialisation first: `PromptCompressor` adds the
special tokens [NEW0]..[NEW99] and grows the embeddings with seeded random rows, and the Java
side must see those exact rows and ids. So this loads the model with `use_llmlingua2=True`,
exports the model and tokenizer the reference ended up with, and checks the ONNX logits against
torch on a few texts.

    python export_model.py microsoft/llmlingua-2-bert-base-multilingual-cased-meetingbank out/bert

The model argument is a Hugging Face model id (needs the hub) or a local folder with PyTorch
weights; its name must contain `bert-base-multilingual-cased` or `xlm-roberta-large`, which is
how the reference picks its word rules.
"""

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import onnx
from llmlingua import PromptCompressor

from onnx_export import export_onnx, verify_onnx

# protobuf cannot hold a graph over 2 GB: larger models keep their weights in one file beside it.
SINGLE_FILE_LIMIT = 1_800_000_000
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json")
CHECK_TEXTS = [
    "The committee approved the budget of $1,020 on Tuesday, 3 March.",
    "Item 11 is a communication from Council recommending an increase.\n\nSpeaker 0: Thank you.",
    "会议于下午三点开始，讨论了预算问题。",
]


def main() -> None:
    args = _parse_args()
    name = args.model
    if "bert-base-multilingual-cased" not in name and "xlm-roberta-large" not in name:
        sys.exit(f"{name}: the name must contain bert-base-multilingual-cased or xlm-roberta-large")
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    compressor = PromptCompressor(model_name=name, device_map="cpu", use_llmlingua2=True)
    model = compressor.model.eval()
    tokenizer = compressor.tokenizer

    with tempfile.TemporaryDirectory() as work:
        saved = Path(work)
        tokenizer.save_pretrained(saved)
        model.config.save_pretrained(saved)
        for file in (*TOKENIZER_FILES, "config.json"):
            shutil.copyfile(saved / file, out / file)

        graph = saved / "model.onnx"
        export_onnx(model, graph)
        size = sum(f.stat().st_size for f in saved.iterdir() if f.name.startswith("model.onnx"))
        proto = onnx.load(str(graph), load_external_data=True)
        for old in out.glob("model.onnx*"):
            old.unlink()
        if size > SINGLE_FILE_LIMIT:
            onnx.save_model(
                proto,
                str(out / "model.onnx"),
                save_as_external_data=True,
                all_tensors_to_one_file=True,
                location="model.onnx_data",
            )
        else:
            onnx.save_model(proto, str(out / "model.onnx"))

    differences = verify_onnx(model, tokenizer, out / "model.onnx", CHECK_TEXTS)
    print(f"{out}: exported; max |logit difference| vs torch {differences}")


def _parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", help="Hugging Face model id or folder with PyTorch weights")
    parser.add_argument("out", type=Path, help="folder to write (becomes MODEL_DIR)")
    return parser.parse_args()


if __name__ == "__main__":
    main()
