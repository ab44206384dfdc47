package com.usagetap.compression.http;

import java.util.List;

/**
 * A request that cannot be served, carrying everything the error envelope needs.
 *
 * <p>Thrown anywhere below the HTTP layer; {@link ErrorResponses} is the one place that turns it
 * into a response.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** One offending field of a well-formed request. */
  public record FieldError(String field, String message) {}

  private final ErrorCode code;
  private final transient List<FieldError> details;

  public ApiException(ErrorCode code, String message) {
    this(code, message, List.of());
  }

  public ApiException(ErrorCode code, String message, List<FieldError> details) {
    super(message, null, false, false);
    this.code = code;
    this.details = List.copyOf(details);
  }

  /** A 422 {@code invalid_request} listing every field that failed validation. */
  public static ApiException invalidRequest(List<FieldError> details) {
    String summary =
        details.size() == 1
            ? details.getFirst().field() + ": " + details.getFirst().message()
            : details.size() + " fields are invalid";
    return new ApiException(ErrorCode.INVALID_REQUEST, "Invalid request: " + summary, details);
  }

  public ErrorCode code() {
    return code;
  }

  public List<FieldError> details() {
    return details;
  }
}
