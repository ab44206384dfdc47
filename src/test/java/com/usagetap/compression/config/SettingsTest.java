package com.usagetap.compression.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsTest {
  @TempDir Path dir;

  @Test
  void fromEnvironment_nothingSet_isTheDefaults() {
    Settings settings = Settings.fromEnvironment(Map.of());

    assertThat(settings).isEqualTo(Settings.defaults());
    assertThat(settings.host()).isEqualTo("127.0.0.1");
    assertThat(settings.port()).isEqualTo(8080);
    assertThat(settings.maxBodyBytes()).isEqualTo(1_048_576);
    assertThat(settings.tenantProfilesFile()).isEmpty();
    assertThat(settings.shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.skip()).isEqualTo(new SkipSettings(false, 240, 80, 25));
  }

  @Test
  void fromEnvironment_blankValues_fallBackToDefaults() {
    Settings settings =
        Settings.fromEnvironment(Map.of("PORT", " ", "HOST", "", "MAX_BODY_BYTES", "\t"));

    assertThat(settings).isEqualTo(Settings.defaults());
  }

  @Test
  void fromEnvironment_everySetting_isRead() throws IOException {
    Path profiles = Files.writeString(dir.resolve("profiles.json"), "{}");

    Settings settings =
        Settings.fromEnvironment(
            Map.of(
                "HOST", "0.0.0.0",
                "PORT", " 9090 ",
                "MAX_BODY_BYTES", "2048",
                "SHUTDOWN_GRACE_SECONDS", "3",
                "TENANT_PROFILES_FILE", profiles.toString()));

    assertThat(settings.host()).isEqualTo("0.0.0.0");
    assertThat(settings.port()).isEqualTo(9090);
    assertThat(settings.maxBodyBytes()).isEqualTo(2048);
    assertThat(settings.tenantProfilesFile()).contains(profiles);
    assertThat(settings.shutdownGrace()).isEqualTo(Duration.ofSeconds(3));
    assertThat(settings.model().isConfigured()).isFalse();
    assertThat(settings.inference()).isEqualTo(InferenceSettings.defaults());
  }

  @Test
  void fromEnvironment_portNotANumber_namesPortAndValue() {
    assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("PORT", "abc")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PORT=abc");
  }

  @Test
  void fromEnvironment_portOutOfRange_namesPortValueAndRange() {
    assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("PORT", "70000")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PORT=70000")
        .hasMessageContaining("0..65535");
    assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("PORT", "-1")))
        .hasMessageContaining("PORT=-1");
  }

  @Test
  void fromEnvironment_portZero_isAllowedForTests() {
    assertThat(Settings.fromEnvironment(Map.of("PORT", "0")).port()).isZero();
  }

  @Test
  void fromEnvironment_badBodyLimitOrGrace_namesTheVariable() {
    assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("MAX_BODY_BYTES", "0")))
        .hasMessageContaining("MAX_BODY_BYTES=0");
    assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("MAX_BODY_BYTES", "1MiB")))
        .hasMessageContaining("MAX_BODY_BYTES=1MiB");
    assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("SHUTDOWN_GRACE_SECONDS", "3601")))
        .hasMessageContaining("SHUTDOWN_GRACE_SECONDS=3601");
  }

  @Test
  void fromEnvironment_missingProfilesFile_namesThePath() {
    Path missing = dir.resolve("nope.json");

    assertThatThrownBy(
            () -> Settings.fromEnvironment(Map.of("TENANT_PROFILES_FILE", missing.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("TENANT_PROFILES_FILE=" + missing);
  }

  @Test
  void fromEnvironment_profilesPathIsADirectory_isRefused() {
    assertThatThrownBy(
            () -> Settings.fromEnvironment(Map.of("TENANT_PROFILES_FILE", dir.toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(dir.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"TRACE", "debug", "Info", "warn", "ERROR", "off", " info "})
  void fromEnvironment_logLevelInAnyCase_isAccepted(String level) {
    assertThat(Settings.fromEnvironment(Map.of("LOG_LEVEL", level))).isEqualTo(Settings.defaults());
  }

  @ParameterizedTest
  @ValueSource(strings = {"verbose", "WARNING", "ALL", "3", ""})
  void fromEnvironment_unknownOrBlankLogLevel_namesTheValueRatherThanFallingToDebug(String level) {
    assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("LOG_LEVEL", level)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("LOG_LEVEL=" + level + " ")
        .hasMessageContaining("TRACE, DEBUG, INFO, WARN, ERROR, OFF");
  }

  @Test
  void withers_newValue_replaceOnlyThatSetting() {
    Path file = dir.resolve("p.json");
    Settings base = Settings.defaults();

    assertThat(base.withPort(0).port()).isZero();
    assertThat(base.withMaxBodyBytes(10).maxBodyBytes()).isEqualTo(10);
    assertThat(base.withTenantProfilesFile(file).tenantProfilesFile()).contains(file);
    assertThat(base.withPort(0).host()).isEqualTo(base.host());
  }

  @Test
  void fromEnvironment_inferenceSettings_areReadAndBounded() {
    Settings settings =
        Settings.fromEnvironment(
            Map.of(
                "INFERENCE_THREADS", "3",
                "INFERENCE_QUEUE_TIMEOUT_MS", "0",
                "INFERENCE_TIMEOUT_MS", "1500",
                "INFERENCE_BATCH_SIZE", "16"));
    assertThat(settings.inference())
        .isEqualTo(new InferenceSettings(3, 12, Duration.ZERO, Duration.ofMillis(1500), 16));

    for (Map.Entry<String, String> bad :
        Map.of(
                "INFERENCE_THREADS", "0",
                "INFERENCE_MAX_REQUESTS", "-1",
                "INFERENCE_TIMEOUT_MS", "0",
                "INFERENCE_BATCH_SIZE", "65",
                "INFERENCE_QUEUE_TIMEOUT_MS", "soon")
            .entrySet()) {
      assertThatThrownBy(() -> Settings.fromEnvironment(Map.of(bad.getKey(), bad.getValue())))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(bad.getKey() + "=" + bad.getValue());
    }
  }

  @Test
  void fromEnvironment_skipSettings_areRead() {
    Settings settings =
        Settings.fromEnvironment(
            Map.of(
                "SKIP_ENABLED", " true ",
                "MIN_COMPRESS_TEXT_CHARS", "0",
                "MIN_COMPRESS_ESTIMATED_TOKENS", "100000000",
                "MIN_EXPECTED_SAVINGS_TOKENS", "7"));

    assertThat(settings.skip()).isEqualTo(new SkipSettings(true, 0, 100_000_000, 7));
    assertThat(Settings.fromEnvironment(Map.of("SKIP_ENABLED", "false")).skip())
        .isEqualTo(SkipSettings.defaults());
    assertThat(Settings.fromEnvironment(Map.of("SKIP_ENABLED", "")).skip())
        .isEqualTo(SkipSettings.defaults());
  }

  @ParameterizedTest
  @ValueSource(strings = {"TRUE", "True", "yes", "1", "on", "enabled"})
  void fromEnvironment_skipEnabledNotExactlyTrueOrFalse_namesTheValue(String value) {
    assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("SKIP_ENABLED", value)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SKIP_ENABLED=" + value + " ")
        .hasMessageContaining("true or false");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "MIN_COMPRESS_TEXT_CHARS",
        "MIN_COMPRESS_ESTIMATED_TOKENS",
        "MIN_EXPECTED_SAVINGS_TOKENS"
      })
  void fromEnvironment_skipThresholdMalformedOrOutOfRange_namesTheVariable(String name) {
    for (String bad : new String[] {"-1", "+240", "100000001", "2.5", "many", "1e3"}) {
      assertThatThrownBy(() -> Settings.fromEnvironment(Map.of(name, bad)))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(name + "=" + bad);
    }
    assertThatThrownBy(() -> Settings.fromEnvironment(Map.of(name, "-1")))
        .hasMessageContaining("is not a whole number");
    assertThatThrownBy(() -> Settings.fromEnvironment(Map.of(name, "100000001")))
        .hasMessageContaining("0..100000000");
  }

  @Test
  void fromEnvironment_toonSettings_areReadAsTheEdgeReadsThem() {
    Settings settings =
        Settings.fromEnvironment(
            Map.of("TOON_MIN_JSON_TOKENS", "120", "TOON_MIN_SAVINGS_RATIO", "0.25"));

    assertThat(settings.toon()).isEqualTo(new ToonSettings(120, 0.25));
    for (String bad : new String[] {"+0.2", "1e-1", "NaN", ".5", "0.", "1", "1.5", "-0.1"}) {
      assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("TOON_MIN_SAVINGS_RATIO", bad)))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("TOON_MIN_SAVINGS_RATIO=" + bad);
    }
    assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("TOON_MIN_JSON_TOKENS", "+50")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("TOON_MIN_JSON_TOKENS=+50");
  }

  @Test
  void withSkip_replacesOnlyTheSkipSettings() {
    SkipSettings on = new SkipSettings(true, 1, 2, 3);
    Settings base = Settings.defaults();

    assertThat(base.withSkip(on).skip()).isEqualTo(on);
    assertThat(base.withSkip(on).withSkip(base.skip())).isEqualTo(base);
    assertThat(base.withSkip(on).withPort(0).skip()).isEqualTo(on);
  }

  @Test
  void fromEnvironment_modelDir_isCheckedWhenResolved(@TempDir Path empty) {
    Settings settings = Settings.fromEnvironment(Map.of("MODEL_DIR", empty.toString()));
    assertThat(settings.model().isConfigured()).isTrue();
    assertThat(settings.model().name()).isEqualTo(empty.getFileName().toString());
    assertThatThrownBy(() -> settings.model().resolve())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("missing model.onnx");
  }

  private static final String SECRET = "s3cret-" + "x".repeat(30);

  @Test
  void fromEnvironment_sharedSecret_isKeptAsADigestThatMatchesOnlyItself() {
    Settings settings = Settings.fromEnvironment(Map.of("ORIGIN_SHARED_SECRET", " " + SECRET));

    SharedSecret secret = settings.auth().secret().orElseThrow();
    assertThat(secret.matches(SECRET)).isTrue();
    assertThat(secret.matches(SECRET + "x")).isFalse();
    assertThat(secret.matches("")).isFalse();
    assertThat(settings.auth().allowUnauthenticated()).isFalse();
    assertThat(settings.toString()).doesNotContain(SECRET);
  }

  @ParameterizedTest
  @ValueSource(strings = {"ORIGIN_SHARED_SECRET", "ORIGIN_SHARED_SECRET_PREVIOUS"})
  void fromEnvironment_secretSetButBlank_stopsTheStartRatherThanOpeningTheOrigin(String name) {
    for (String blank : new String[] {"", "   "}) {
      assertThatThrownBy(() -> Settings.fromEnvironment(Map.of(name, blank)))
          .isInstanceOf(ConfigException.class)
          .hasMessage(name + " is set but empty; unset it to run without a secret");
    }
  }

  @Test
  void fromEnvironment_breakGlass_isReadWithTheSecret() {
    Settings settings =
        Settings.fromEnvironment(
            Map.of("ORIGIN_SHARED_SECRET", SECRET, "ORIGIN_ALLOW_UNAUTHENTICATED", "true"));

    assertThat(settings.auth().allowUnauthenticated()).isTrue();
  }

  @Test
  void fromEnvironment_breakGlassWithoutASecret_isRefused() {
    assertThatThrownBy(
            () -> Settings.fromEnvironment(Map.of("ORIGIN_ALLOW_UNAUTHENTICATED", "true")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "ORIGIN_ALLOW_UNAUTHENTICATED=true needs ORIGIN_SHARED_SECRET, which is not set");
  }

  @Test
  void fromEnvironment_previousSecret_isAcceptedBesideTheSecret() {
    String next = "n3xt-" + "y".repeat(30);
    Settings settings =
        Settings.fromEnvironment(
            Map.of("ORIGIN_SHARED_SECRET", next, "ORIGIN_SHARED_SECRET_PREVIOUS", SECRET));

    assertThat(settings.auth().secret().orElseThrow().matches(next)).isTrue();
    assertThat(settings.auth().previous().orElseThrow().matches(SECRET)).isTrue();
  }

  @Test
  void fromEnvironment_previousSecretWithoutASecret_isRefused() {
    assertThatThrownBy(
            () -> Settings.fromEnvironment(Map.of("ORIGIN_SHARED_SECRET_PREVIOUS", SECRET)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("ORIGIN_SHARED_SECRET_PREVIOUS needs ORIGIN_SHARED_SECRET, which is not set");
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "TRUE", "1"})
  void fromEnvironment_breakGlassNotExactlyTrueOrFalse_isRefused(String value) {
    assertThatThrownBy(
            () ->
                Settings.fromEnvironment(
                    Map.of("ORIGIN_SHARED_SECRET", SECRET, "ORIGIN_ALLOW_UNAUTHENTICATED", value)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ORIGIN_ALLOW_UNAUTHENTICATED=" + value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"short-secret", "thirty-one-characters-long-1234", "has a space in it"})
  void fromEnvironment_weakOrUnsendableSecret_isRefusedWithoutTheValue(String value) {
    String secret = value.contains(" ") ? value + "-".repeat(32) : value;

    assertThatThrownBy(() -> Settings.fromEnvironment(Map.of("ORIGIN_SHARED_SECRET", secret)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("ORIGIN_SHARED_SECRET must be ")
        .hasMessageNotContaining(secret);
  }
}
