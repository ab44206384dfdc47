// Encodes documents with the pinned reference TOON encoder. Reads one JSON object per line on
// stdin, {"options": {...}, "input": <any JSON value>}, and writes one line per input line: the
// TOON text as a JSON string, or {"error": "<message>"} when the encoder refuses the document.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { encode } from '@toon-format/toon';

const PINNED = '4.4.0';
const installed = JSON.parse(
  readFileSync(new URL('./node_modules/@toon-format/toon/package.json', import.meta.url), 'utf8'),
).version;
if (installed !== PINNED) {
  console.error(`@toon-format/toon ${installed} is installed; run npm ci for ${PINNED}`);
  process.exit(1);
}

const results = [];
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  const { options, input } = JSON.parse(line);
  try {
    results.push(JSON.stringify(encode(input, options)));
  } catch (error) {
    results.push(JSON.stringify({ error: error.message }));
  }
}
process.stdout.write(results.map((result) => result + '\n').join(''));
