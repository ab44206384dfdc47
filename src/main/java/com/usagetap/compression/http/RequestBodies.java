package com.usagetap.compression.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Reads a POST body under the contract's rules, in this order: media type ({@code 415}), size
 * ({@code 413}, before any parsing and whether or not a Content-Length was sent).
 */
public final class RequestBodies {
  /** How much of a refused body is read and thrown away before the 413 is sent. */
  static final long DRAIN_LIMIT_BYTES = 32L * 1024 * 1024;

  private final long maxBodyBytes;

  public RequestBodies(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * Checks that a Content-Type names JSON in UTF-8.
   *
   * <p>{@code application/json} with any parameters is accepted, except a {@code charset} other
   * than UTF-8: JSON exchanged between systems is UTF-8 (RFC 8259, section 8.1).
   *
   * @throws ApiException {@code unsupported_media_type} otherwise
   */
  public static void requireJson(String contentType) {
    if (contentType == null || trimWhitespace(contentType).isEmpty()) {
      throw unsupported("Content-Type must be application/json; none was sent.");
    }
    String[] parts = contentType.split(";", -1);
    String mediaType = trimWhitespace(parts[0]).toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json")) {
      throw unsupported(
          isQuotable(mediaType)
              ? "Content-Type must be application/json, not " + mediaType + "."
              : "Content-Type must be application/json, not a value outside visible ASCII.");
    }
    for (int i = 1; i < parts.length; i++) {
      String parameter = trimWhitespace(parts[i]);
      int eq = parameter.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String name = trimWhitespace(parameter.substring(0, eq)).toLowerCase(Locale.ROOT);
      String value = unquote(trimWhitespace(parameter.substring(eq + 1))).toLowerCase(Locale.ROOT);
      if (name.equals("charset") && !value.equals("utf-8") && !value.equals("utf8")) {
        throw unsupported(
            isQuotable(value)
                ? "Request bodies must be UTF-8 JSON; charset " + value + " is refused."
                : "Request bodies must be UTF-8 JSON; a charset outside visible ASCII is refused.");
      }
    }
  }

  /**
   * The value without the spaces and tabs around it, HTTP's optional white space (RFC 9110, section
   * 5.6.3), and nothing else: the edge trims alike, so that a character such as a no-break space is
   * part of the value on both sides.
   */
  private static String trimWhitespace(String value) {
    int start = 0;
    int end = value.length();
    while (start < end && isOptionalWhitespace(value.charAt(start))) {
      start++;
    }
    while (end > start && isOptionalWhitespace(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(start, end);
  }

  private static boolean isOptionalWhitespace(char c) {
    return c == ' ' || c == '\t';
  }

  /**
   * Whether a message may quote the value: visible ASCII and spaces only. Other header bytes are
   * read as Latin-1 here and as UTF-8 by the edge's runtime, so quoting them would make the two
   * messages differ, and echoing control characters helps no one.
   */
  private static boolean isQuotable(String value) {
    return value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
  }

  /**
   * Refuses a body whose declared length is over the limit.
   *
   * @param declaredLength the Content-Length, or -1 when none was sent
   * @throws ApiException {@code payload_too_large}
   */
  public void requireDeclaredWithinLimit(long declaredLength) {
    if (declaredLength > maxBodyBytes) {
      throw tooLarge();
    }
  }

  /**
   * Reads at most {@code maxBodyBytes} from the stream.
   *
   * @param declaredLength the Content-Length, or -1 when none was sent
   * @throws ApiException {@code payload_too_large} as soon as the limit is passed, and {@code
   *     bad_request} when the body ends before its Content-Length or its chunked framing is broken
   */
  public byte[] read(long declaredLength, InputStream in) {
    requireDeclaredWithinLimit(declaredLength);
    ByteArrayOutputStream out =
        new ByteArrayOutputStream((int) Math.max(0, Math.min(declaredLength, maxBodyBytes)));
    byte[] buffer = new byte[16_384];
    long total = 0;
    int n;
    while ((n = readSome(in, buffer)) != -1) {
      total += n;
      if (total > maxBodyBytes) {
        throw refuseTooLarge(in, total);
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  /**
   * One read of the body. Jetty fails a read when the client breaks the message (end of stream
   * inside the declared length or a chunk, a chunk size that is not hex): the client's fault.
   */
  private static int readSome(InputStream in, byte[] buffer) {
    try {
      return in.read(buffer);
    } catch (IOException e) {
      throw new ApiException(
          ErrorCode.BAD_REQUEST, "The request body could not be read completely.");
    }
  }

  /** Discards the rest of an oversized body, which is refused whether or not it arrives intact. */
  private ApiException refuseTooLarge(InputStream in, long alreadyRead) {
    try {
      drain(in, alreadyRead);
    } catch (IOException e) {
      // The client broke off the rest; the answer, if it can still be sent, is the same.
      return tooLarge();
    }
    return tooLarge();
  }

  /**
   * Reads and discards the rest of a refused body, up to {@value #DRAIN_LIMIT_BYTES} bytes in all,
   * so that a client still sending gets the 413 instead of a reset connection; past that the
   * connection is closed on it.
   */
  static void drain(InputStream in, long alreadyRead) throws IOException {
    byte[] buffer = new byte[65_536];
    long total = alreadyRead;
    int n;
    while (total < DRAIN_LIMIT_BYTES && (n = in.read(buffer)) != -1) {
      total += n;
    }
  }

  private ApiException tooLarge() {
    return new ApiException(
        ErrorCode.PAYLOAD_TOO_LARGE,
        "Request body is larger than the limit of " + maxBodyBytes + " bytes.");
  }

  private static ApiException unsupported(String message) {
    return new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, message);
  }

  private static String unquote(String value) {
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }
}
