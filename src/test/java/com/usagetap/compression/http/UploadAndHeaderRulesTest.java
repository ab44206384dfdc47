package com.usagetap.compression.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.usagetap.compression.testing.LiveServer;
import com.usagetap.compression.testing.RawHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Refusals that depend on how a request is sent rather than on its JSON. */
class UploadAndHeaderRulesTest {
  @RegisterExtension static final LiveServer SERVER = LiveServer.withDefaults();

  @Test
  void oversizedUpload_awaitingContinue_isRefusedAtOnceWithoutInvitingTheBody() throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), SERVER.port())) {
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      String request =
          String.join(
              "\r\n",
              "POST /compress HTTP/1.1",
              "Host: localhost",
              "Content-Type: application/json",
              "Content-Length: 2000000",
              "Expect: 100-continue",
              "",
              "");
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);

      assertThat(head).isEqualTo("HTTP/1.1 413");
    }
  }

  @Test
  void tenantHeader_sentTwice_isRefusedRatherThanFirstOneWinning() throws IOException {
    byte[] head =
        String.join(
                "\r\n",
                "POST /compress HTTP/1.1",
                "Host: localhost",
                "Content-Type: application/json",
                "X-Tenant-ID: tenant-a",
                "X-Tenant-ID: tenant-b")
            .getBytes(StandardCharsets.US_ASCII);
    RawHttp.Response response =
        RawHttp.exchange(
            SERVER.port(), head, "{\"text\": \"hello there\"}".getBytes(StandardCharsets.UTF_8));
    JsonNode body = new ObjectMapper().readTree(response.body());

    assertThat(response.status()).isEqualTo(422);
    assertThat(body.get("error").textValue()).isEqualTo("invalid_request");
    assertThat(body.at("/details/0/field").textValue()).isEqualTo("X-Tenant-ID");
  }
}
