"""Builds the tiny random-weight token classifiers and passes them through the reference's loader.

The reference chooses its word-merging and special-token rules by substring of the model
name, so each folder name carries the real model's name. Its constructor adds the tokens
[NEW0]..[NEW99] and grows the embedding matrix with random rows; the model and tokenizer are
saved after that step, so the committed ids and rows are exactly the ones the reference used.
"""

from dataclasses import dataclass
from pathlib import Path

import torch
from llmlingua import PromptCompressor
from safetensors.torch import load_file
from transformers import (
    BertConfig,
    BertForTokenClassification,
    XLMRobertaConfig,
    XLMRobertaForTokenClassification,
)

BERT_NAME = "tiny-bert-base-multilingual-cased"
XLM_ROBERTA_NAME = "tiny-xlm-roberta-large"

HIDDEN_SIZE = 32
LAYERS = 2
HEADS = 2
INTERMEDIATE_SIZE = 64

# The encoder's hidden states leave a LayerNorm with unit variance per dimension, so the
# logit difference of the two labels has a standard deviation of std * sqrt(2 * 32) = 8 * std.
# At the default 0.02 every probability sits within a few hundredths of 0.5 and the kept/dropped
# split becomes a matter of float noise. 0.2 gives a spread of about 1.6: over the goldens, 96-97%
# of the model's word probabilities fall in (0.05, 0.95) and the extremes stay rare.
CLASSIFIER_STD = 0.2


@dataclass(frozen=True)
class ModelFamily:
    name: str
    seed: int

    def build(self, vocab_size: int) -> torch.nn.Module:
        """A seeded random classifier whose output layer is drawn again with CLASSIFIER_STD."""
        torch.manual_seed(self.seed)
        if self.name == BERT_NAME:
            model = BertForTokenClassification(_bert_config(vocab_size))
        else:
            model = XLMRobertaForTokenClassification(_xlm_roberta_config(vocab_size))

        generator = torch.Generator().manual_seed(self.seed + 1)
        with torch.no_grad():
            model.classifier.weight.normal_(0.0, CLASSIFIER_STD, generator=generator)
            model.classifier.bias.zero_()
        return model.eval()


def save_stage(tokenizer, model, stage_dir: Path) -> None:
    """The folder the reference is first pointed at: trained tokenizer, freshly drawn weights."""
    tokenizer.save_pretrained(stage_dir)
    model.save_pretrained(stage_dir)


def finalize_through_reference(stage_dir: Path, final_dir: Path) -> None:
    """Runs the reference's constructor once and keeps the model and tokenizer it produced."""
    compressor = open_reference(stage_dir)
    # Otherwise config.json records this machine's path to the stage folder.
    compressor.model.config._name_or_path = final_dir.name
    compressor.model.save_pretrained(final_dir)
    compressor.tokenizer.save_pretrained(final_dir)


def open_reference(model_dir: Path) -> PromptCompressor:
    """The reference exactly as a client builds it."""
    return PromptCompressor(model_name=str(model_dir), device_map="cpu", use_llmlingua2=True)


def open_final_reference(final_dir: Path) -> PromptCompressor:
    """Loads the final folder and proves the constructor did not resize a second time."""
    compressor = open_reference(final_dir)
    saved = load_file(final_dir / "model.safetensors")
    loaded = compressor.model.state_dict()
    if set(saved) != set(loaded):
        raise AssertionError(f"{final_dir}: weight names differ: {set(saved) ^ set(loaded)}")
    for key, tensor in saved.items():
        if not torch.equal(tensor, loaded[key]):
            raise AssertionError(f"{final_dir}: weights of {key} changed on reload")
    if compressor.model.config.vocab_size != len(compressor.tokenizer):
        raise AssertionError(
            f"{final_dir}: vocab {compressor.model.config.vocab_size} != tokenizer"
        )
    return compressor


def _bert_config(vocab_size: int) -> BertConfig:
    return BertConfig(
        vocab_size=vocab_size,
        hidden_size=HIDDEN_SIZE,
        num_hidden_layers=LAYERS,
        num_attention_heads=HEADS,
        intermediate_size=INTERMEDIATE_SIZE,
        max_position_embeddings=512,
        num_labels=2,
    )


def _xlm_roberta_config(vocab_size: int) -> XLMRobertaConfig:
    # Positions start after the padding id (1), so 512 tokens need 514 position rows.
    return XLMRobertaConfig(
        vocab_size=vocab_size,
        hidden_size=HIDDEN_SIZE,
        num_hidden_layers=LAYERS,
        num_attention_heads=HEADS,
        intermediate_size=INTERMEDIATE_SIZE,
        max_position_embeddings=514,
        type_vocab_size=1,
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
        num_labels=2,
    )
