package com.usagetap.compression.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become responses: {@code {"error", "message", "request_id"}}, plus
 * {@code details} for field errors. Anything that is not an {@link ApiException} is a fault of this
 * service, logged with its stack trace and answered as {@code internal_error} without any detail.
 */
final class ErrorResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

  private final JsonCodec json;
  private final RequestIds ids;

  ErrorResponses(JsonCodec json, RequestIds ids) {
    this.json = json;
    this.ids = ids;
  }

  void handle(Exception failure, Context ctx) {
    write(ctx, toApiException(failure, ctx));
  }

  /**
   * Reads what is left of a refused request's body, so that the connection stays usable for the
   * client's next request instead of being closed under it (a refusal such as 415 or 405 comes
   * before the body is read). A client waiting for {@code 100 Continue}, or one that declared more
   * than would be drained, is answered at once and the connection closed: reading would invite the
   * upload the answer refuses.
   */
  private static void discardUnreadBody(Context ctx) {
    boolean awaitsContinue = "100-continue".equalsIgnoreCase(ctx.header("Expect"));
    if (awaitsContinue || ctx.req().getContentLengthLong() > RequestBodies.DRAIN_LIMIT_BYTES) {
      ctx.header("Connection", "close");
      return;
    }
    try {
      RequestBodies.drain(ctx.req().getInputStream(), 0);
    } catch (IOException | IllegalStateException e) {
      LOG.debug("unread request body could not be discarded: {}", e.getClass().getSimpleName());
    }
  }

  void write(Context ctx, ApiException error) {
    discardUnreadBody(ctx);
    Exchange exchange = Exchange.of(ctx, ids);
    exchange.errorCode = error.code().wireName();
    ctx.header("X-Request-ID", exchange.requestId);
    ctx.status(error.code().status());
    if (error.code() == ErrorCode.OVERLOADED) {
      // A busy compressor frees up within the deadline of the requests it is running.
      ctx.header("Retry-After", "1");
    }
    ctx.contentType("application/json");
    ctx.result(envelope(error, exchange.requestId));
  }

  /** The envelope's bytes, shared with the errors Jetty raises before any route runs. */
  byte[] envelope(ApiException error, String requestId) {
    ObjectNode body = json.object();
    body.put("error", error.code().wireName());
    body.put("message", error.getMessage());
    body.put("request_id", requestId);
    if (!error.details().isEmpty()) {
      ArrayNode details = body.putArray("details");
      for (ApiException.FieldError detail : error.details()) {
        details.addObject().put("field", detail.field()).put("message", detail.message());
      }
    }
    return json.write(body);
  }

  private ApiException toApiException(Exception failure, Context ctx) {
    if (failure instanceof ApiException api) {
      return api;
    }
    if (failure instanceof HttpResponseException http) {
      return switch (http.getStatus()) {
        case 404 -> notFound(ctx);
        case 413 -> new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "Request body is too large.");
        case 400 -> new ApiException(ErrorCode.INVALID_JSON, "The request could not be read.");
        default -> internal(failure, ctx);
      };
    }
    return internal(failure, ctx);
  }

  static ApiException notFound(Context ctx) {
    return new ApiException(
        ErrorCode.NOT_FOUND, "No route " + ctx.method() + " " + ctx.path() + ".");
  }

  private static ApiException internal(Exception failure, Context ctx) {
    LOG.error(
        "unhandled failure on {} {} ({})",
        ctx.method(),
        Exchange.routeOf(ctx),
        failure.getClass().getName(),
        failure);
    return new ApiException(ErrorCode.INTERNAL_ERROR, "The service failed to answer.");
  }
}
