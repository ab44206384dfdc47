package com.usagetap.compression.tenant;

import com.usagetap.compression.api.FieldReader;
import com.usagetap.compression.http.ApiException;
import com.usagetap.compression.http.ErrorCode;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Resolves which tenant a request is for and the profile that applies to it.
 *
 * <p>The tenant comes from {@code tenant_id} in the body and/or the {@code X-Tenant-ID} header;
 * when both are given they must be equal ({@code tenant_mismatch} otherwise). The effective profile
 * is the request's inline {@code tenant_profile} laid over the tenant's registered one.
 */
public final class TenantResolver {
  public static final String HEADER = "X-Tenant-ID";
  private static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private final TenantProfiles registered;

  public TenantResolver(TenantProfiles registered) {
    this.registered = registered;
  }

  /** The resolved tenant of a request and its effective profile. */
  public record Tenant(Optional<String> id, TenantProfile profile) {}

  public static boolean isValidTenantId(String value) {
    return value != null && TENANT_ID.matcher(value).matches();
  }

  /**
   * Resolves the tenant of a request. Field failures go to {@code fields}; a mismatch between
   * header and body is thrown at once, since it is a conflict rather than a bad field.
   *
   * @throws ApiException {@code tenant_mismatch} when header and body name different tenants
   */
  public Tenant resolve(Optional<String> header, FieldReader fields) {
    Optional<String> fromHeader = header.filter(value -> !value.isEmpty());
    if (fromHeader.isPresent() && !isValidTenantId(fromHeader.get())) {
      fields.fail(HEADER, "must be 1-128 characters of A-Z a-z 0-9 . _ : -");
      fromHeader = Optional.empty();
    }
    Optional<String> fromBody = fields.string("tenant_id");
    if (fromBody.isPresent() && !isValidTenantId(fromBody.get())) {
      fields.fail("tenant_id", "must be 1-128 characters of A-Z a-z 0-9 . _ : -");
      fromBody = Optional.empty();
    }
    if (fromHeader.isPresent() && fromBody.isPresent() && !fromHeader.equals(fromBody)) {
      throw new ApiException(
          ErrorCode.TENANT_MISMATCH,
          "tenant_id in the body and the X-Tenant-ID header name different tenants.");
    }
    Optional<String> id = fromBody.isPresent() ? fromBody : fromHeader;

    TenantProfile base = id.flatMap(registered::find).orElse(TenantProfile.EMPTY);
    TenantProfile inline =
        fields
            .nested("tenant_profile")
            .map(nested -> TenantProfile.read(nested, false))
            .orElse(TenantProfile.EMPTY);
    return new Tenant(id, inline.over(base));
  }
}
