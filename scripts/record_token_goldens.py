#!/usr/bin/env python3
"""Records the origin's token counts into contracts/golden/tokens/counts.json, for the edge.

Usage: scripts/record_token_goldens.py http://127.0.0.1:8080

Every text, model name and chat request below is posted to /tokens/estimate of a running origin
(any scorer: counting does not depend on it), with model gpt-4o for o200k_base and gpt-4 for
cl100k_base, and the answer's tokens (and, for chat requests, exact) are written down. The
files of the shared corpus (../shared/corpus beside the checkout) are counted too, by name and
SHA-256 only: their text stays out of the repository. Review the diff before committing: the file
is the contract the edge's token counter is tested against.
"""
import hashlib
import json
import pathlib
import random
import sys
import urllib.error
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "contracts" / "golden" / "tokens" / "counts.json"
CORPUS = ROOT.parent / "shared" / "corpus"
MODELS = {"o200k_base": "gpt-4o", "cl100k_base": "gpt-4"}

PROSE = ("The quarterly report shows that revenue grew by 11% while costs fell; the board "
         "asked for a summary of the three most important findings before Friday's meeting.")
CODE = ('def count(text: str) -> int:\n    """Counts words."""\n    return len(text.split())'
        '\n\n\tif (x != null && y >= 0) { return x->y; } // done\n')

TEXTS = [
    ("ascii-prose", PROSE),
    ("ascii-short", "hello world"),
    ("code-python-and-c", CODE),
    ("json", '{"name": "Ada", "tags": ["x", "y"], "n": -1.5e3, "ok": true, "none": null}'),
    ("json-minified-nested", '{"a":{"b":[1,2,{"c":"d"}]},"e":"\\u00e9\\n"}'),
    ("url-and-path", "See https://example.com/a/b?c=1&d=%20 and /usr/local/bin/node."),
    ("cjk-chinese", "东京塔高333米。我们明天在北京见面，讨论新的计划。"),
    ("cjk-japanese", "東京タワーは333メートルです。ひらがなとカタカナ、漢字。"),
    ("cjk-korean", "안녕하세요, 세계! 한국어 문장입니다."),
    ("emoji", "Great job 👍🏽🎉 family 👨‍👩‍👧‍👦 flag 🇫🇷 heart ❤️ 😀😀😀"),
    ("astral-letters", "𝐀𝐁𝐂 math bold, 𐌰𐌱𐌲 Gothic, 𠀀𠀁 CJK extension B"),
    ("combining-marks", "e\u0301 a\u0300 n\u0303 Zalgo: Z\u0351\u0352\u0353a\u0354\u0355l\u0356g\u0357o"),
    ("devanagari-thai", "नमस्ते दुनिया क्षत्रिय — สวัสดีครับ ภาษาไทย"),
    ("arabic-hebrew", "مرحبا بالعالم ٣٤٥ — שלום עולם"),
    ("spaces-run", "a" + " " * 17 + "b  c   d    e"),
    ("spaces-leading-trailing", "   leading and trailing   "),
    ("spaces-only", " " * 40),
    ("tabs", "\tone\t\ttwo\t\t\tthree\t"),
    ("newlines", "line one\nline two\n\n\nline five\n"),
    ("crlf", "line one\r\nline two\r\n\r\n  indented\r\n"),
    ("mixed-whitespace-run", "x \t \n \r\n  \t\n  y"),
    ("nbsp", "a\u00a0b \u00a0 c\u00a0\u00a0\u00a0d \u00a0\u00a0"),
    ("ideographic-space", "全角\u3000スペース\u3000\u3000です \u3000 x"),
    ("nel", "a\u0085b \u0085 c\u0085\u0085 d\u0085 \u0085\u0085e"),
    ("nel-after-punctuation", "end.\u0085 next!\u0085\u0085 (x)\u0085"),
    ("line-and-paragraph-separators", "one\u2028two\u2029three \u2028 four"),
    ("bom-zwnbsp", "\ufeffstart \ufeff middle!\ufeff \ufeff\ufeff end"),
    ("info-separators", "a\u001cb \u001d c\u001e \u001fd"),
    ("zero-width-space", "zero\u200bwidth \u200b space\u200b\u200b"),
    ("ogham-and-thin-spaces", "a\u1680b c\u2009d \u202f e\u205ff"),
    ("special-endoftext", "<|endoftext|>"),
    ("special-im-start", "<|im_start|>user\nhello<|im_end|>\n<|im_start|>assistant"),
    ("special-in-prose", "a <|endoftext|> b <|im_start|> c <|endofprompt|><|fim_prefix|>"),
    ("contractions", "don't DON'T it's IT'S we're WE'RE they've I'll you'd I'm"),
    ("contractions-long-s", "it'ſ don'ſ 'ſ x'ſſ ſ's"),
    ("numbers", "1 12 123 1234 12345678901234567890 3.14159 -0.5e-3 ²³ Ⅻ ١٢٣"),
    ("long-word-letters", "abcdefghij" * 200),
    ("long-word-mixed-case", "".join("aB"[(i * 7) % 2] + "cDeF"[(i * 3) % 4] for i in range(1500))),
    ("long-digits", "9876543210" * 100),
    ("long-base64", "iVBORw0KGgoAAAANSUhEUgAAAGAAAABgCAYAAADimHc4AAAACXBIWXMAAAsTAAALEwEAmpwYAAA" * 20),
    ("long-cjk-run", "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以" * 40),
    ("unicode-17-letters", "Sidetic \U00010940\U00010941\U00010942 Tolong Siki \U00011db0\U00011db1 "
                           "Beria \U00016ea0\U00016ea1 Ext-J \U000323b0\U000323b1"),
    ("unicode-17-digits-and-changed", "\U00011de0\U00011de1 \U00016ff4 \u0295a\u0295 ʕ•ᴥ•ʔ"),
    ("unassigned-and-private", "\u0378\u0379 \U000e0041 \U000f0000\U000f0001 \ue000"),
    ("soft-hyphen-and-marks", "co\u00adoperate \u061c\u200e\u200f"),
    ("titlecase-modifier", "ǅemal ʰʲ ǈ ǋ"),
    # Counted differently by a tokenizer that takes the runtime's classes (as js-tiktoken does
    # in the Workers runtime): U+0085 is white space to Java, U+FEFF is not, and letters new in
    # Unicode 17 are no letters to a JDK on Unicode 16.
    ("nel-after-space", "x \u0085y"),
    ("bom-after-space", " \ufeffx"),
    ("unicode-17-letter-before-contraction", "\U00010940's"),
    ("unicode-17-letter-after-newline", "b\u2082'll\n\U00010940's"),
]


