package com.usagetap.compression.api;

import com.usagetap.compression.compress.CompressionOptions;
import com.usagetap.compression.config.ToonSettings;
import com.usagetap.compression.structure.ProtectedNames;
import com.usagetap.compression.structure.StructureOptions;
import com.usagetap.compression.structure.ToonMode;
import com.usagetap.compression.tenant.TenantProfile;
import com.usagetap.compression.tenant.TenantResolver;
import com.usagetap.compression.tenant.TenantResolver.Tenant;
import com.usagetap.compression.tokens.TokenCounter;
import com.usagetap.compression.tokens.Tokenizers;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The settings shared by {@code /compress} and {@code /v1/messages/compress}: tenant, model,
 * aggressiveness and {@code compression_settings}.
 *
 * <p>Aggressiveness is taken, in order of precedence, from the request ({@code aggressiveness} or
 * {@code compression_settings.aggressiveness}, which must agree when both are given), the inline
 * {@code tenant_profile}, the tenant's registered profile, and finally {@value
 * #DEFAULT_AGGRESSIVENESS}.
 */
record CompressionParameters(
    Tenant tenant,
    String model,
    TokenCounter counter,
    CompressionOptions options,
    StructureOptions structure,
    boolean includeSections) {

  static final double DEFAULT_AGGRESSIVENESS = 0.5;
  static final int MAX_MODEL_LENGTH = 128;
  static final int MAX_FORCE_TOKENS = TenantProfile.MAX_LIST_ITEMS;

  /** Reads the shared fields of {@code request}; failures are collected in {@code fields}. */
  static CompressionParameters read(FieldReader fields, ApiRequest request, ApiServices services) {
    return read(
        fields,
        request.tenantHeader(),
        services.tenants(),
        services.tokenizers(),
        services.maxForceTokens(),
        services.toon());
  }

  /** Reads the shared fields; failures are collected in {@code fields}, not thrown. */
  static CompressionParameters read(
      FieldReader fields,
      Optional<String> tenantHeader,
      TenantResolver tenants,
      Tokenizers tokenizers,
      int maxForceTokens,
      ToonSettings toonSettings) {
    Tenant tenant = tenants.resolve(tenantHeader, fields);
    String model = model(fields);

    OptionalDouble topLevel =
        fields.number("aggressiveness", 0.0, TenantProfile.MAX_AGGRESSIVENESS);
    OptionalDouble inSettings = OptionalDouble.empty();
    List<String> forceTokens = List.of();
    boolean reserveDigit = false;
    boolean dropConsecutive = false;
    ToonMode toon = ToonMode.AUTO;
    Optional<FieldReader> settings = fields.nested("compression_settings");
    if (settings.isPresent()) {
      FieldReader s = settings.get();
      inSettings = s.number("aggressiveness", 0.0, TenantProfile.MAX_AGGRESSIVENESS);
      forceTokens = s.stringList("force_tokens", maxForceTokens, TenantProfile.MAX_ITEM_LENGTH);
      reserveDigit = s.bool("force_reserve_digit").orElse(false);
      dropConsecutive = s.bool("drop_consecutive").orElse(false);
      Optional<String> toonName = s.string("toon");
      Optional<ToonMode> named = toonName.flatMap(ToonMode::named);
      if (toonName.isPresent() && named.isEmpty()) {
        s.fail("toon", "must be one of auto, never, always");
      }
      toon = named.orElse(ToonMode.AUTO);
      if (topLevel.isPresent()
          && inSettings.isPresent()
          && topLevel.getAsDouble() != inSettings.getAsDouble()) {
        s.fail("aggressiveness", "conflicts with the top-level aggressiveness");
      }
    }
    boolean includeSections = fields.bool("include_sections").orElse(false);

    double aggressiveness =
        firstPresent(topLevel, inSettings, tenant.profile().defaultAggressiveness())
            .orElse(DEFAULT_AGGRESSIVENESS);
    CompressionOptions options =
        new CompressionOptions(
            aggressiveness,
            forceTokens,
            tenant.profile().forceKeepTokens(),
            tenant.profile().forceDropPhrases(),
            reserveDigit,
            dropConsecutive);
    StructureOptions structure =
        new StructureOptions(
            ProtectedNames.withExtra(tenant.profile().protectedHeadings()),
            toon,
            toonSettings.minJsonTokens(),
            toonSettings.minSavingsRatio(),
            true);
    return new CompressionParameters(
        tenant, model, tokenizers.forModel(model), options, structure, includeSections);
  }

  /** The {@code model} field, checked; defaults to {@link Tokenizers#DEFAULT_MODEL}. */
  static String model(FieldReader fields) {
    Optional<String> model = fields.string("model");
    if (model.isPresent() && (model.get().isBlank() || model.get().length() > MAX_MODEL_LENGTH)) {
      fields.fail("model", "must be 1-" + MAX_MODEL_LENGTH + " characters");
      return Tokenizers.DEFAULT_MODEL;
    }
    return model.orElse(Tokenizers.DEFAULT_MODEL);
  }

  private static OptionalDouble firstPresent(OptionalDouble... candidates) {
    for (OptionalDouble candidate : candidates) {
      if (candidate.isPresent()) {
        return candidate;
      }
    }
    return OptionalDouble.empty();
  }
}
