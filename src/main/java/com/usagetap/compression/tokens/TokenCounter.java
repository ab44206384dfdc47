package com.usagetap.compression.tokens;

import com.knuddels.jtokkit.api.Encoding;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Counts tokens with one tokenizer.
 *
 * <p>Text is always counted as ordinary text: a special-token look-alike such as {@code
 * <|endoftext|>} inside a prompt is what a provider bills as ordinary characters, not one control
 * token.
 *
 * <p>Long texts are counted in slices on all cores. The tokenizers' pre-tokenizing patterns never
 * match across a non-whitespace character followed by a space (no piece contains a space after a
 * visible character), so a text cut just before such a space tokenizes into the same pieces, and
 * byte-pair merging never crosses a piece. The sum of the slices' counts is therefore the exact
 * count; a test checks it against whole-text counts on real prompts.
 *
 * @param tokenizer the encoding's name as reported in responses, such as {@code o200k_base}
 * @param exact whether this tokenizer is the one the requested model really uses
 */
public record TokenCounter(String tokenizer, boolean exact, Encoding encoding) {
  /** Texts shorter than this are counted in one piece: slicing would cost more than it saves. */
  static final int SLICE_CHARS = 32_768;

  public int count(String text) {
    if (text.isEmpty()) {
      return 0;
    }
    if (text.length() < 2 * SLICE_CHARS) {
      return encoding.countTokensOrdinary(text);
    }
    return slices(text, SLICE_CHARS).parallelStream()
        .mapToInt(slice -> encoding.countTokensOrdinary(slice))
        .sum();
  }

  /**
   * Counts {@code text} on another thread when it is long enough for that to pay, so that the
   * caller can score the same text meanwhile; short texts are counted at once.
   */
  public CompletableFuture<Integer> countMeanwhile(String text) {
    if (text.length() < 2 * SLICE_CHARS) {
      return CompletableFuture.completedFuture(count(text));
    }
    return CompletableFuture.supplyAsync(() -> count(text));
  }

  /**
   * Cuts a text into slices of about {@code size} characters, each cut placed just before a space
   * that follows a non-whitespace character. A text without such a place stays whole.
   */
  static List<String> slices(String text, int size) {
    List<String> slices = new ArrayList<>();
    int start = 0;
    while (text.length() - start > size) {
      int cut = safeCut(text, start + size);
      if (cut < 0) {
        break;
      }
      slices.add(text.substring(start, cut));
      start = cut;
    }
    slices.add(text.substring(start));
    return slices;
  }

  private static int safeCut(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      if (text.charAt(i) == ' ' && !Character.isWhitespace(text.charAt(i - 1))) {
        return i;
      }
    }
    return -1;
  }
}
