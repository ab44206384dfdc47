package com.usagetap.compression.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.usagetap.compression.config.ConfigException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The private documentation routes: {@code /openapi.json}, converted once at start-up from the
 * hand-written contract {@code contracts/openapi.yaml} that ships in the jar, and {@code /docs},
 * Swagger UI from its webjar. Only the two Swagger UI assets the page loads are served.
 */
public final class DocsRoutes {
  private static final String CONTRACT = "/contracts/openapi.yaml";
  private static final String SWAGGER_ROOT = "/META-INF/resources/webjars/swagger-ui/";
  private static final Map<String, String> ASSETS =
      Map.of(
          "swagger-ui.css", "text/css",
          "swagger-ui-bundle.js", "application/javascript");

  private final byte[] openApiJson;
  private final String swaggerVersion;

  private DocsRoutes(byte[] openApiJson, String swaggerVersion) {
    this.openApiJson = openApiJson;
    this.swaggerVersion = swaggerVersion;
  }

  /**
   * Loads the contract and locates the Swagger UI assets.
   *
   * @throws ConfigException when the contract or the Swagger UI webjar is missing from the jar
   */
  public static DocsRoutes load() {
    try (InputStream yaml = DocsRoutes.class.getResourceAsStream(CONTRACT)) {
      if (yaml == null) {
        throw new ConfigException("the jar has no " + CONTRACT + "; rebuild it");
      }
      JsonNode contract = new ObjectMapper(new YAMLFactory()).readTree(yaml);
      byte[] json = new ObjectMapper().writeValueAsBytes(contract);
      return new DocsRoutes(json, swaggerVersion());
    } catch (IOException e) {
      throw new ConfigException(CONTRACT + " is not valid YAML: " + e.getMessage(), e);
    }
  }

  public void register(OriginServer server) {
    server.get("/openapi.json", this::openApi);
    server.get("/docs", this::page);
    for (String asset : ASSETS.keySet()) {
      server.get("/docs/" + asset, ctx -> asset(ctx, asset));
    }
  }

  private void openApi(Context ctx) {
    ctx.contentType("application/json").result(openApiJson);
  }

  private void page(Context ctx) {
    String html =
        """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>Prompt Compression API</title>
          <link rel="stylesheet" href="/docs/swagger-ui.css">
        </head>
        <body>
          <div id="swagger-ui"></div>
          <script src="/docs/swagger-ui-bundle.js"></script>
          <script>SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui"});</script>
        </body>
        </html>
        """;
    ctx.contentType("text/html; charset=utf-8").result(html.getBytes(StandardCharsets.UTF_8));
  }

  private void asset(Context ctx, String name) throws IOException {
    try (InputStream in =
        DocsRoutes.class.getResourceAsStream(SWAGGER_ROOT + swaggerVersion + "/" + name)) {
      if (in == null) {
        throw ErrorResponses.notFound(ctx);
      }
      ctx.contentType(ASSETS.get(name)).result(in.readAllBytes());
    }
  }

  private static String swaggerVersion() throws IOException {
    String properties = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";
    try (InputStream in = DocsRoutes.class.getResourceAsStream(properties)) {
      if (in == null) {
        throw new ConfigException("the Swagger UI webjar is missing from the classpath");
      }
      java.util.Properties p = new java.util.Properties();
      p.load(in);
      return p.getProperty("version");
    }
  }
}
