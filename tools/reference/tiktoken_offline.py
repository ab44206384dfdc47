"""Serves tiktoken's cl100k_base file offline, from the JTokkit jar of the Java build.

The reference counts tokens with tiktoken's gpt-3.5-turbo encoding, which tiktoken downloads on
first use. JTokkit, the Java side's counter, ships the same file, so it is placed in tiktoken's
cache, which names files by the SHA-1 of their URL. Without the jar, tiktoken falls back to
downloading it.
"""

import hashlib
import os
import sys
import zipfile
from pathlib import Path

TIKTOKEN_CL100K_URL = "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken"
TIKTOKEN_CL100K_SHA256 = "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7"


def provide_tiktoken_vocabulary(cache_dir: Path, jtokkit_jar: Path) -> None:
    """Points TIKTOKEN_CACHE_DIR at cache_dir and fills it from the jar, unless already set."""
    if "TIKTOKEN_CACHE_DIR" in os.environ:
        return
    os.environ["TIKTOKEN_CACHE_DIR"] = str(cache_dir)
    cached = cache_dir / hashlib.sha1(TIKTOKEN_CL100K_URL.encode()).hexdigest()
    if cached.exists() or not jtokkit_jar.is_file():
        return
    with zipfile.ZipFile(jtokkit_jar) as jar:
        data = jar.read("com/knuddels/jtokkit/cl100k_base.tiktoken")
    if hashlib.sha256(data).hexdigest() != TIKTOKEN_CL100K_SHA256:
        sys.exit(f"{jtokkit_jar}: cl100k_base.tiktoken is not the file tiktoken expects")
    cache_dir.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(data)
