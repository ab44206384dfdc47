/**
 * Checks on the request itself, made before the origin is called and in the contract's order:
 * media type (`415`), then size (`413`) and a body that can be read to its end (`400`). Each
 * mirrors the origin's rule, so the edge refuses exactly what the origin would refuse, with the
 * same code and message.
 */
import { EdgeError } from "./responses";

/** Longest client request id that is echoed; longer ones are replaced. */
export const MAX_REQUEST_ID_LENGTH = 128;

/** The origin's message for a body that could not be read to its end. */
export const BROKEN_BODY_MESSAGE = "The request body could not be read completely.";

/** The tenant header, forwarded to the origin as sent. */
export const TENANT_HEADER = "X-Tenant-ID";

/** A tenant id as the contract spells it; anything else is the origin's to refuse. */
const TENANT_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Requires a JSON body in UTF-8, as the origin does: `application/json` with any parameters,
 * except a `charset` other than UTF-8 (RFC 8259, section 8.1: JSON between systems is UTF-8).
 *
 * @throws EdgeError `unsupported_media_type`
 */
export function requireJson(contentType: string | null): void {
  if (contentType === null || trimWhitespace(contentType) === "") {
    throw unsupported("Content-Type must be application/json; none was sent.");
  }

  const [first = "", ...parameters] = contentType.split(";");
  const mediaType = trimWhitespace(first).toLowerCase();
  if (mediaType !== "application/json") {
    throw unsupported(
      isQuotable(mediaType)
        ? `Content-Type must be application/json, not ${mediaType}.`
        : "Content-Type must be application/json, not a value outside visible ASCII.",
    );
  }
  for (const parameter of parameters) {
    const eq = parameter.indexOf("=");
    if (eq < 0) {
      continue;
    }
    const name = trimWhitespace(parameter.slice(0, eq)).toLowerCase();
    const value = unquote(trimWhitespace(parameter.slice(eq + 1))).toLowerCase();
    if (name === "charset" && value !== "utf-8" && value !== "utf8") {
      throw unsupported(
        isQuotable(value)
          ? `Request bodies must be UTF-8 JSON; charset ${value} is refused.`
          : "Request bodies must be UTF-8 JSON; a charset outside visible ASCII is refused.",
      );
    }
  }
}

/**
 * The value without the spaces and tabs around it, HTTP's optional white space (RFC 9110,
 * section 5.6.3), and nothing else, as the origin trims (`RequestBodies.trimWhitespace`):
 * `String.prototype.trim` would also take a no-break space that the origin keeps.
 */
function trimWhitespace(value: string): string {
  return value.replace(/^[ \t]+|[ \t]+$/g, "");
}

/**
 * Whether a message may quote the value: visible ASCII and spaces only. Other header bytes are
 * decoded as UTF-8 by the runtime and as Latin-1 by the origin, so quoting them would make the
 * two messages differ.
 */
function isQuotable(value: string): boolean {
  return /^[\x20-\x7e]*$/.test(value);
}

/**
 * Reads the whole body, refusing it as soon as it passes `maxBytes`: by its declared
 * `Content-Length` before any of it is read, as the origin refuses it before opening the stream,
 * then by counting while the stream arrives, so a chunked body or one that lies about its length
 * is never read past the limit. A refused body is not drained: the runtime, not the Worker, owns
 * the client's connection, so nothing is gained by reading what will be thrown away. One refused
 * by its length is left unread, since cancelling a body the client is still sending makes the
 * `wrangler dev` proxy fail the request with a 500; one refused while streaming is cancelled.
 *
 * @throws EdgeError `payload_too_large`, and `bad_request` when the stream fails before its end
 *     (the client broke off, sent fewer bytes than its `Content-Length` or broke the chunked
 *     framing): the client's fault, answered as the origin answers it
 */
export async function readBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (request.body === null) {
    return new Uint8Array(0);
  }
  const declared = request.headers.get("Content-Length");
  if (declared !== null && /^[0-9]+$/.test(declared.trim()) && Number(declared) > maxBytes) {
    throw tooLarge(maxBytes);
  }

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await readSome(reader);
    if (done) {
      break;
    }
    total += value.byteLength;
    if (total > maxBytes) {
      // A failed cancel changes nothing: the body is refused either way.
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return concat(chunks, total);
}

/** One read of the body; a stream that fails is a body the client broke. */
async function readSome(
  reader: ReadableStreamDefaultReader<Uint8Array>,
): Promise<ReadableStreamReadResult<Uint8Array>> {
  try {
    return await reader.read();
  } catch {
    throw new EdgeError("bad_request", BROKEN_BODY_MESSAGE);
  }
}

/**
 * The first of a header's values: the part before the first comma outside a quoted string.
 *
 * The Workers runtime joins a repeated request header into one value with `", "`, where the
 * origin reads the first value sent; this undoes the join for the headers whose first value
 * counts (`Content-Type`, `X-Request-ID`), so the edge accepts and echoes what the origin does.
 */
export function firstValue(value: string | null): string | null {
  if (value === null) {
    return null;
  }
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quoted && c === "\\") {
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === "," && !quoted) {
      return value.slice(0, i).trim();
    }
  }
  return value;
}

/**
 * The id of this exchange: the client's `X-Request-ID` when it is 1 to 128 visible ASCII
 * characters (0x21 to 0x7E), which can be echoed in a header and a log line without escaping;
 * otherwise a new one from `newId`.
 */
export function chooseRequestId(clientValue: string | null, newId: () => string): string {
  return clientValue !== null && isSaneRequestId(clientValue) ? clientValue : newId();
}

export function isSaneRequestId(value: string): boolean {
  return value.length >= 1 && value.length <= MAX_REQUEST_ID_LENGTH && /^[\x21-\x7e]+$/.test(value);
}

/**
 * The tenant to record for this request: the `X-Tenant-ID` header, else the body's `tenant_id`.
 * Only a well-formed id is returned; whether the two agree is the origin's decision
 * (`422 tenant_mismatch`), and a malformed one is never written to a log.
 */
/** Whether `value` is a tenant id as the origin accepts one: 1 to 128 of `A-Za-z0-9._:-`. */
export function isTenantId(value: string): boolean {
  return TENANT_ID.test(value);
}

export function tenantOf(headerValue: string | null, body: unknown): string | undefined {
  if (headerValue !== null && TENANT_ID.test(headerValue)) {
    return headerValue;
  }
  if (typeof body === "object" && body !== null && !Array.isArray(body)) {
    const value = (body as Record<string, unknown>)["tenant_id"];
    if (typeof value === "string" && TENANT_ID.test(value)) {
      return value;
    }
  }
  return undefined;
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"')
    ? value.slice(1, -1)
    : value;
}

function tooLarge(maxBytes: number): EdgeError {
  return new EdgeError(
    "payload_too_large",
    `Request body is larger than the limit of ${maxBytes} bytes.`,
  );
}

function unsupported(message: string): EdgeError {
  return new EdgeError("unsupported_media_type", message);
}