def random_texts():
    """Short seeded texts over characters that stress the pieces: every kind of white space
    beside letters, marks, digits, punctuation, contractions and look-alikes."""
    atoms = ["a", "b", "Z", "9", "12345", " ", " ", " ", "\t", "\n", "\r", "\r\n", "\v", "\f",
             "\u00a0", "\u3000", "\u0085", "\u2028", "\ufeff", "\u001c", "\u200b", "\u2009",
             "\u0301", "中", "文", "😀", "👍🏽", "\U00010940", "\U000323b0", "\u0295",
             "\U00011de0", "/", "<|endoftext|>", "'", "'s", "'S", "'re", "'ll", "'ſ", "ſ", "ǅ",
             "ʰ", "é", ".", ",", "!", "-", "_", "{", "\"", "ß", "İ", "ς", "₂", "²", "\u00ad",
             "x", "don't", " the", "ABC"]
    generator = random.Random(20261203)
    return [(f"random-{i:03d}",
             "".join(generator.choice(atoms) for _ in range(generator.randint(1, 30))))
            for i in range(300)]


MODEL_NAMES = [
    "gpt-4o", "gpt-4o-mini", "gpt-4o-2024-08-06", "GPT-4o", "chatgpt-4o-latest", "gpt-4.1",
    "gpt-4.1-nano", "gpt-4.5-preview", "gpt-5", "gpt-5-mini", "o1", "o1-preview", "o3-mini",
    "o4-mini", "openai/gpt-4o", "gpt-4", "gpt-4-turbo", "gpt-4-0613", "gpt-4-32k",
    "gpt-3.5-turbo", "gpt-35-turbo", "text-embedding-3-small", "text-embedding-ada-002",
    "azure/gpt-4", "claude-3-5-sonnet", "llama", "llama-3.1-70b", "gpt-40", "o10", "gpt-4x",
    "mistral", "GPT-4O-MINI", "OpenAI/GPT-4", "azure/openai/gpt-4o", "gpt-4o/", "/gpt-4o",
    "gpt-4o:latest", "gpt-4o.", "gpt-4o-", "gpt-41", "gpt-4.1x", "text-embedding-3-large-v2",
    "text-embedding-3-smallx", "gpt-4o x", " gpt-4o", "gpt-4o ", "gpt-4o-\u0085", "gpt-4o-x\u0085y",
    "gpt-4o-\nx", "gpt-4o-\r", "gpt-4o-\u2028", "gpt-4o-\u2029", "gpt-4o-\u000bx", "gpt-4o-é",
    "gpt-4o-\U0001f600", "gpt-4o\n", "o3", "o3:high", "O4-MINI", "gpt-4\u0130", "gpt-4o-\u212a",
    "\u212a", "gpt-3.5", "gpt-3.5.turbo", "gpt-3,5", "o1/preview", "gpt-5/x",
]

