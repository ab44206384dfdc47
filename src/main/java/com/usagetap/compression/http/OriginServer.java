package com.usagetap.compression.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.usagetap.compression.api.ApiRequest;
import com.usagetap.compression.api.ApiResult;
import com.usagetap.compression.api.Endpoint;
import com.usagetap.compression.config.ConfigException;
import com.usagetap.compression.config.Settings;
import com.usagetap.compression.observability.Metrics;
import com.usagetap.compression.tenant.TenantResolver;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;

/**
 * The HTTP server: exact routes, the contract's checks in their documented order, and one
 * request-log line and metric per exchange.
 *
 * <p>Order of checks on a POST: the edge's shared secret when one is set ({@code 401}, see {@link
 * OriginAuth}), route ({@code 404}), method ({@code 405} with {@code Allow}), media type ({@code
 * 415}), size ({@code 413}), JSON ({@code 400}), fields ({@code 422}). Paths match exactly: no
 * trailing-slash, doubled-slash, case or percent-encoded variants.
 */
public final class OriginServer {
  /**
   * Methods given a 405 handler on every known path. Any other method (TRACE, QUERY, an invented
   * one) reaches the not-found handler, which answers 405 for a known path as well.
   */
  private static final List<HandlerType> METHODS =
      List.of(
          HandlerType.GET,
          HandlerType.POST,
          HandlerType.PUT,
          HandlerType.PATCH,
          HandlerType.DELETE,
          HandlerType.HEAD,
          HandlerType.OPTIONS);

  private final Settings settings;
  private final JsonCodec json;
  private final RequestIds ids;
  private final RequestBodies bodies;
  private final ErrorResponses errors;
  private final AccessLog accessLog;
  private final OriginAuth auth;
  private final Metrics metrics;
  private final Map<String, Map<HandlerType, Handler>> routes = new LinkedHashMap<>();
  private Javalin app;

  public OriginServer(Settings settings, JsonCodec json, RequestIds ids, Metrics metrics) {
    this.settings = settings;
    this.json = json;
    this.ids = ids;
    this.bodies = new RequestBodies(settings.maxBodyBytes());
    this.errors = new ErrorResponses(json, ids);
    this.accessLog = new AccessLog();
    this.auth = new OriginAuth(settings.auth());
    this.metrics = metrics;
  }

  /** Adds a POST route served by a JSON endpoint. */
  public OriginServer post(String path, Endpoint endpoint) {
    return route(path, HandlerType.POST, ctx -> servePost(ctx, endpoint));
  }

  /** Adds a GET route. */
  public OriginServer get(String path, Handler handler) {
    return route(path, HandlerType.GET, handler);
  }

