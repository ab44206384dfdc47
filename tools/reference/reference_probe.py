"""Records what the reference decided inside compress_prompt, without changing what it does.

compress_prompt returns the kept text and a "word label" string whose separators can occur
inside words, so the probe wraps the reference's private steps and keeps what they return:

- __chunk_context: each context's chunk strings. They are copied at once because the
  reference later rewrites the same list in place.
- __merge_token_to_word and __token_prob_to_word_prob: each chunk's words and word
  probabilities. The probability list is the very object that drop_consecutive edits in
  place, so reading it after compress_prompt returns gives the values the threshold met.
- np.percentile as the reference module sees it: every threshold and its input length.
- __get_context_prob and __compress: which phase a chunk belongs to, which contexts survived
  the context-level filter, and the per-context words and labels.
"""

from dataclasses import dataclass, field

import llmlingua.prompt_compressor as reference_module
import numpy
from llmlingua import PromptCompressor

_PRIVATE = "_PromptCompressor__"


@dataclass
class Percentile:
    length: int
    value: float
    dtype: str


@dataclass
class ChunkTrace:
    words: list
    probs: list | None = None
    percentiles: list[Percentile] = field(default_factory=list)


@dataclass
class CompressCall:
    contexts: list
    chunks: list[ChunkTrace] = field(default_factory=list)
    result: tuple | None = None


@dataclass
class CaseTrace:
    chunk_lists: list = field(default_factory=list)
    chunk_texts: list[list[str]] = field(default_factory=list)
    context_chunks: list[ChunkTrace] = field(default_factory=list)
    context_result: tuple | None = None
    context_percentiles: list[Percentile] = field(default_factory=list)
    compress_calls: list[CompressCall] = field(default_factory=list)


class ProbeError(AssertionError):
    """The probe met a call order it does not understand; never a reference outcome."""


class _NumpyRecordingPercentile:
    """Stands in for numpy inside the reference module only; every other name passes through."""

    def __init__(self, probe: "ReferenceProbe"):
        self._probe = probe

    def __getattr__(self, name):
        return getattr(numpy, name)

    def percentile(self, a, q, *args, **kwargs):
        value = numpy.percentile(a, q, *args, **kwargs)
        self._probe._on_percentile(Percentile(len(a), float(value), str(numpy.asarray(a).dtype)))
        return value


class ReferenceProbe:
    """Use as a context manager; call start_case() before each compress_prompt."""

    def __init__(self):
        self.trace = CaseTrace()
        self._phase = None
        self._originals = {}

    def start_case(self) -> CaseTrace:
        self.trace = CaseTrace()
        self._phase = None
        return self.trace

    def __enter__(self):
        self._originals["np"] = reference_module.np
        reference_module.np = _NumpyRecordingPercentile(self)
        wrappers = {
            "chunk_context": self._wrap_chunk_context,
            "get_context_prob": self._wrap_phase("context"),
            "compress": self._wrap_phase("compress"),
            "merge_token_to_word": self._wrap_merge,
            "token_prob_to_word_prob": self._wrap_word_probs,
        }
        for name, wrap in wrappers.items():
            original = getattr(PromptCompressor, _PRIVATE + name)
            self._originals[name] = original
            setattr(PromptCompressor, _PRIVATE + name, wrap(original))
        return self

    def __exit__(self, *exc_info):
        reference_module.np = self._originals.pop("np")
        for name, original in self._originals.items():
            setattr(PromptCompressor, _PRIVATE + name, original)
        self._originals.clear()

    def _wrap_chunk_context(self, original):
        def chunk_context(compressor, *args, **kwargs):
            chunks = original(compressor, *args, **kwargs)
            self.trace.chunk_lists.append(chunks)
            self.trace.chunk_texts.append(list(chunks))
            return chunks

        return chunk_context

    def _wrap_phase(self, phase):
        def wrap(original):
            def run_phase(compressor, *args, **kwargs):
                if phase == "compress":
                    contexts = args[0] if args else kwargs["context_list"]
                    self.trace.compress_calls.append(CompressCall(contexts=list(contexts)))
                self._phase = phase
                try:
                    result = original(compressor, *args, **kwargs)
                finally:
                    self._phase = None
                if phase == "compress":
                    self.trace.compress_calls[-1].result = result
                else:
                    self.trace.context_result = result
                return result

            return run_phase

        return wrap

    def _wrap_merge(self, original):
        def merge(compressor, *args, **kwargs):
            result = original(compressor, *args, **kwargs)
            self._chunk_list().append(ChunkTrace(words=result[0]))
            return result

        return merge

    def _wrap_word_probs(self, original):
        def word_probs(compressor, *args, **kwargs):
            result = original(compressor, *args, **kwargs)
            self._chunk_list()[-1].probs = result
            return result

        return word_probs

    def _on_percentile(self, percentile: Percentile) -> None:
        if self._phase == "compress":
            self._chunk_list()[-1].percentiles.append(percentile)
        elif self._phase is None:
            self.trace.context_percentiles.append(percentile)
        else:
            raise ProbeError(f"percentile during phase {self._phase}")

    def _chunk_list(self) -> list[ChunkTrace]:
        if self._phase == "compress":
            return self.trace.compress_calls[-1].chunks
        if self._phase == "context":
            return self.trace.context_chunks
        raise ProbeError("word merging outside a model phase")
