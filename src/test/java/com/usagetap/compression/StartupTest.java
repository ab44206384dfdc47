package com.usagetap.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.usagetap.compression.config.ConfigException;
import com.usagetap.compression.config.Settings;
import com.usagetap.compression.testing.LogCapture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An address the origin cannot listen on stops start-up as a configuration error naming the setting
 * and the system's reason, not as a stack trace blaming a port already in use.
 */
class StartupTest {
  private static Settings at(String host, int port) {
    return Settings.fromEnvironment(Map.of("HOST", host, "PORT", Integer.toString(port)));
  }

  @Test
  void start_portInUse_namesHostPortAndTheReason() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      assertThatThrownBy(() -> OriginService.start(at("127.0.0.1", port)))
          .isInstanceOf(ConfigException.class)
          .hasMessage("HOST=127.0.0.1 PORT=" + port + " cannot be bound: Address already in use");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"999.1.1.1", "no-such-host.invalid"})
  void start_hostThatDoesNotResolve_namesTheHost(String host) {
    assertThatThrownBy(() -> OriginService.start(at(host, 0)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("HOST=" + host + " does not resolve to an address");
  }

  @Test
  void start_hostThatIsNoAddressOfThisMachine_namesHostPortAndTheReason() {
    // 192.0.2.0/24 is reserved for documentation (RFC 5737): no machine is configured with it.
    assertThatThrownBy(() -> OriginService.start(at("192.0.2.1", 0)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("HOST=192.0.2.1 PORT=0 cannot be bound: ")
        .hasMessageNotContaining("already in use");
  }

  @Test
  void start_bindFailure_logsNothingAtErrorItself() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        LogCapture capture = LogCapture.attach()) {
      assertThatThrownBy(() -> OriginService.start(at("127.0.0.1", taken.getLocalPort())))
          .isInstanceOf(ConfigException.class);

      assertThat(capture.lines()).noneMatch(line -> line.contains("\"severity\":\"ERROR\""));
    }
  }

  @Test
  void start_breakGlass_warnsThatRequestsWithoutTheSecretAreServed() {
    Settings settings =
        Settings.fromEnvironment(
            Map.of(
                "PORT",
                "0",
                "ORIGIN_SHARED_SECRET",
                "start-up-secret-" + "z".repeat(20),
                "ORIGIN_ALLOW_UNAUTHENTICATED",
                "true"));
    try (LogCapture capture = LogCapture.attach();
        OriginService service = OriginService.start(settings)) {
      assertThat(service.port()).isPositive();

      assertThat(capture.lines())
          .anyMatch(
              line ->
                  line.contains("\"severity\":\"WARNING\"")
                      && line.contains("ORIGIN_ALLOW_UNAUTHENTICATED=true"));
      assertThat(capture.lines()).noneMatch(line -> line.contains("start-up-secret-"));
    }
  }
}
