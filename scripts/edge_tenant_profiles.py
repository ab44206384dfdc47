#!/usr/bin/env python3
"""Prints the part of a tenant profiles file that the edge reads, as one line of JSON.

    python3 scripts/edge_tenant_profiles.py TENANT_PROFILES_FILE

The origin reads the whole file (TENANT_PROFILES_FILE); the edge reads `cache_enabled` and
`default_aggressiveness` of each profile, and only whether it has word or section lists
(`force_keep_tokens`, `force_drop_phrases`, `protected_headings`: the edge leaves such a tenant's
requests to the origin wherever they could matter), from its TENANT_PROFILES variable, whose
size Cloudflare bounds (5 KB per variable). This keeps those two fields, writes each list the
profile has as an empty list, and drops the rest, so the variable holds what the edge uses and
no more:

    npx wrangler deploy --env production \\
      --var "TENANT_PROFILES:$(python3 scripts/edge_tenant_profiles.py profiles.json)"

A tenant whose profile has none of these is left out: the edge treats it as having no profile,
which is the same. The file is checked as the origin checks its shape (a JSON object of
objects, no key twice); the fields' values are checked by the edge and the origin themselves.

It warns, on standard error, when the result is larger than Cloudflare lets one variable be.

Exit status: 0 on success, 1 for a file that is not a profiles object (or holds what JSON cannot
carry: infinities, NaN, lone surrogates), 2 on bad arguments.
"""

from __future__ import annotations

import json
import sys

EDGE_FIELDS = ("cache_enabled", "default_aggressiveness")
LIST_FIELDS = ("force_keep_tokens", "force_drop_phrases", "protected_headings")
CLOUDFLARE_VARIABLE_BYTES = 5 * 1024


def no_repeated_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    keys = [key for key, _ in pairs]
    repeated = sorted({key for key in keys if keys.count(key) > 1})
    if repeated:
        raise ValueError(f"a key is repeated in one object: {repeated[0]!r}")
    return dict(pairs)


def refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not a JSON number")


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        with open(sys.argv[1], encoding="utf-8") as source:
            profiles = json.load(source, object_pairs_hook=no_repeated_keys,
                                 parse_constant=refuse_constant)
    except (OSError, ValueError) as error:
        print(f"{sys.argv[1]}: {error}", file=sys.stderr)
        return 1
    if not isinstance(profiles, dict) or not all(isinstance(p, dict) for p in profiles.values()):
        print(f"{sys.argv[1]}: not a JSON object of profile objects", file=sys.stderr)
        return 1
    edge = {}
    for tenant, profile in profiles.items():
        kept = {name: profile[name] for name in EDGE_FIELDS if profile.get(name) is not None}
        kept.update({name: [] for name in LIST_FIELDS if profile.get(name) is not None})
        if kept:
            edge[tenant] = kept
    try:
        # allow_nan=False: 1e400 reads as infinity, which JSON cannot carry.
        text = json.dumps(edge, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
        encoded = text.encode("utf-8")
    except (ValueError, UnicodeEncodeError) as error:
        print(f"{sys.argv[1]}: {error}", file=sys.stderr)
        return 1
    if len(encoded) > CLOUDFLARE_VARIABLE_BYTES:
        print(f"{sys.argv[1]}: the edge's part is {len(encoded)} bytes, over the "
              f"{CLOUDFLARE_VARIABLE_BYTES} bytes Cloudflare allows one variable "
              f"(fine for wrangler dev, refused on deploy)", file=sys.stderr)
    sys.stdout.buffer.write(encoded + b"\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
