package com.usagetap.compression.structure;

import java.util.Locale;
import java.util.Optional;

/** When JSON segments are rewritten as TOON ({@code compression_settings.toon}). */
public enum ToonMode {
  /** When the JSON is large enough and TOON saves enough tokens over minified JSON. */
  AUTO,
  /** Never: JSON is minified. */
  NEVER,
  /** Whenever the value can be written as TOON and stands on its own lines. */
  ALWAYS;

  /** The mode named {@code name} ({@code auto}, {@code never}, {@code always}), if it is one. */
  public static Optional<ToonMode> named(String name) {
    for (ToonMode mode : values()) {
      if (mode.name().toLowerCase(Locale.ROOT).equals(name)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}
