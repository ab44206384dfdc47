package com.usagetap.compression.compress;

/**
 * Decides directly which words of a text to keep, as a token-classifier model does, instead of
 * scoring words for the budgeted selection.
 *
 * <p>Implementations must be safe to call from many threads at once.
 */
public interface KeepDecider {
  /** Name and version as reported in the {@code compressor} field. */
  String id();

  /**
   * The words of {@code text} with a verdict each; force tokens, drop phrases and the other tenant
   * rules are applied by the caller on top of it.
   */
  KeptSpans decide(String text, CompressionOptions options);
}
