package com.usagetap.compression.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the errors Jetty raises itself, before any route runs, with the contract's envelope
 * instead of Jetty's HTML page: a request line, URI, header block or body framing that Jetty's
 * parser refuses (400, 414, 417, 426, 431, 505).
 *
 * <p>The message is fixed per status rather than Jetty's reason, which can quote what the client
 * sent; the URI is never echoed. A bad HTTP version is answered 400 rather than 505: the fault is
 * the client's, and the contract answers client faults with a 4xx. The request id is the client's
 * when Jetty got as far as reading a sane {@code X-Request-ID}, otherwise a new one.
 */
final class ProtocolErrorHandler extends ErrorHandler {
  /** Where a refused exchange is recorded, as any other one is: request log and metrics. */
  interface Recorder {
    void record(String method, Exchange exchange, int status, float elapsedMs);
  }

  private final ErrorResponses errors;
  private final RequestIds ids;
  private final Recorder recorder;

  ProtocolErrorHandler(ErrorResponses errors, RequestIds ids, Recorder recorder) {
    this.errors = errors;
    this.ids = ids;
    this.recorder = recorder;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int jettyStatus = response.getStatus();
    if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException failure) {
      jettyStatus = failure.getCode();
    }
    int status = jettyStatus == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505 ? 400 : jettyStatus;
    ApiException error = errorFor(jettyStatus);
    Exchange exchange = Exchange.unrouted(ids.choose(request.getHeaders().get("X-Request-ID")));
    exchange.errorCode = error.code().wireName();

    response.setStatus(status);
    generateCacheControl(response);
    response.getHeaders().put("X-Request-ID", exchange.requestId);
    if (HttpStatus.hasNoBody(status)) {
      callback.succeeded();
    } else {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      response.write(true, ByteBuffer.wrap(errors.envelope(error, exchange.requestId)), callback);
    }

    float elapsedMs = (System.nanoTime() - request.getBeginNanoTime()) / 1_000_000f;
    recorder.record(methodOf(request), exchange, status, elapsedMs);
    return true;
  }

  private static ApiException errorFor(int jettyStatus) {
    return switch (jettyStatus) {
      case 404 -> new ApiException(ErrorCode.NOT_FOUND, "No such route.");
      case 413 -> new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "Request body is too large.");
      case 414 -> badRequest("The request URI is longer than this server accepts.");
      case 417 -> badRequest("The only expectation this server meets is 100-continue.");
      case 426 -> badRequest("This port serves HTTP/1.1; HTTP/2 is not offered.");
      case 431 -> badRequest("The request headers are larger than this server accepts.");
      case 505 -> badRequest("The HTTP version is not supported; send HTTP/1.1.");
      case 503 -> new ApiException(ErrorCode.OVERLOADED, "The service is at capacity.");
      default ->
          jettyStatus >= 500
              ? new ApiException(ErrorCode.INTERNAL_ERROR, "The service failed to answer.")
              : badRequest("The request line, URI or headers are not well-formed HTTP/1.1.");
    };
  }

  private static ApiException badRequest(String message) {
    return new ApiException(ErrorCode.BAD_REQUEST, message);
  }

  /** A method token is up to a request line long; only a short visible one goes to the log. */
  private static String methodOf(Request request) {
    String method = request.getMethod();
    return RequestIds.isSane(method) ? method : "BAD";
  }
}
