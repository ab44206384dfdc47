package com.usagetap.compression.testing;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;

/** Reference token counts straight from jtokkit, to check the figures the service reports. */
public final class Tokens {
  private static final EncodingRegistry REGISTRY = Encodings.newDefaultEncodingRegistry();

  private Tokens() {}

  public static int o200k(String text) {
    return count(EncodingType.O200K_BASE, text);
  }

  public static int cl100k(String text) {
    return count(EncodingType.CL100K_BASE, text);
  }

  private static int count(EncodingType type, String text) {
    Encoding encoding = REGISTRY.getEncoding(type);
    return encoding.countTokensOrdinary(text);
  }
}
