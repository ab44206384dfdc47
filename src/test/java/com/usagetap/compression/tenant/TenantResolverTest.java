package com.usagetap.compression.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import com.usagetap.compression.api.FieldReader;
import com.usagetap.compression.http.ApiException;
import com.usagetap.compression.http.ApiException.FieldError;
import com.usagetap.compression.http.ErrorCode;
import com.usagetap.compression.http.JsonCodec;
import com.usagetap.compression.tenant.TenantResolver.Tenant;
import com.usagetap.compression.testing.Fields;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantResolverTest {
  private static final JsonCodec JSON = new JsonCodec();

  @TempDir Path dir;
  private TenantResolver resolver;

  @BeforeEach
  void registerAcme() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("profiles.json"),
            """
            {"acme": {"force_keep_tokens": ["SKU", "ID"], "force_drop_phrases": ["please note"],
                      "default_aggressiveness": 0.3, "cache_enabled": true}}
            """);
    resolver = new TenantResolver(TenantProfiles.load(file, JSON));
  }

  @Test
  void resolve_headerOnly_isTheHeadersTenant() {
    Tenant tenant = resolver.resolve(Optional.of("acme"), Fields.reader("{}"));

    assertThat(tenant.id()).contains("acme");
    assertThat(tenant.profile().defaultAggressiveness()).isEqualTo(OptionalDouble.of(0.3));
  }

  @Test
  void resolve_bodyOnly_isTheBodysTenant() {
    assertThat(resolver.resolve(Optional.empty(), Fields.reader("{\"tenant_id\": \"acme\"}")).id())
        .contains("acme");
  }

  @Test
  void resolve_headerAndBodyEqual_isThatTenant() {
    FieldReader fields = Fields.reader("{\"tenant_id\": \"acme\"}");

    assertThat(resolver.resolve(Optional.of("acme"), fields).id()).contains("acme");
    assertThat(fields.isValid()).isTrue();
  }

  @Test
  void resolve_headerAndBodyDiffer_isTenantMismatch() {
    assertThatThrownBy(
            () ->
                resolver.resolve(Optional.of("acme"), Fields.reader("{\"tenant_id\": \"globex\"}")))
        .asInstanceOf(type(ApiException.class))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.TENANT_MISMATCH));
  }

  @Test
  void resolve_noTenant_isAnonymousWithEmptyProfile() {
    Tenant tenant = resolver.resolve(Optional.empty(), Fields.reader("{}"));

    assertThat(tenant.id()).isEmpty();
    assertThat(tenant.profile()).isEqualTo(TenantProfile.EMPTY);
  }

  @Test
  void resolve_emptyHeader_countsAsAbsent() {
    FieldReader fields = Fields.reader("{}");

    assertThat(resolver.resolve(Optional.of(""), fields).id()).isEmpty();
    assertThat(fields.isValid()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"acme corp", "acme/eu", "ünicode", "a;b"})
  void resolve_invalidHeaderId_isAFieldErrorOnTheHeader(String header) {
    FieldReader fields = Fields.reader("{}");

    Tenant tenant = resolver.resolve(Optional.of(header), fields);

    assertThat(tenant.id()).isEmpty();
    assertThat(Fields.errors(fields)).extracting(FieldError::field).containsExactly("X-Tenant-ID");
  }

  @Test
  void resolve_invalidBodyIds_areFieldErrorsOnTenantId() {
    for (String value : List.of("\"\"", "\"" + "t".repeat(129) + "\"", "\"a b\"", "42")) {
      FieldReader fields = Fields.reader("{\"tenant_id\": " + value + "}");

      resolver.resolve(Optional.empty(), fields);

      assertThat(Fields.errors(fields))
          .as(value)
          .extracting(FieldError::field)
          .containsExactly("tenant_id");
    }
  }

  @Test
  void isValidTenantId_allowedCharactersUpTo128_areValid() {
    assertThat(TenantResolver.isValidTenantId("Acme.eu_1:prod-2")).isTrue();
    assertThat(TenantResolver.isValidTenantId("t".repeat(128))).isTrue();
    assertThat(TenantResolver.isValidTenantId("t".repeat(129))).isFalse();
    assertThat(TenantResolver.isValidTenantId("")).isFalse();
    assertThat(TenantResolver.isValidTenantId(null)).isFalse();
  }

  @Test
  void resolve_inlineProfile_joinsListsWithoutRepeatsAndOverridesScalars() {
    FieldReader fields =
        Fields.reader(
            """
            {"tenant_id": "acme",
             "tenant_profile": {"force_keep_tokens": ["ID", "PO"],
                                "force_drop_phrases": ["as you know", "please note"],
                                "default_aggressiveness": 0.7}}
            """);

    TenantProfile profile = resolver.resolve(Optional.empty(), fields).profile();

    assertThat(profile.forceKeepTokens()).containsExactly("SKU", "ID", "PO");
    assertThat(profile.forceDropPhrases()).containsExactly("please note", "as you know");
    assertThat(profile.defaultAggressiveness()).isEqualTo(OptionalDouble.of(0.7));
    assertThat(profile.cacheEnabled()).contains(true);
  }

  @Test
  void resolve_inlineProfileWithoutScalar_keepsTheRegisteredScalar() {
    FieldReader fields = Fields.reader("{\"tenant_profile\": {\"force_keep_tokens\": [\"PO\"]}}");

    TenantProfile profile = resolver.resolve(Optional.of("acme"), fields).profile();

    assertThat(profile.forceKeepTokens()).containsExactly("SKU", "ID", "PO");
    assertThat(profile.defaultAggressiveness()).isEqualTo(OptionalDouble.of(0.3));
  }

  @Test
  void resolve_inlineCacheFlag_isIgnored() {
    FieldReader fields = Fields.reader("{\"tenant_profile\": {\"cache_enabled\": true}}");

    TenantProfile profile = resolver.resolve(Optional.of("unregistered"), fields).profile();

    assertThat(profile.cacheEnabled()).isEmpty();
    assertThat(fields.isValid()).isTrue();
  }

  @Test
  void resolve_badInlineProfile_reportsPathsUnderTenantProfile() {
    FieldReader fields =
        Fields.reader(
            "{\"tenant_profile\": {\"force_keep_tokens\": [1], \"default_aggressiveness\": 1}}");

    resolver.resolve(Optional.empty(), fields);

    assertThat(Fields.errors(fields))
        .extracting(FieldError::field)
        .containsExactly(
            "tenant_profile.force_keep_tokens[0]", "tenant_profile.default_aggressiveness");
  }
}
