"""Trains the two small tokenizers, each built like the tokenizer of the model it stands in for.

The reference picks its word-merging rules by model family, so each tokenizer copies the
pipeline of its family's real tokenizer; only the vocabulary is smaller and learnt from the
corpus. The trainers of the tokenizers library cannot be used for that: they walk Rust hash
maps seeded afresh in every process, so equal counts are ordered differently on every run and
each run learns a different vocabulary. The vocabularies are therefore learnt reproducibly:

- WordPiece, like bert-base-multilingual-cased: the library's BERT normalizer (no lowercasing,
  no accent stripping, CJK characters split apart) and BERT pre-tokenizer cut the corpus into
  words; the vocabulary comes from the procedure the library's WordPieceTrainer runs, BPE
  merges over "##"-continued characters, with ties broken by the pieces' text. Only the most
  frequent characters form the alphabet, so rare CJK characters and most emoji become [UNK],
  as many do in the real multilingual vocabulary.
- Unigram, like xlm-roberta-large: SentencePiece, the tool the real vocabulary came from,
  learns a unigram model with its default nmt_nfkc normalization and 0.9995 character
  coverage, and transformers' own converter turns it into the fast tokenizer: the precompiled
  nmt_nfkc map, trailing-space strip, runs of spaces collapsed, Metaspace "always", and the
  ids <s>=0, <pad>=1, </s>=2, <unk>=3 with <mask> last.
"""

import heapq
from collections import Counter, defaultdict
from pathlib import Path

import sentencepiece
from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers
from tokenizers.processors import TemplateProcessing
from transformers import BertTokenizerFast, XLMRobertaTokenizerFast

WORDPIECE_SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
CONTINUATION = "##"
MAX_INPUT_CHARS_PER_WORD = 100

# Both real models accept 512 positions; the reference chunks to that length anyway.
MODEL_MAX_LENGTH = 512


def train_wordpiece(texts: list[str], vocab_size: int, alphabet_size: int) -> BertTokenizerFast:
    """A bert-base-multilingual-cased look-alike with a vocabulary of vocab_size pieces."""
    tokenizer = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.BertNormalizer(
        clean_text=True, handle_chinese_chars=True, strip_accents=None, lowercase=False
    )
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()

    word_counts = Counter()
    for text in texts:
        normalized = tokenizer.normalizer.normalize_str(text)
        word_counts.update(word for word, _ in tokenizer.pre_tokenizer.pre_tokenize_str(normalized))
    pieces = learn_wordpiece_vocabulary(word_counts, vocab_size, alphabet_size)
    vocabulary = {piece: i for i, piece in enumerate(pieces)}
    tokenizer.model = models.WordPiece(
        vocabulary, unk_token="[UNK]", max_input_chars_per_word=MAX_INPUT_CHARS_PER_WORD
    )
    tokenizer.add_special_tokens(WORDPIECE_SPECIAL_TOKENS)

    tokenizer.post_processor = TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", vocabulary["[CLS]"]), ("[SEP]", vocabulary["[SEP]"])],
    )
    tokenizer.decoder = decoders.WordPiece(prefix=CONTINUATION, cleanup=True)

    # BertTokenizerFast rebuilds the normalizer when these flags disagree with it.
    return BertTokenizerFast(
        tokenizer_object=tokenizer,
        do_lower_case=False,
        strip_accents=None,
        tokenize_chinese_chars=True,
        unk_token="[UNK]",
        sep_token="[SEP]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        mask_token="[MASK]",
        model_max_length=MODEL_MAX_LENGTH,
    )


