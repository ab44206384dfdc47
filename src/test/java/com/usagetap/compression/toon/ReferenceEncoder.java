package com.usagetap.compression.toon;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.usagetap.compression.testing.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reference TOON encoder, {@code @toon-format/toon} 4.4.0, run by {@code
 * tools/toon-reference/encode.mjs} under the Node.js that {@code scripts/test.sh} passes as {@code
 * -Dtoon.node}. One process encodes a whole batch: NDJSON in, one JSON-encoded result per line out.
 */
final class ReferenceEncoder {
  private static final long TIMEOUT_MINUTES = 5;

  /** What an encoder made of one document: its text, or the message it refused it with. */
  record Outcome(String text, String error) {
    static Outcome of(JsonNode document, ToonOptions options) {
      try {
        return new Outcome(ToonEncoder.encode(document, options), null);
      } catch (IllegalArgumentException e) {
        return new Outcome(null, e.getMessage());
      }
    }
  }

  private ReferenceEncoder() {}

  /** The Node.js executable to run the reference with; skips the test when none was passed. */
  static Path assumeNode() {
    String node = System.getProperty("toon.node", "");
    assumeTrue(
        !node.isBlank(),
        "toon.node is not set: run scripts/test.sh, which installs Node.js 22 and the pinned"
            + " @toon-format/toon and passes -Dtoon.node");
    return Path.of(node);
  }

  /** The reference's NDJSON line for one document, with the options in the package's names. */
  static String request(String documentJson, ToonOptions options) {
    String delimiter = Json.write(Json.mapper().getNodeFactory().textNode(symbol(options)));
    return "{\"options\":{\"indentSize\":"
        + options.indent()
        + ",\"delimiter\":"
        + delimiter
        + "},\"input\":"
        + documentJson
        + "}";
  }

  /**
   * Runs the reference over {@code requests}, one line each, and returns its outcomes in order. A
   * reference that cannot run, or answers with the wrong number of lines, fails the test.
   */
  static List<Outcome> encode(Path node, List<String> requests) {
    Path script =
        Path.of(System.getProperty("toon.reference", "tools/toon-reference")).resolve("encode.mjs");
    try {
      Path input = Files.createTempFile("toon-reference", ".ndjson");
      Path errors = Files.createTempFile("toon-reference", ".stderr");
      try {
        Files.write(input, requests, StandardCharsets.UTF_8);
        return run(node, script, input, errors, requests.size());
      } finally {
        Files.deleteIfExists(input);
        Files.deleteIfExists(errors);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Outcome> run(Path node, Path script, Path input, Path errors, int expected)
      throws IOException {
    Process process =
        new ProcessBuilder(node.toString(), script.toString())
            .redirectInput(input.toFile())
            .redirectError(errors.toFile())
            .start();
    byte[] output = process.getInputStream().readAllBytes();
    try {
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("the reference encoder ran past " + TIMEOUT_MINUTES + " minutes");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while the reference encoder ran", e);
    }
    if (process.exitValue() != 0) {
      throw new AssertionError(
          "the reference encoder exited with "
              + process.exitValue()
              + ": "
              + Files.readString(errors, StandardCharsets.UTF_8));
    }

    List<Outcome> outcomes = new ArrayList<>(expected);
    for (String line : new String(output, StandardCharsets.UTF_8).split("\n", -1)) {
      if (!line.isEmpty()) {
        JsonNode result = Json.parse(line);
        outcomes.add(
            result.isTextual()
                ? new Outcome(result.textValue(), null)
                : new Outcome(null, result.path("error").asText()));
      }
    }
    if (outcomes.size() != expected) {
      throw new AssertionError(
          "the reference encoder answered " + outcomes.size() + " lines for " + expected);
    }
    return outcomes;
  }

  private static String symbol(ToonOptions options) {
    return String.valueOf(options.delimiter().character());
  }
}
