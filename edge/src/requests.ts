/**
 * Checks on the request itself, made before the origin is called and in the contract's order:
 * media type (`415`), then size (`413`). Each mirrors the origin's rule, so the edge refuses
 * exactly what the origin would refuse, with the same code and message.
 */
import { EdgeError } from "./responses";

/** Longest client request id that is echoed; longer ones are replaced. */
export const MAX_REQUEST_ID_LENGTH = 128;

/** How much of a refused body is read and thrown away before the 413 is sent. */
export const DRAIN_LIMIT_BYTES = 32 * 1024 * 1024;

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
  if (contentType === null || contentType.trim() === "") {
    throw unsupported("Content-Type must be application/json; none was sent.");
  }

  const [first = "", ...parameters] = contentType.split(";");
  const mediaType = first.trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw unsupported(`Content-Type must be application/json, not ${mediaType}.`);
  }
  for (const parameter of parameters) {
    const eq = parameter.indexOf("=");
    if (eq < 0) {
      continue;
    }
    const name = parameter.slice(0, eq).trim().toLowerCase();
    const value = unquote(parameter.slice(eq + 1).trim()).toLowerCase();
    if (name === "charset" && value !== "utf-8" && value !== "utf8") {
      throw unsupported(`Request bodies must be UTF-8 JSON; charset ${value} is refused.`);
    }
  }
}

/**
 * Reads the whole body, refusing it as soon as it passes `maxBytes`: first by its declared
 * `Content-Length`, then by counting while the stream arrives, so a chunked body or one that
 * lies about its length is never buffered past the limit.
 *
 * @throws EdgeError `payload_too_large`
 */
export async function readBody(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (request.body === null) {
    return new Uint8Array(0);
  }
  const reader = request.body.getReader();
  const declared = request.headers.get("Content-Length");
  if (declared !== null && /^[0-9]+$/.test(declared.trim()) && Number(declared) > maxBytes) {
    await drain(reader, 0);
    throw tooLarge(maxBytes);
  }

  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    total += value.byteLength;
    if (total > maxBytes) {
      await drain(reader, total);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return concat(chunks, total);
}

/**
 * Reads and discards the rest of a refused body, up to {@link DRAIN_LIMIT_BYTES} in all, so a
 * client still sending gets the 413 rather than a reset connection (the origin does the same);
 * past that the stream is cancelled.
 */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, read: number): Promise<void> {
  let total = read;
  while (total < DRAIN_LIMIT_BYTES) {
    const { done, value } = await reader.read();
    if (done) {
      return;
    }
    total += value.byteLength;
  }
  await reader.cancel();
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