GUIDE_CHAT = [
    {"role": "system", "content": "You are a helpful, pattern-following assistant that "
     "translates corporate jargon into plain English."},
    {"role": "system", "name": "example_user",
     "content": "New synergies will help drive top-line growth."},
    {"role": "system", "name": "example_assistant",
     "content": "Things working well together will increase revenue."},
    {"role": "user", "content": "This late pivot means we don't have time to boil the ocean "
     "for the client deliverable."},
]

IMAGE = {"type": "image_url", "image_url": {"url": "https://example.com/cat.png"}}

MESSAGES = [
    ("openai-guide-chat", {"messages": GUIDE_CHAT}),
    ("one-user-message", {"messages": [{"role": "user", "content": "Hello there, friend"}]}),
    ("name-field", {"messages": [{"role": "user", "name": "example_user", "content": "hi"}]}),
    ("fields-in-another-order", {"messages": [{"content": "hi", "name": "n", "role": "user"}]}),
    ("other-string-fields", {"messages": [
        {"role": "assistant", "content": "Done.", "refusal": "none", "annotation": "x y z"}]}),
    ("null-fields", {"messages": [
        {"role": "assistant", "content": None, "name": None, "refusal": None}]}),
    ("text-parts", {"messages": [{"role": "user", "content": [
        {"type": "text", "text": "Hello there"}, {"type": "text", "text": "again"}]}]}),
    ("text-part-with-cache-control", {"messages": [{"role": "user", "content": [
        {"type": "text", "text": "Keep this.", "cache_control": {"type": "ephemeral"}}]}]}),
    ("empty-content-parts", {"messages": [{"role": "user", "content": []}]}),
    ("empty-strings", {"messages": [{"role": "user", "content": ""}], "system": ""}),
    ("system-string", {"messages": [{"role": "user", "content": "hi"}],
                       "system": "You are terse."}),
    ("system-text-blocks", {"messages": [{"role": "user", "content": "hi"}],
                            "system": [{"type": "text", "text": "You are terse."},
                                       {"type": "text", "text": "Answer in English."}]}),
    ("null-system-and-tools", {"messages": [{"role": "user", "content": "hi"}],
                               "system": None, "tools": None}),
    ("whitespace-and-look-alikes", {"messages": [
        {"role": "developer", "content": "<|im_start|>system\u0085\ufeff  rules  \u3000"},
        {"role": "user", "content": "it'ſ \U00010940 <|endoftext|>"}]}),
    ("many-turns", {"messages": [{"role": ["user", "assistant"][i % 2],
                                  "content": f"Turn {i}: " + PROSE[: 20 + 7 * i]}
                                 for i in range(12)]}),
    # Counted by their JSON text on the origin: the edge leaves these to it.
    ("image-part", {"messages": [{"role": "user", "content": [
        {"type": "text", "text": "What is this?"}, IMAGE]}]}),
    ("tool-calls", {"messages": [{"role": "assistant", "content": None, "tool_calls": [
        {"id": "c1", "type": "function",
         "function": {"name": "f", "arguments": "{\"x\": 1}"}}]}]}),
    ("tools", {"messages": [{"role": "user", "content": "hi"}],
               "tools": [{"type": "function", "function": {"name": "f", "parameters": {}}}]}),
    ("number-field", {"messages": [{"role": "user", "content": "hi", "weight": 2}]}),
    ("object-content-of-assistant", {"messages": [
        {"role": "assistant", "content": {"text": "hi"}}]}),
    ("text-part-with-number-text", {"messages": [
        {"role": "assistant", "content": [{"type": "text", "text": 5}]}]}),
    ("system-image-block", {"messages": [{"role": "user", "content": "hi"}], "system": [
        {"type": "text", "text": "Look:"}, {"type": "image", "source": {"type": "url"}}]}),
    ("tool-result-blocks", {"messages": [{"role": "user", "content": [
        {"type": "tool_result", "tool_use_id": "t1", "content": "42"}]}]}),
]


