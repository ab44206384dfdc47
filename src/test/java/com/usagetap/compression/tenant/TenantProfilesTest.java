package com.usagetap.compression.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.usagetap.compression.config.ConfigException;
import com.usagetap.compression.http.JsonCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantProfilesTest {
  private static final JsonCodec JSON = new JsonCodec();

  @TempDir Path dir;

  private Path file(String content) throws IOException {
    return Files.writeString(dir.resolve("profiles.json"), content);
  }

  @Test
  void load_goodFile_registersEveryTenantWithItsFields() throws IOException {
    Path file =
        file(
            """
            {"acme": {"force_keep_tokens": ["SKU"], "force_drop_phrases": ["please note"],
                      "default_aggressiveness": 0.3, "cache_enabled": true},
             "globex.eu:prod-1": {}}
            """);

    TenantProfiles profiles = TenantProfiles.load(file, JSON);

    assertThat(profiles.size()).isEqualTo(2);
    assertThat(profiles.find("acme"))
        .contains(
            new TenantProfile(
                List.of("SKU"),
                List.of("please note"),
                List.of(),
                OptionalDouble.of(0.3),
                Optional.of(true)));
    assertThat(profiles.find("globex.eu:prod-1")).contains(TenantProfile.EMPTY);
    assertThat(profiles.find("initech")).isEmpty();
  }

  @Test
  void none_anyTenant_findsNothing() {
    assertThat(TenantProfiles.none().size()).isZero();
    assertThat(TenantProfiles.none().find("acme")).isEmpty();
  }

  @Test
  void load_invalidJson_namesTheFileAndTheFault() throws IOException {
    Path file = file("{\"acme\": {\"default_aggressiveness\": 0.3,}}");

    assertThatThrownBy(() -> TenantProfiles.load(file, JSON))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("Malformed JSON");
  }

  @Test
  void load_duplicateTenant_isRefused() throws IOException {
    Path file = file("{\"acme\": {}, \"acme\": {}}");

    assertThatThrownBy(() -> TenantProfiles.load(file, JSON))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("a key is repeated");
  }

  @Test
  void load_topLevelArray_isNotAJsonObject() throws IOException {
    Path file = file("[{\"acme\": {}}]");

    assertThatThrownBy(() -> TenantProfiles.load(file, JSON))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not a JSON object");
  }

  @Test
  void load_badTenantId_namesTheId() throws IOException {
    Path file = file("{\"acme corp\": {}}");

    assertThatThrownBy(() -> TenantProfiles.load(file, JSON))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("\"acme corp\" is not a valid tenant id");
  }

  @Test
  void load_profileNotAnObject_namesTheTenant() throws IOException {
    Path file = file("{\"acme\": [\"SKU\"]}");

    assertThatThrownBy(() -> TenantProfiles.load(file, JSON))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("profile of acme is not an object");
  }

  @Test
  void load_badField_namesTenantFieldAndValue() throws IOException {
    Path file = file("{\"ok\": {}, \"acme\": {\"default_aggressiveness\": 2}}");

    assertThatThrownBy(() -> TenantProfiles.load(file, JSON))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("profile of acme")
        .hasMessageContaining("default_aggressiveness: must be between 0.0 and 0.9, got 2");
  }

  @Test
  void load_badListItem_namesItsIndex() throws IOException {
    Path file = file("{\"acme\": {\"force_drop_phrases\": [\"ok\", \"  \"]}}");

    assertThatThrownBy(() -> TenantProfiles.load(file, JSON))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("force_drop_phrases[1]: must contain a word");
  }

  @Test
  void load_dropPhraseOverTheWordLimit_namesItsIndexAndCount() throws IOException {
    String phrase = "w ".repeat(40).strip();
    Path file = file("{\"acme\": {\"force_drop_phrases\": [\"ok\", \"" + phrase + "\"]}}");

    assertThatThrownBy(() -> TenantProfiles.load(file, JSON))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("force_drop_phrases[1]: must have at most 32 words, got 40");
  }

  @Test
  void load_missingFile_namesTheFile() {
    Path missing = dir.resolve("absent.json");

    assertThatThrownBy(() -> TenantProfiles.load(missing, JSON))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("cannot be read");
  }
}
