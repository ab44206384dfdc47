package com.usagetap.compression.testing;

import com.usagetap.compression.OriginService;
import com.usagetap.compression.config.Settings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real origin started on 127.0.0.1 and a free port for one test class, with a JDK HttpClient
 * aimed at it. Register it as a static {@code @RegisterExtension} field; the server starts before
 * the class's first test and stops after its last.
 *
 * <p>Paths are sent as given, without normalisation, so that variants such as {@code //compress} or
 * {@code /compres%73} reach the server exactly as written.
 */
public final class LiveServer implements BeforeAllCallback, AfterAllCallback {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final UnaryOperator<Settings> customizer;
  private OriginService service;
  private HttpClient client;

  private LiveServer(UnaryOperator<Settings> customizer) {
    this.customizer = customizer;
  }

  /** A server with the default settings (1 MiB bodies, no tenant profiles). */
  public static LiveServer withDefaults() {
    return new LiveServer(UnaryOperator.identity());
  }

  /** A server whose settings are the defaults passed through {@code customizer} at start. */
  public static LiveServer with(UnaryOperator<Settings> customizer) {
    return new LiveServer(customizer);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    service = OriginService.start(customizer.apply(Settings.defaults().withPort(0)));
    client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (client != null) {
      client.close();
    }
    if (service != null) {
      service.close();
    }
  }

  public int port() {
    return service.port();
  }

  /** The URI of a raw path (and query) on this server. */
  public URI uri(String rawPath) {
    return URI.create("http://127.0.0.1:" + port() + rawPath);
  }

  /** A request builder for a raw path, with the suite's timeout. */
  public HttpRequest.Builder request(String rawPath) {
    return HttpRequest.newBuilder(uri(rawPath)).timeout(TIMEOUT);
  }

  public Reply get(String rawPath) {
    return send(request(rawPath).GET().build());
  }

  /** POSTs a JSON text as {@code application/json}. */
  public Reply post(String rawPath, String json) {
    return post(rawPath, json.getBytes(StandardCharsets.UTF_8));
  }

  /** POSTs bytes as {@code application/json}, with a Content-Length. */
  public Reply post(String rawPath, byte[] json) {
    return send(
        request(rawPath)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json))
            .build());
  }

  public Reply send(HttpRequest request) {
    try {
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted during " + request.uri(), e);
    }
  }
}
