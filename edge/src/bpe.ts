/**
 * Byte-pair merging of one piece by rank, counting the tokens it becomes.
 *
 * Design note. tiktoken's rule: start from the piece's bytes, repeatedly merge the adjacent
 * pair whose bytes form the lowest-ranked token, the leftmost one when two are equal, until no
 * pair is a token; each part left is one token. The ranks are js-tiktoken's tables, which hold
 * the same files as the origin's jtokkit. js-tiktoken's own encoder is not used: building it
 * takes about 90 MB and two seconds for o200k_base alone (the Workers limit is 128 MB per
 * isolate), and its merge rescans the whole piece after every step, so one long word of 16,000
 * letters takes minutes of CPU. Here the ranks are kept as byte strings (one character per
 * byte, about 20 MB for o200k_base) and the candidate pairs sit in a heap ordered by rank, then
 * position, so a piece of n bytes costs O(n log n), as in jtokkit's encoder for large pieces.
 */

/** An encoding's ranks: token bytes, one character per byte, to rank. */
export interface Ranks {
  readonly ranks: Map<string, number>;
  /** The longest token in bytes: no longer pair can be a token. */
  readonly longest: number;
}

/**
 * Reads js-tiktoken's rank format: lines of a label, the first rank, then the base64 bytes of
 * the tokens that follow it in rank order.
 */
export function readRanks(bpeRanks: string): Ranks {
  const ranks = new Map<string, number>();
  let longest = 0;
  for (const line of bpeRanks.split("\n")) {
    const fields = line.split(" ");
    const first = Number.parseInt(fields[1] ?? "", 10);
    for (let i = 2; i < fields.length; i++) {
      const bytes = atob(fields[i] ?? "");
      ranks.set(bytes, first + i - 2);
      longest = Math.max(longest, bytes.length);
    }
  }
  return { ranks, longest };
}

const utf8 = new TextEncoder();

/** The UTF-8 bytes of `text`, one character per byte. */
export function byteString(text: string): string {
  // ASCII is its own UTF-8.
  if (/^[\x00-\x7f]*$/.test(text)) {
    return text;
  }
  const bytes = utf8.encode(text);
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return out;
}

/** Heap keys are rank * POSITION_SPAN + position, exact in a double for any string's bytes. */
const POSITION_SPAN = 2 ** 32;

/** The number of tokens that the bytes of one piece merge into. */
export function mergedCount(bytes: string, table: Ranks): number {
  const n = bytes.length;
  if (n <= 1 || table.ranks.has(bytes)) {
    return n === 0 ? 0 : 1;
  }

  // Parts are linked by their start positions; next[start] is the following part's start.
  const next = new Int32Array(n + 1);
  const previous = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) {
    next[i] = i + 1;
    previous[i] = i - 1;
  }
  // The rank of the pair that starts at each part, or -1 when that pair is no token.
  const pairRank = new Int32Array(n).fill(-1);
  const heap = new PairHeap();
  const rankPair = (start: number): void => {
    const end = next[next[start]!]!;
    const rank = start < n && end <= n ? rankOf(bytes, start, end, table) : undefined;
    pairRank[start] = rank ?? -1;
    if (rank !== undefined) {
      heap.push(rank * POSITION_SPAN + start);
    }
  };
  for (let i = 0; i + 1 < n; i++) {
    rankPair(i);
  }

  let parts = n;
  for (let key = heap.pop(); key !== undefined; key = heap.pop()) {
    const start = key % POSITION_SPAN;
    // A key is stale once its pair was merged away or changed: merging makes a longer pair,
    // which never has the same rank.
    if (pairRank[start] !== (key - start) / POSITION_SPAN) {
      continue;
    }
    const gone = next[start]!;
    next[start] = next[gone]!;
    previous[next[gone]!] = start;
    pairRank[gone] = -1;
    parts--;
    rankPair(start);
    if (previous[start]! >= 0) {
      rankPair(previous[start]!);
    }
  }
  return parts;
}

function rankOf(bytes: string, start: number, end: number, table: Ranks): number | undefined {
  return end - start > table.longest ? undefined : table.ranks.get(bytes.slice(start, end));
}

/** A binary min-heap of packed (rank, position) keys. */
class PairHeap {
  private keys: number[] = [];

  push(key: number): void {
    const keys = this.keys;
    let i = keys.push(key) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent]! <= key) {
        break;
      }
      keys[i] = keys[parent]!;
      i = parent;
    }
    keys[i] = key;
  }

  pop(): number | undefined {
    const keys = this.keys;
    const top = keys[0];
    const last = keys.pop();
    if (keys.length === 0 || last === undefined) {
      return top;
    }
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= keys.length) {
        break;
      }
      if (child + 1 < keys.length && keys[child + 1]! < keys[child]!) {
        child++;
      }
      if (keys[child]! >= last) {
        break;
      }
      keys[i] = keys[child]!;
      i = child;
    }
    keys[i] = last;
    return top;
  }
}