def post(base, body):
    request = urllib.request.Request(
        base + "/tokens/estimate", data=json.dumps(body, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request) as reply:
            return json.load(reply)
    except urllib.error.HTTPError as error:
        sys.exit(f"/tokens/estimate answered {error.code} to {json.dumps(body)[:200]}: "
                 f"{error.read().decode('utf-8', 'replace')}")


def counts(base, body):
    """The answer for each tokenizer: tokens, and exact for chat requests."""
    result = {}
    for tokenizer, model in MODELS.items():
        answer = post(base, {**body, "model": model})
        if answer["tokenizer"] != tokenizer:
            sys.exit(f"{model} is counted with {answer['tokenizer']}, not {tokenizer}")
        result[tokenizer] = answer["tokens"] if "text" in body else {
            "tokens": answer["tokens"], "exact": answer["exact"]}
    return result


def corpus_entries(base):
    if not CORPUS.is_dir():
        sys.exit(f"{CORPUS} is absent: the corpus counts cannot be recorded")
    texts, chats = [], []
    for path in sorted(CORPUS.glob("*/*")):
        name = path.relative_to(CORPUS).as_posix()
        if name.startswith(("text/", "json/", "messages/")):
            data = path.read_bytes()
            entry = {"file": name, "sha256": hashlib.sha256(data).hexdigest()}
            texts.append({**entry, **counts(base, {"text": data.decode("utf-8")})})
        if name.startswith("messages/"):
            request = json.loads(data)
            chat = {k: request[k] for k in ("messages", "system", "tools") if k in request}
            chats.append({**entry, **counts(base, chat)})
    return texts, chats


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    base = sys.argv[1].rstrip("/")
    golden = {
        "description": "Token counts of the origin's /tokens/estimate, recorded by "
                       "scripts/record_token_goldens.py; gpt-4o for o200k_base, gpt-4 for "
                       "cl100k_base.",
        "texts": [{"id": i, "text": t, **counts(base, {"text": t})}
                  for i, t in TEXTS + random_texts()],
        "models": [],
        "messages": [{"id": i, "request": r, **counts(base, r)} for i, r in MESSAGES],
    }
    for model in MODEL_NAMES:
        answer = post(base, {"text": "a", "model": model})
        golden["models"].append(
            {"model": model, "tokenizer": answer["tokenizer"], "exact": answer["exact"]})
    golden["corpus_texts"], golden["corpus_messages"] = corpus_entries(base)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(golden, ensure_ascii=True, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(golden['texts'])} texts, {len(golden['models'])} models, "
          f"{len(golden['messages'])} chat requests, {len(golden['corpus_texts'])} corpus files "
          f"to {OUT}")


if __name__ == "__main__":
    main()
