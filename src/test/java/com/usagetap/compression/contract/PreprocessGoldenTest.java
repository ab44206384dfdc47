package com.usagetap.compression.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.usagetap.compression.testing.LiveServer;
import com.usagetap.compression.testing.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden files of {@code contracts/golden/preprocess/}: each request, sent to an origin on
 * default settings, must get exactly the recorded client-visible fields, and no field the file
 * leaves out (a case without {@code warnings} must get none). The edge is tested against the same
 * files.
 */
class PreprocessGoldenTest {
  @RegisterExtension static final LiveServer SERVER = LiveServer.withDefaults();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path CASES = Path.of("contracts", "golden", "preprocess");
  private static final Map<String, List<String>> FIELDS =
      Map.of(
          "/compress",
          List.of(
              "compressed_text", "original_tokens", "compressed_tokens", "warnings", "sections"),
          "/v1/messages/compress",
          List.of(
              "messages", "system", "original_tokens", "compressed_tokens", "warnings", "sections"),
          "/v1/compress",
          List.of(
              "compressed_prompt", "compressed_prompt_list", "origin_tokens", "compressed_tokens"));

  static Stream<Path> cases() throws IOException {
    List<Path> files;
    try (Stream<Path> listing = Files.list(CASES)) {
      files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(20);
    return files.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void goldenCase_getsExactlyTheRecordedAnswer(Path file) throws IOException {
    JsonNode golden = JSON.readTree(Files.readString(file));
    String route = golden.get("route").asText();
    JsonNode expected = golden.get("response");
    assertThat(expected).as("%s has no recorded response", file).isNotNull();

    Reply reply = SERVER.post(route, JSON.writeValueAsString(golden.get("request")));

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    // Read back with this class's mapper, so that numbers compare by value, not node type.
    JsonNode actual = JSON.readTree(reply.body());
    for (String field : FIELDS.get(route)) {
      assertThat(actual.get(field))
          .as("%s %s", file.getFileName(), field)
          .isEqualTo(expected.get(field));
    }
  }
}