def learn_wordpiece_vocabulary(
    word_counts: Counter, vocab_size: int, alphabet_size: int
) -> list[str]:
    """Special tokens, the alphabet, then merged pieces in the order they were learnt.

    A word is its first character followed by "##"-prefixed characters; the most frequent
    adjacent pair is merged until the vocabulary is full. Words holding a character outside
    the alphabet, or longer than the word limit, are left out: WordPiece makes them [UNK] whole.
    """
    char_counts = Counter()
    for word, count in word_counts.items():
        for char in word:
            char_counts[char] += count
    alphabet = set(sorted(char_counts, key=lambda c: (-char_counts[c], c))[:alphabet_size])

    words, counts = [], []
    for word in sorted(word_counts):
        if len(word) <= MAX_INPUT_CHARS_PER_WORD and set(word) <= alphabet:
            words.append([word[0]] + [CONTINUATION + char for char in word[1:]])
            counts.append(word_counts[word])
    initial = sorted(alphabet) + sorted({s for w in words for s in w[1:]})
    pieces = WORDPIECE_SPECIAL_TOKENS + initial
    known = set(pieces)

    pair_counts = defaultdict(int)
    pair_words = defaultdict(set)
    for index, symbols in enumerate(words):
        for pair in zip(symbols, symbols[1:]):
            pair_counts[pair] += counts[index]
            pair_words[pair].add(index)
    heap = [(-count, pair) for pair, count in pair_counts.items()]
    heapq.heapify(heap)

    while len(pieces) < vocab_size and heap:
        negative_count, pair = heapq.heappop(heap)
        if pair_counts.get(pair, 0) != -negative_count or negative_count == 0:
            continue
        merged = pair[0] + pair[1][len(CONTINUATION) :]
        if merged not in known:
            known.add(merged)
            pieces.append(merged)
        changed = set()
        for index in sorted(pair_words.pop(pair)):
            _merge_in_word(words, counts, index, pair, merged, pair_counts, pair_words, changed)
        for changed_pair in sorted(changed):
            if pair_counts.get(changed_pair, 0) > 0:
                heapq.heappush(heap, (-pair_counts[changed_pair], changed_pair))
    return pieces


def _merge_in_word(words, counts, index, pair, merged, pair_counts, pair_words, changed) -> None:
    symbols = words[index]
    for old in zip(symbols, symbols[1:]):
        pair_counts[old] -= counts[index]
        changed.add(old)

    result, i = [], 0
    while i < len(symbols):
        if i + 1 < len(symbols) and (symbols[i], symbols[i + 1]) == pair:
            result.append(merged)
            i += 2
        else:
            result.append(symbols[i])
            i += 1
    words[index] = result

    for new in zip(result, result[1:]):
        pair_counts[new] += counts[index]
        pair_words[new].add(index)
        changed.add(new)
    changed.discard(pair)
    pair_counts.pop(pair, None)


def train_unigram(texts: list[str], vocab_size: int, work_dir: Path) -> XLMRobertaTokenizerFast:
    """An xlm-roberta-large look-alike; the SentencePiece model is written to work_dir."""
    # SentencePiece reads sentences, one per line; a newline is whitespace to it either way.
    lines = [line for text in texts for line in text.split("\n") if line.strip()]
    work_dir.mkdir(parents=True, exist_ok=True)
    model_path = work_dir / "unigram.model"
    with open(model_path, "wb") as model_file:
        sentencepiece.SentencePieceTrainer.train(
            sentence_iterator=iter(lines),
            model_writer=model_file,
            model_type="unigram",
            vocab_size=vocab_size,
            unk_id=0,
            bos_id=1,
            eos_id=2,
            pad_id=-1,
            num_threads=1,  # one summation order, so every run learns the same scores
            max_sentence_length=1 << 20,
            minloglevel=2,
        )

    tokenizer = XLMRobertaTokenizerFast(
        vocab_file=str(model_path), model_max_length=MODEL_MAX_LENGTH
    )
    expected = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3, "<mask>": len(tokenizer) - 1}
    actual = {token: tokenizer.convert_tokens_to_ids(token) for token in expected}
    if actual != expected:
        raise AssertionError(f"special token ids {actual}, expected {expected}")
    return tokenizer
