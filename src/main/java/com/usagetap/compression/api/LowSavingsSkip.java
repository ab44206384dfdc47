package com.usagetap.compression.api;

import com.usagetap.compression.config.SkipSettings;
import com.usagetap.compression.tokens.TokenCounter;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a valid request is answered with its content unchanged, without running the
 * compressor, because compressing its user text could save too little to be worth the work.
 *
 * <p>Design. The rule is shared with the edge Worker, which must decide identically so that its own
 * skip answers exactly what the origin would; every figure is therefore defined without reference
 * to this implementation. Over the request's user texts: {@code chars} is the sum of their lengths
 * in Unicode code points, {@code tokens} the sum of their counts with the request's tokenizer
 * ({@link TokenCounter#count}), {@code a} the effective aggressiveness, and {@code expected} the
 * double {@code a × tokens of the texts that have prose} (see {@link #hasProse}), unrounded. The
 * request is skipped when the first of these holds, in this order: there is no user text; every
 * user text is empty; {@code a} is 0; {@code chars}, {@code tokens} or {@code expected} is below
 * its minimum in {@link SkipSettings}. A figure exactly at its minimum is not a skip.
 *
 * <p>Tokens are counted only as far as the decision needs: once the running totals reach both token
 * minimums nothing more can change the answer, so counting stops there ({@link
 * TokenCounter#countUpTo}). Below a minimum every count is exact, so the decision is the one the
 * full counts give.
 */
final class LowSavingsSkip {
  /** Why a request was skipped, in the order the conditions are checked. */
  enum Reason {
    NO_USER_TEXT("no_user_text"),
    EMPTY_TEXT("empty_text"),
    ZERO_AGGRESSIVENESS("zero_aggressiveness"),
    BELOW_MIN_CHARS("below_min_chars"),
    BELOW_MIN_TOKENS("below_min_tokens"),
    BELOW_MIN_EXPECTED_SAVINGS("below_min_expected_savings");

    private final String label;

    Reason(String label) {
      this.label = label;
    }

    /** The reason as the access log names it. */
    String label() {
      return label;
    }
  }

  private final SkipSettings settings;

  LowSavingsSkip(SkipSettings settings) {
    this.settings = settings;
  }

  /**
   * The reason to skip a request, or empty when it is to be compressed (always empty with the rule
   * switched off). The caller decides whether the rule applies to the request at all.
   *
   * @param texts the request's user texts, in request order
   * @param aggressiveness the effective aggressiveness, after the request's and profiles' values
   * @param counter the request's tokenizer
   */
  Optional<Reason> decide(List<String> texts, double aggressiveness, TokenCounter counter) {
    if (!settings.enabled()) {
      return Optional.empty();
    }
    if (texts.isEmpty()) {
      return Optional.of(Reason.NO_USER_TEXT);
    }
    if (texts.stream().allMatch(String::isEmpty)) {
      return Optional.of(Reason.EMPTY_TEXT);
    }
    if (aggressiveness == 0) {
      return Optional.of(Reason.ZERO_AGGRESSIVENESS);
    }
    if (!hasCodePoints(texts, settings.minTextChars())) {
      return Optional.of(Reason.BELOW_MIN_CHARS);
    }

    return decideByTokens(texts, aggressiveness, counter);
  }

  private Optional<Reason> decideByTokens(
      List<String> texts, double aggressiveness, TokenCounter counter) {
    long minTokens = settings.minEstimatedTokens();
    long minProseTokens = proseTokensNeeded(aggressiveness, settings.minExpectedSavingsTokens());
    long tokens = 0;
    long proseTokens = 0;
    for (String text : texts) {
      // Both minimums reached: more text only adds to totals that already pass.
      if (tokens >= minTokens && proseTokens >= minProseTokens) {
        break;
      }
      if (hasProse(text)) {
        int counted =
            counter.countUpTo(
                text, limit(Math.max(minTokens - tokens, minProseTokens - proseTokens)));
        tokens += counted;
        proseTokens += counted;
      } else if (tokens < minTokens) {
        tokens += counter.countUpTo(text, limit(minTokens - tokens));
      }
    }

    if (tokens < minTokens) {
      return Optional.of(Reason.BELOW_MIN_TOKENS);
    }
    if (aggressiveness * proseTokens < settings.minExpectedSavingsTokens()) {
      return Optional.of(Reason.BELOW_MIN_EXPECTED_SAVINGS);
    }
    return Optional.empty();
  }

  /**
   * Whether a text has prose: at least two words separated by whitespace (tab, line feed, vertical
   * tab, form feed, carriage return or space; no other character counts as whitespace), or an
   * opening brace or bracket, since JSON is rewritten even when it is one word. A text without
   * prose is one word, which word-level compression can only keep whole; leading and trailing
   * whitespace do not make a second word.
   */
  static boolean hasProse(String text) {
    boolean seenWord = false;
    boolean spaceAfterWord = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{' || c == '[') {
        return true;
      }
      if (isWhitespace(c)) {
        spaceAfterWord = seenWord;
      } else if (spaceAfterWord) {
        return true;
      } else {
        seenWord = true;
      }
    }
    return false;
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  /** Whether the texts hold at least {@code min} code points together; stops counting there. */
  private static boolean hasCodePoints(List<String> texts, int min) {
    long total = 0;
    for (String text : texts) {
      if (total >= min) {
        return true;
      }
      total += text.codePointCount(0, text.length());
    }
    return total >= min;
  }

  /**
   * The fewest prose tokens whose expected savings reach {@code minSavings}: the least {@code n}
   * with {@code aggressiveness * n >= minSavings} in double arithmetic, the very product the rule
   * compares. The product only grows with {@code n}, so {@code expected >= minSavings} holds
   * exactly when the prose tokens reach this number.
   *
   * @param aggressiveness above 0
   */
  static long proseTokensNeeded(double aggressiveness, int minSavings) {
    double estimate = Math.ceil(minSavings / aggressiveness);
    // No request holds this many tokens; the estimate need not be refined.
    if (!(estimate < 0x1p53)) {
      return Long.MAX_VALUE;
    }
    long needed = (long) estimate;
    while (needed > 0 && aggressiveness * (needed - 1) >= minSavings) {
      needed--;
    }
    while (aggressiveness * needed < minSavings) {
      needed++;
    }
    return needed;
  }

  /** A limit for {@link TokenCounter#countUpTo}; a count never exceeds an int, so none is lost. */
  private static int limit(long remaining) {
    return (int) Math.min(remaining, Integer.MAX_VALUE);
  }
}