  private OriginServer route(String path, HandlerType method, Handler handler) {
    routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, handler);
    return this;
  }

  /** Writes a 200 JSON answer for a GET handler. */
  public void writeJson(Context ctx, ObjectNode body) {
    ctx.status(200).contentType("application/json").result(json.write(body));
  }

  /**
   * Binds {@code HOST:PORT} and starts serving.
   *
   * @throws ConfigException when {@code HOST} does not resolve or the address cannot be bound
   */
  public OriginServer start() {
    app = Javalin.create(this::configure);
    app.start();
    return this;
  }

  public void stop() {
    if (app != null) {
      app.stop();
    }
  }

  public int port() {
    return app.port();
  }

  private void configure(JavalinConfig config) {
    config.startup.showJavalinBanner = false;
    config.startup.showOldJavalinVersionWarning = false;
    config.concurrency.useVirtualThreads = true;
    config.router.ignoreTrailingSlashes = false;
    config.router.treatMultipleSlashesAsSingleSlash = false;
    config.router.caseInsensitiveRoutes = false;
    config.http.prefer405over404 = false;
    config.http.maxRequestSize = settings.maxBodyBytes() + 1;
    config.jetty.modifyServer(this::shutDownGracefully);
    config.jetty.modifyServer(this::answerProtocolErrors);
    config.jetty.addConnector(this::bind);

    config.routes.before(this::begin);
    config.routes.before(auth::check);
    for (Map.Entry<String, Map<HandlerType, Handler>> route : routes.entrySet()) {
      String path = route.getKey();
      Map<HandlerType, Handler> byMethod = route.getValue();
      String allow = allow(byMethod);
      for (HandlerType method : METHODS) {
        Handler handler =
            byMethod.getOrDefault(
                method,
                ctx -> {
                  throw methodNotAllowed(ctx, allow);
                });
        config.routes.addHttpHandler(method, path, ctx -> enter(ctx, path, handler));
      }
    }
    config.routes.exception(Exception.class, errors::handle);
    config.routes.error(404, "*", this::notFoundUnlessHandled);
    config.requestLogger.http(this::finish);
  }

  /**
   * On stop (SIGTERM), the connectors close at once and in-flight requests get up to the grace
   * period to finish; Cloud Run allows 10 seconds between SIGTERM and SIGKILL.
   */
  private void shutDownGracefully(Server server) {
    GracefulHandler graceful = new GracefulHandler();
    server.insertHandler(graceful);
    server.setStopTimeout(settings.shutdownGrace().toMillis());
    // The handler that waits for in-flight requests at stop is also the one that counts them.
    metrics.trackInFlight(() -> (int) graceful.getCurrentRequestCount());
  }

  /** Errors Jetty answers itself, before Javalin routes anything, get the envelope too. */
  private void answerProtocolErrors(Server server) {
    server.setErrorHandler(new ProtocolErrorHandler(errors, ids, this::record));
  }

  /**
   * The one connector, bound before Jetty starts so that a failure is reported as the setting it
   * is, with the system's reason, rather than as Javalin's "Port already in use" for any failure.
   */
  private Connector bind(Server server, HttpConfiguration http) {
    InetAddress address;
    try {
      address = InetAddress.getByName(settings.host());
    } catch (UnknownHostException e) {
      throw new ConfigException("HOST=" + settings.host() + " does not resolve to an address", e);
    }
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(address.getHostAddress());
    connector.setPort(settings.port());
    try {
      connector.open();
    } catch (IOException e) {
      throw new ConfigException(
          "HOST=" + settings.host() + " PORT=" + settings.port() + " cannot be bound: " + reason(e),
          e);
    }
    return connector;
  }

  /** The innermost message: Jetty wraps the system's reason in its own "Failed to bind". */
  private static String reason(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  private void begin(Context ctx) {
    Exchange exchange = Exchange.begin(ctx, ids.choose(ctx.header("X-Request-ID")));
    ctx.header("X-Request-ID", exchange.requestId);
  }

  private void enter(Context ctx, String path, Handler handler) throws Exception {
    Exchange exchange = Exchange.of(ctx, ids);
    exchange.route = path;
    // Jetty decodes the path before routing; a percent-encoded spelling of a route is not it.
    if (!ctx.req().getRequestURI().equals(path)) {
      exchange.route = "unmatched";
      throw ErrorResponses.notFound(ctx);
    }
    handler.handle(ctx);
  }

  private static String allow(Map<HandlerType, Handler> byMethod) {
    return byMethod.keySet().stream().map(HandlerType::name).collect(Collectors.joining(", "));
  }

  private static ApiException methodNotAllowed(Context ctx, String allow) {
    ctx.header("Allow", allow);
    return new ApiException(
        ErrorCode.METHOD_NOT_ALLOWED, ctx.method() + " is not allowed here; use " + allow + ".");
  }

  private void notFoundUnlessHandled(Context ctx) {
    Exchange exchange = Exchange.of(ctx, ids);
    if (exchange.errorCode != null) {
      return;
    }
    Map<HandlerType, Handler> byMethod = routes.get(ctx.req().getRequestURI());
    if (byMethod == null) {
      errors.write(ctx, ErrorResponses.notFound(ctx));
      return;
    }
    // A known path asked with a method that has no handler of its own is still a wrong method.
    exchange.route = ctx.req().getRequestURI();
    errors.write(ctx, methodNotAllowed(ctx, allow(byMethod)));
  }

  private void servePost(Context ctx, Endpoint endpoint) throws IOException {
    Exchange exchange = Exchange.of(ctx, ids);
    RequestBodies.requireJson(ctx.header("Content-Type"));
    long declared = ctx.req().getContentLengthLong();
    // Refused before the stream is opened: opening it would send 100 Continue to a client
    // waiting for permission to upload.
    bodies.requireDeclaredWithinLimit(declared);
    byte[] raw = bodies.read(declared, ctx.req().getInputStream());
    exchange.bodyBytes = raw.length;
    ObjectNode body = json.parseObject(raw);

    Optional<String> tenantHeader = singleTenantHeader(ctx);
    ApiResult result = endpoint.handle(new ApiRequest(body, tenantHeader));
    exchange.tenantId = result.tenantId().orElse(null);
    exchange.tokensIn = result.tokensIn();
    exchange.tokensOut = result.tokensOut();
    exchange.skipReason = result.skipReason().orElse(null);
    exchange.compresses = endpoint.compresses();
    result.tenantId().ifPresent(tenant -> ctx.header(TenantResolver.HEADER, tenant));
    if (result.body().has("debug")) {
      // Debug figures describe one run (its timing among them), not the question: a cache in
      // front of the origin must not replay them.
      ctx.header("Cache-Control", "no-store");
    }
    writeJson(ctx, result.body());
  }

  /**
   * The tenant header, which may be sent once: with two, a proxy that appends its own would let the
   * client's copy decide the tenant.
   */
  private static Optional<String> singleTenantHeader(Context ctx) {
    List<String> values = java.util.Collections.list(ctx.req().getHeaders(TenantResolver.HEADER));
    if (values.size() > 1) {
      throw ApiException.invalidRequest(
          List.of(new ApiException.FieldError(TenantResolver.HEADER, "must be sent at most once")));
    }
    return values.stream().findFirst();
  }

  private void finish(Context ctx, Float elapsedMs) {
    record(ctx.method().name(), Exchange.of(ctx, ids), ctx.statusCode(), elapsedMs);
  }

  private void record(String method, Exchange exchange, int status, float elapsedMs) {
    accessLog.record(method, exchange, status, elapsedMs);
    metrics.record(
        exchange.route,
        status,
        elapsedMs,
        exchange.tokensIn,
        exchange.tokensOut,
        exchange.compresses);
    // A cold start shows in the first API request, not in the health checks before it.
    if (routes.getOrDefault(exchange.route, Map.of()).containsKey(HandlerType.POST)) {
      metrics.recordFirstRequest(elapsedMs);
    }
  }
}
