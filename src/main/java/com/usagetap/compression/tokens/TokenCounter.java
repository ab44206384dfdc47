package com.usagetap.compression.tokens;

import com.knuddels.jtokkit.api.Encoding;

/**
 * Counts tokens with one tokenizer.
 *
 * <p>Text is always counted as ordinary text: a special-token look-alike such as {@code
 * <|endoftext|>} inside a prompt is what a provider bills as ordinary characters, not one control
 * token.
 *
 * @param tokenizer the encoding's name as reported in responses, such as {@code o200k_base}
 * @param exact whether this tokenizer is the one the requested model really uses
 */
public record TokenCounter(String tokenizer, boolean exact, Encoding encoding) {

  public int count(String text) {
    return text.isEmpty() ? 0 : encoding.countTokensOrdinary(text);
  }
}
