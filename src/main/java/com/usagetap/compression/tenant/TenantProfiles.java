package com.usagetap.compression.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.usagetap.compression.api.FieldReader;
import com.usagetap.compression.config.ConfigException;
import com.usagetap.compression.http.ApiException;
import com.usagetap.compression.http.JsonCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The registered tenant profiles, loaded once at start-up from {@code TENANT_PROFILES_FILE}: a JSON
 * object keyed by tenant id whose values are profile objects.
 */
public final class TenantProfiles {
  private final Map<String, TenantProfile> byTenant;

  private TenantProfiles(Map<String, TenantProfile> byTenant) {
    this.byTenant = Map.copyOf(byTenant);
  }

  public static TenantProfiles none() {
    return new TenantProfiles(Map.of());
  }

  /**
   * Loads and validates a profiles file.
   *
   * @throws ConfigException naming the file and the first fault: unreadable, not strict JSON, a bad
   *     tenant id or a bad profile field
   */
  public static TenantProfiles load(Path file, JsonCodec codec) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ConfigException("TENANT_PROFILES_FILE=" + file + " cannot be read: " + e, e);
    }
    ObjectNode root;
    try {
      root = codec.parseObject(bytes);
    } catch (ApiException e) {
      throw new ConfigException(
          "TENANT_PROFILES_FILE=" + file + " is not a JSON object: " + e.getMessage(), e);
    }
    Map<String, TenantProfile> profiles = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : root.properties()) {
      String tenant = entry.getKey();
      if (!TenantResolver.isValidTenantId(tenant)) {
        throw new ConfigException(
            "TENANT_PROFILES_FILE=" + file + ": \"" + tenant + "\" is not a valid tenant id");
      }
      if (!entry.getValue().isObject()) {
        throw new ConfigException(
            "TENANT_PROFILES_FILE=" + file + ": the profile of " + tenant + " is not an object");
      }
      FieldReader fields = new FieldReader((ObjectNode) entry.getValue());
      TenantProfile profile = TenantProfile.read(fields, true);
      if (!fields.isValid()) {
        try {
          fields.throwIfInvalid();
        } catch (ApiException e) {
          throw new ConfigException(
              "TENANT_PROFILES_FILE=" + file + ": profile of " + tenant + ": " + e.getMessage(), e);
        }
      }
      profiles.put(tenant, profile);
    }
    return new TenantProfiles(profiles);
  }

  public Optional<TenantProfile> find(String tenantId) {
    return Optional.ofNullable(byTenant.get(tenantId));
  }

  public int size() {
    return byTenant.size();
  }
}
