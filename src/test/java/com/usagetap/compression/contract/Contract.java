package com.usagetap.compression.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The OpenAPI document as a validator: finds the request and response schemas of an operation and
 * checks JSON bodies against them with the OpenAPI 3.1 dialect of JSON Schema.
 */
public final class Contract {
  private static final String BASE = "https://contract.invalid/openapi.json";

  private final JsonNode document;
  private final SchemaRegistry registry;

  private Contract(JsonNode document) {
    this.document = document;
    String text = document.toString();
    this.registry =
        SchemaRegistry.withDefaultDialect(
            Dialects.getOpenApi31(), builder -> builder.schemas(Map.of(BASE, text)));
  }

  public static Contract fromJson(JsonNode document) {
    return new Contract(document);
  }

  static JsonNode readCases(Path file) {
    try {
      return new ObjectMapper().readTree(Files.readString(file)).get("cases");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Violations of the documented response schema for this operation and status. */
  public List<String> checkResponse(String method, String path, int status, JsonNode body) {
    String pointer = operation(method, path) + "/responses/" + status;
    JsonNode response = document.at(pointer);
    if (response.isMissingNode()) {
      return List.of("status " + status + " is not documented for " + method + " " + path);
    }
    if (response.has("$ref")) {
      pointer = response.get("$ref").textValue().substring(1);
    }
    return validate(pointer + "/content/application~1json/schema", body);
  }

  /** Violations of the documented request-body schema for this operation. */
  List<String> checkRequest(String method, String path, JsonNode body) {
    return validate(
        operation(method, path) + "/requestBody/content/application~1json/schema", body);
  }

  /** Violations of the {@code Error} schema, for answers that are not tied to one operation. */
  List<String> checkError(JsonNode body) {
    return validate("/components/schemas/Error", body);
  }

  private List<String> validate(String pointer, JsonNode body) {
    if (document.at(pointer).isMissingNode()) {
      return List.of("no schema at " + pointer);
    }
    Schema schema = registry.getSchema(SchemaLocation.of(BASE + "#" + pointer));
    List<String> messages = new ArrayList<>();
    for (Error error : schema.validate(body)) {
      messages.add(error.toString());
    }
    return messages;
  }

  private static String operation(String method, String path) {
    return "/paths/"
        + path.replace("~", "~0").replace("/", "~1")
        + "/"
        + method.toLowerCase(Locale.ROOT);
  }

  /** The public paths the document lists, in its order. */
  List<String> paths() {
    List<String> paths = new ArrayList<>();
    Iterator<String> names = document.get("paths").fieldNames();
    names.forEachRemaining(paths::add);
    return paths;
  }
}
