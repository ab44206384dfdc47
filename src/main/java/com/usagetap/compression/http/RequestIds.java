package com.usagetap.compression.http;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * Chooses the request id of each exchange: the client's {@code X-Request-ID} when it is sane,
 * otherwise a new random UUID.
 *
 * <p>Sane means 1 to {@value #MAX_LENGTH} visible ASCII characters (0x21 to 0x7E), so an id can be
 * echoed in a header and a log line without escaping or injection.
 */
public final class RequestIds {
  public static final int MAX_LENGTH = 128;

  private final Supplier<UUID> uuids;

  public RequestIds(Supplier<UUID> uuids) {
    this.uuids = uuids;
  }

  public static RequestIds random() {
    return new RequestIds(UUID::randomUUID);
  }

  /** The id to use for a request that sent {@code clientValue} (null when absent). */
  public String choose(String clientValue) {
    return isSane(clientValue) ? clientValue : uuids.get().toString();
  }

  public static boolean isSane(String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }
}
