package com.usagetap.compression.http;

/** The error codes of the public contract, each with the HTTP status it is sent with. */
public enum ErrorCode {
  /**
   * A request that is not acceptable HTTP, or whose body could not be read to its end. Sent with
   * 400, or with the protocol status that names the fault more exactly (414, 417, 426, 431).
   */
  BAD_REQUEST(400),
  INVALID_JSON(400),
  /** The origin requires the edge's shared secret, and the request lacks it or has another. */
  UNAUTHORIZED(401),
  NOT_FOUND(404),
  METHOD_NOT_ALLOWED(405),
  PAYLOAD_TOO_LARGE(413),
  UNSUPPORTED_MEDIA_TYPE(415),
  INVALID_REQUEST(422),
  TENANT_MISMATCH(422),
  OVERLOADED(503),
  INTERNAL_ERROR(500);

  private final int status;

  ErrorCode(int status) {
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** The code as it appears in the {@code error} field of the envelope. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
