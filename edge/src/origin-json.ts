/**
 * JSON written as the origin writes it, so that an answer the edge builds is byte for byte the
 * one the origin would have sent.
 *
 * The origin (Jackson) writes compact JSON: no whitespace, object keys in the order they came,
 * numbers exactly as their literals were written, and strings with `"` and `\` escaped, the
 * control characters U+0008, U+0009, U+000A, U+000C and U+000D as `\b`, `\t`, `\n`, `\f` and
 * `\r`, every other one below U+0020 as `\u00XX` with capital hex digits, and everything else,
 * `/` and characters beyond the BMP included, as it is. `JSON.stringify` differs in the hex
 * case and would reorder integer-like keys and respell numbers, so neither it nor a parsed
 * value is used for values that came from the client.
 */

const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  0x08: "\\b",
  0x09: "\\t",
  0x0a: "\\n",
  0x0c: "\\f",
  0x0d: "\\r",
  0x22: '\\"',
  0x5c: "\\\\",
};

/** A string as the origin writes it, quotes included. */
export function originString(value: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 0x20 && code !== 0x22 && code !== 0x5c) {
      continue;
    }
    out += value.slice(start, i);
    out += SHORT_ESCAPES[code] ?? "\\u00" + code.toString(16).toUpperCase().padStart(2, "0");
    start = i + 1;
  }
  return out + value.slice(start) + '"';
}

/**
 * The JSON value written in `source` between `start` and `end`, which a strict parse has already
 * accepted, as the origin writes it once parsed: whitespace between tokens dropped, strings
 * unescaped and escaped again as {@link originString} does, everything else as written.
 */
export function originJson(source: string, start: number, end: number): string {
  let out = "";
  let i = start;
  while (i < end) {
    const c = source.charCodeAt(i);
    if (c === 0x22) {
      const close = stringEnd(source, i);
      out += originString(JSON.parse(source.slice(i, close)) as string);
      i = close;
    } else if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
      i++;
    } else {
      let j = i + 1;
      while (j < end && !isStructural(source.charCodeAt(j))) {
        j++;
      }
      out += source.slice(i, j);
      i = j;
    }
  }
  return out;
}

/** The offset just after the closing quote of the string literal that opens at `open`. */
export function stringEnd(source: string, open: number): number {
  for (let i = open + 1; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x5c) {
      i++;
    } else if (c === 0x22) {
      return i + 1;
    }
  }
  return source.length;
}

/** Characters that end a number or literal token: whitespace, quotes and punctuation. */
function isStructural(c: number): boolean {
  return (
    c === 0x20 ||
    c === 0x09 ||
    c === 0x0a ||
    c === 0x0d ||
    c === 0x22 ||
    c === 0x2c ||
    c === 0x3a ||
    c === 0x5b ||
    c === 0x5d ||
    c === 0x7b ||
    c === 0x7d
  );
}
