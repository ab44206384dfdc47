package com.usagetap.compression.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.usagetap.compression.http.ErrorCode;
import com.usagetap.compression.testing.LiveServer;
import com.usagetap.compression.testing.RawHttp;
import com.usagetap.compression.testing.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The codes the origin sends are the contract's, including the answers to requests that the shared
 * cases cannot express because the JDK client will not send them.
 */
class ErrorCodesContractTest {
  @RegisterExtension static final LiveServer SERVER = LiveServer.withDefaults();

  private static JsonNode document;
  private static Contract contract;

  @BeforeAll
  static void readTheContract() throws IOException {
    document =
        new ObjectMapper(new YAMLFactory()).readTree(Path.of("contracts/openapi.yaml").toFile());
    contract = Contract.fromJson(document);
  }

  @Test
  void everyErrorCode_isInTheContractsEnum() {
    List<String> listed = new ArrayList<>();
    document.at("/components/schemas/ErrorCode/enum").forEach(c -> listed.add(c.textValue()));

    assertThat(listed)
        .containsAll(Arrays.stream(ErrorCode.values()).map(ErrorCode::wireName).toList());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/compress", "/v1/compress", "/v1/messages/compress", "/tokens/estimate"})
  void bodyCutShort_answer_isTheRoutesDocumented400(String route) {
    String request =
        "POST "
            + route
            + " HTTP/1.1\r\nHost: origin.test\r\nContent-Type: application/json\r\n"
            + "Content-Length: 50\r\n\r\n{\"text\":";

    Reply reply = send(request);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(contract.checkResponse("POST", route, 400, reply.json())).isEmpty();
  }

  @Test
  void requestRefusedBeforeRouting_answer_isADocumentedErrorBody() {
    Reply reply = send("GET /%ff HTTP/1.1\r\nHost: origin.test\r\n\r\n");

    assertThat(reply.json().get("error").textValue()).isEqualTo("bad_request");
    assertThat(contract.checkError(reply.json())).isEmpty();
  }

  private static Reply send(String request) {
    return RawHttp.send(SERVER.port(), request.getBytes(StandardCharsets.US_ASCII), true).reply();
  }
}
