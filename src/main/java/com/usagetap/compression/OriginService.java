package com.usagetap.compression;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.usagetap.compression.api.ApiServices;
import com.usagetap.compression.api.CompressEndpoint;
import com.usagetap.compression.api.EstimateEndpoint;
import com.usagetap.compression.api.LinguaEndpoint;
import com.usagetap.compression.api.MessagesEndpoint;
import com.usagetap.compression.compress.LexicalScorer;
import com.usagetap.compression.compress.Scorer;
import com.usagetap.compression.compress.TextCompressor;
import com.usagetap.compression.config.OriginAuthSettings;
import com.usagetap.compression.config.Settings;
import com.usagetap.compression.http.DocsRoutes;
import com.usagetap.compression.http.JsonCodec;
import com.usagetap.compression.http.OriginServer;
import com.usagetap.compression.http.RequestIds;
import com.usagetap.compression.lingua.LinguaCompressor;
import com.usagetap.compression.lingua.LinguaModel;
import com.usagetap.compression.model.ModelFiles;
import com.usagetap.compression.model.ModelSource;
import com.usagetap.compression.observability.Metrics;
import com.usagetap.compression.tenant.TenantProfiles;
import com.usagetap.compression.tenant.TenantResolver;
import com.usagetap.compression.tokens.Tokenizers;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the origin together: settings in, a started server out. */
public final class OriginService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OriginService.class);

  private final OriginServer server;
  private final Metrics metrics;
  private final Optional<LinguaCompressor> lingua;
  private final AtomicBoolean closed = new AtomicBoolean();

  private OriginService(OriginServer server, Metrics metrics, Optional<LinguaCompressor> lingua) {
    this.server = server;
    this.metrics = metrics;
    this.lingua = lingua;
  }

  /**
   * Builds and starts the service.
   *
   * @throws com.usagetap.compression.config.ConfigException when a setting or file is bad, or when
   *     {@code HOST:PORT} cannot be bound
   */
  public static OriginService start(Settings settings) {
    JsonCodec json = new JsonCodec();
    TenantProfiles profiles =
        settings
            .tenantProfilesFile()
            .map(f -> TenantProfiles.load(f, json))
            .orElse(TenantProfiles.none());
    TenantResolver tenants = new TenantResolver(profiles);
    Tokenizers tokenizers = new Tokenizers();
    Scorer scorer = new LexicalScorer();
    Metrics metrics = new Metrics();
    Optional<LinguaCompressor> lingua;
    try {
      lingua = loadModel(settings, tokenizers, metrics);
    } catch (RuntimeException e) {
      metrics.close();
      throw e;
    }
    TextCompressor compressor = new TextCompressor(scorer, lingua.orElse(null));
    DocsRoutes docs = DocsRoutes.load();
    String version = version();

    OriginServer server = new OriginServer(settings, json, RequestIds.random(), metrics);
    ObjectNode health =
        json.object()
            .put("status", "ok")
            .put("service", "origin")
            .put("version", version)
            .put("compressor", compressor.scorerId());
    lingua.ifPresent(
        model ->
            health
                .putObject("model")
                .put("name", model.name())
                .put("tokenizer", model.tokenizer().family().name().toLowerCase(Locale.ROOT))
                .put("inference_threads", settings.inference().threads()));
    server.get("/health", ctx -> server.writeJson(ctx, health));
    ApiServices services =
        new ApiServices(
            json, tenants, tokenizers, compressor, lingua, settings.toon(), settings.skip());
    server.post("/compress", new CompressEndpoint(services));
    server.post("/v1/compress", new LinguaEndpoint(services));
    server.post("/v1/messages/compress", new MessagesEndpoint(services));
    server.post("/tokens/estimate", new EstimateEndpoint(services));
    docs.register(server);
    server.get(
        "/metrics",
        ctx ->
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
    logAuthentication(settings.auth());
    try {
      server.start();
    } catch (RuntimeException e) {
      metrics.close();
      lingua.ifPresent(LinguaCompressor::close);
      throw e;
    }
    metrics.recordStartup(Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime()));
    return new OriginService(server, metrics, lingua);
  }

  public int port() {
    return server.port();
  }

  /** Stops the server gracefully, then the model; a second call does nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.stop();
    metrics.close();
    lingua.ifPresent(LinguaCompressor::close);
  }

  /**
   * Loads the model named by the settings, downloading it first when it comes from a hub; a bad
   * folder or download stops start-up with a message naming the file.
   */
  private static Optional<LinguaCompressor> loadModel(
      Settings settings, Tokenizers tokenizers, Metrics metrics) {
    ModelSource source = settings.model();
    Optional<ModelFiles> files = source.resolve();
    if (files.isEmpty()) {
      return Optional.empty();
    }
    long started = System.nanoTime();
    LinguaCompressor model =
        LinguaModel.open(
            files.get(),
            source.name(),
            settings.inference(),
            tokenizers.cl100k(),
            metrics::recordInferenceBatch);
    LOG.info(
        "model {} loaded from {} in {} ms",
        source.name(),
        files.get().dir(),
        (System.nanoTime() - started) / 1_000_000);
    return Optional.of(model);
  }

  /**
   * Says at start-up whether the edge's secret is required, and warns while the break-glass switch
   * lets requests without it through, so that a fallback left open shows in the logs.
   */
  private static void logAuthentication(OriginAuthSettings auth) {
    if (auth.secret().isEmpty()) {
      return;
    }
    if (auth.previous().isPresent()) {
      LOG.info("ORIGIN_SHARED_SECRET_PREVIOUS is accepted beside ORIGIN_SHARED_SECRET (rotation)");
    }
    if (auth.allowUnauthenticated()) {
      LOG.warn(
          "ORIGIN_ALLOW_UNAUTHENTICATED=true: requests without X-Origin-Auth are served"
              + " (break-glass direct-origin fallback); a wrong X-Origin-Auth is still refused");
      return;
    }
    LOG.info("requests need the edge's shared secret in X-Origin-Auth, except GET /health");
  }

  /** The build's version, from the properties file Maven filters at package time. */
  static String version() {
    try (InputStream in = OriginService.class.getResourceAsStream("/origin-build.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("service.version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }
}
