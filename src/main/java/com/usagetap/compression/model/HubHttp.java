package com.usagetap.compression.model;

import static net.logstash.logback.argument.StructuredArguments.kv;

import com.usagetap.compression.config.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GET requests to a hub and to the hosts it redirects to, with bounded waits and a few retries.
 *
 * <p>Redirects are followed here rather than by the client so that the token only goes to the hub's
 * own origin: the hub answers for an LFS file with a 302 to a CDN URL that is already signed, and
 * the Python client likewise drops the token when a redirect changes host. A redirect from https to
 * http is refused.
 *
 * <p>Connecting is bounded by {@link Options#connectTimeout()}. After that a request fails when
 * neither the headers nor any body bytes arrive for {@link Options#idleTimeout()}, however long the
 * whole transfer takes: a 2 GB graph over a slow link may take many minutes, while a stalled one
 * must not hold start-up forever. HTTP 429, 5xx, I/O errors and stalls are retried up to {@link
 * Options#attempts()} times in all, waiting {@code backoff}, {@code 2 × backoff}, … between them;
 * any other status is the hub's answer and fails at once.
 */
final class HubHttp implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HubHttp.class);
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final int MAX_REDIRECTS = 5;
  private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z]{1,64}");

  /**
   * How long to wait and how often to try.
   *
   * @param connectTimeout longest wait for a connection
   * @param idleTimeout longest wait for the headers or for the next body bytes
   * @param attempts tries per request, the first included; at least 1
   * @param backoff wait before the first retry, doubled before each later one
   */
  record Options(Duration connectTimeout, Duration idleTimeout, int attempts, Duration backoff) {
    Options {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be at least 1, not " + attempts);
      }
    }

    static Options defaults() {
      return new Options(Duration.ofSeconds(10), Duration.ofSeconds(60), 4, Duration.ofMillis(500));
    }
  }

  /** Where a response body goes. */
  interface Sink {
    /** Drops what an earlier attempt wrote, before the next one starts. */
    void reset() throws IOException;

    /** Takes the buffer's remaining bytes. */
    void write(ByteBuffer bytes) throws IOException;
  }

  private final HttpClient client;
  private final Options options;
  private final Optional<String> token;

  HubHttp(Options options, Optional<String> token) {
    this.options = options;
    this.token = token;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(options.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Fetches {@code uri} into {@code sink}.
   *
   * @param label names the model, to start error messages
   * @param subject what is fetched: a repository path, or "the file listing"
   * @param maxBytes longest body accepted
   * @return the number of body bytes written to the sink
   * @throws ConfigException naming the model, the subject and the status or failure, once a request
   *     has failed for good
   */
  long get(URI uri, String label, String subject, long maxBytes, Sink sink) {
    String context = label + ": " + subject;
    for (int attempt = 1; ; attempt++) {
      try {
        return exchange(uri, context, maxBytes, sink);
      } catch (TransientFailure e) {
        if (attempt >= options.attempts()) {
          throw new ConfigException(
              context + ": " + e.getMessage() + " (gave up after " + attempt + " attempts)", e);
        }
        Duration wait = options.backoff().multipliedBy(1L << (attempt - 1));
        LOG.warn(
            "hub request failed, retrying",
            kv("file", subject),
            kv("attempt", attempt),
            kv("reason", e.getMessage()),
            kv("retry_in_ms", wait.toMillis()));
        pause(wait, context);
      }
    }
  }

  private long exchange(URI start, String context, long maxBytes, Sink sink)
      throws TransientFailure {
    URI uri = start;
    boolean withToken = token.isPresent();
    for (int redirects = 0; redirects <= MAX_REDIRECTS; redirects++) {
      try {
        sink.reset();
      } catch (IOException e) {
        throw new ConfigException(context + ": cannot be written: " + describe(e), e);
      }
      SinkSubscriber body = new SinkSubscriber(sink, maxBytes);
      HttpResponse<Long> response = await(send(uri, withToken, body), body, context);
      int status = response.statusCode();
      if (status == 200) {
        return response.body();
      }
      if (REDIRECTS.contains(status)) {
        URI next = location(response, uri, context);
        // Once a redirect leaves the hub's origin the token stays behind, even if one comes back.
        withToken &= isSameOrigin(start, next);
        uri = next;
        continue;
      }
      // Overload and server faults may pass; any other status is the hub's considered answer.
      if (status == 429 || status >= 500) {
        throw new TransientFailure("HTTP " + status + errorCode(response));
      }
      throw new ConfigException(context + ": HTTP " + status + errorCode(response) + hint(status));
    }
    throw new ConfigException(context + ": more than " + MAX_REDIRECTS + " redirects");
  }

  private CompletableFuture<HttpResponse<Long>> send(
      URI uri, boolean withToken, SinkSubscriber body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).GET().header("User-Agent", "compression-origin");
    if (withToken) {
      request.header("Authorization", "Bearer " + token.orElseThrow());
    }
    return client.sendAsync(
        request.build(), info -> info.statusCode() == 200 ? body : BodySubscribers.replacing(-1L));
  }

  /** Waits for the whole response while bytes keep coming, and gives up when they stop. */
  private HttpResponse<Long> await(
      CompletableFuture<HttpResponse<Long>> future, SinkSubscriber body, String context)
      throws TransientFailure {
    long idleNanos = options.idleTimeout().toNanos();
    long pollMillis = Math.clamp(options.idleTimeout().toMillis() / 4, 1, 250);
    long seen = 0;
    long lastProgress = System.nanoTime();
    while (true) {
      try {
        return future.get(pollMillis, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        long received = body.received();
        long now = System.nanoTime();
        if (received != seen) {
          seen = received;
          lastProgress = now;
        } else if (now - lastProgress >= idleNanos) {
          body.abandon();
          future.cancel(true);
          throw new TransientFailure("no data for " + options.idleTimeout().toMillis() + " ms", e);
        }
      } catch (ExecutionException e) {
        body.abandon();
        throw transientOrFinal(e.getCause(), context);
      } catch (InterruptedException e) {
        body.abandon();
        future.cancel(true);
        Thread.currentThread().interrupt();
        throw new ConfigException(context + ": interrupted", e);
      }
    }
  }

  /** A refused body or an unexpected error is final; a failed connection or transfer is not. */
  private static TransientFailure transientOrFinal(Throwable failure, String context) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SinkSubscriber.BodyRefused refused) {
        throw new ConfigException(context + ": " + refused.getMessage(), refused);
      }
    }
    if (failure instanceof HttpConnectTimeoutException) {
      return new TransientFailure("no connection within the connect timeout", failure);
    }
    if (failure instanceof IOException) {
      return new TransientFailure(describe(failure), failure);
    }
    throw new ConfigException(context + ": " + describe(failure), failure);
  }

  private static URI location(HttpResponse<?> response, URI from, String context) {
    String location =
        response
            .headers()
            .firstValue("Location")
            .orElseThrow(
                () ->
                    new ConfigException(
                        context + ": HTTP " + response.statusCode() + " without a Location"));
    URI next;
    try {
      next = from.resolve(location);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(context + ": redirect to an invalid URL", e);
    }
    if ("https".equalsIgnoreCase(from.getScheme()) && !"https".equalsIgnoreCase(next.getScheme())) {
      throw new ConfigException(context + ": refused a redirect from https to another scheme");
    }
    if (!"http".equalsIgnoreCase(next.getScheme()) && !"https".equalsIgnoreCase(next.getScheme())) {
      throw new ConfigException(context + ": refused a redirect to a non-HTTP URL");
    }
    return next;
  }

  private static boolean isSameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
  }

  /** The hub names the kind of error in a header, e.g. {@code RevisionNotFound} or GatedRepo. */
  private static String errorCode(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("X-Error-Code")
        .filter(code -> ERROR_CODE.matcher(code).matches())
        .map(code -> " (" + code + ")")
        .orElse("");
  }

  private String hint(int status) {
    if (status == 401 || status == 403) {
      return token.isPresent()
          ? "; HF_TOKEN is set but does not give access"
          : "; the repository may be private or gated: set HF_TOKEN";
    }
    return status == 404 ? "; no such repository, revision or file" : "";
  }

  private static String describe(Throwable failure) {
    String message = failure.getMessage();
    String name = failure.getClass().getSimpleName();
    return message == null || message.isBlank() ? name : name + ": " + message;
  }

  private static void pause(Duration wait, String context) {
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigException(context + ": interrupted", e);
    }
  }

  @Override
  public void close() {
    client.shutdownNow();
  }

  /** A failure that a later attempt may not meet. */
  private static final class TransientFailure extends Exception {
    private static final long serialVersionUID = 1L;

    TransientFailure(String message) {
      super(message);
    }

    TransientFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
