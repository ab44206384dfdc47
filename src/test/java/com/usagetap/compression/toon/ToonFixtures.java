package com.usagetap.compression.toon;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.usagetap.compression.testing.Corpus;
import com.usagetap.compression.testing.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The specification's encode fixtures beside the checkout, at {@code
 * ${shared.dir}/toon-fixtures/fixtures/encode} (the Maven build passes {@code shared.dir}). Each
 * file holds cases with an {@code input}, optional {@code options}, and the {@code expected} TOON
 * text or {@code shouldError}. Numbers are read exactly, as {@link Json} reads them.
 */
final class ToonFixtures {
  /** One encode case, named after its file and its own name. */
  record Case(String name, JsonNode input, ToonOptions options, String expected, boolean error) {}

  private ToonFixtures() {}

  static Path encodeFolder() {
    return Path.of(System.getProperty("shared.dir", "../shared"))
        .resolve("toon-fixtures/fixtures/encode");
  }

  static void assumePresent() {
    assumeTrue(
        Files.isDirectory(encodeFolder()),
        encodeFolder() + " is absent: the conformance tests need ../shared/toon-fixtures");
  }

  /** Every encode case in file order, or none when the fixtures are absent. */
  static List<Case> encodeCases() {
    if (!Files.isDirectory(encodeFolder())) {
      return List.of();
    }
    List<Case> cases = new ArrayList<>();
    try (Stream<Path> listing = Files.list(encodeFolder())) {
      for (Path file : listing.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        addCases(file, cases);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cases;
  }

  private static void addCases(Path file, List<Case> cases) {
    String fileName = file.getFileName().toString().replace(".json", "");
    for (JsonNode test : Json.parse(Corpus.read(file)).path("tests")) {
      cases.add(
          new Case(
              fileName + ": " + test.path("name").asText(),
              test.get("input"),
              options(test.path("options")),
              test.path("expected").asText(),
              test.path("shouldError").asBoolean(false)));
    }
  }

  private static ToonOptions options(JsonNode options) {
    ToonOptions parsed = ToonOptions.DEFAULTS;
    if (options.has("indentSize")) {
      parsed = parsed.withIndent(options.get("indentSize").intValue());
    }
    if (options.has("delimiter")) {
      parsed = parsed.withDelimiter(ToonDelimiter.of(options.get("delimiter").textValue()));
    }
    return parsed;
  }
}
