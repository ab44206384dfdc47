package com.usagetap.compression.structure;

import com.usagetap.compression.tokens.TokenCounter;
import com.usagetap.compression.toon.ToonEncoder;
import java.util.Optional;

/**
 * The rule for a JSON segment: never word-compressed; rewritten only where nothing can be lost.
 *
 * <ul>
 *   <li>JSON in which an object repeats a key is kept verbatim with the warning {@value
 *       #DUPLICATE_KEYS}: any rewrite goes through a tree that holds one value per key and would
 *       silently drop the others.
 *   <li>Otherwise it is minified: whitespace between tokens removed, every number and string
 *       literal copied as written.
 *   <li>It becomes TOON instead when TOON is allowed ({@link ToonMode}), the JSON stands on lines
 *       of its own (only spaces or tabs beside it on its first and last line; TOON is a block
 *       format and cannot sit inside a sentence), no string holds an unpaired surrogate (TOON text
 *       must be valid Unicode), and, in {@link ToonMode#AUTO}, the minified JSON has at least the
 *       minimum tokens and TOON saves at least the minimum share of them. Lines of TOON after the
 *       first are indented like the JSON's first line, and end in CRLF where the JSON's own lines
 *       or the line it ends do.
 * </ul>
 */
final class JsonRewrite {
  static final String DUPLICATE_KEYS = "duplicate_json_keys";

  /**
   * The outcome for one segment.
   *
   * @param warning a warning for the response, or null
   */
  record Outcome(String text, SegmentAction action, String warning) {}

  private JsonRewrite() {}

  /**
   * Rewrites the JSON segment {@code [start, end)} of {@code text}.
   *
   * @param counter the request's token counter, which measures TOON's saving
   */
  static Outcome rewrite(
      String text, int start, int end, StructureOptions options, TokenCounter counter) {
    String source = text.substring(start, end);
    Optional<EmbeddedJson> parsed = EmbeddedJson.parse(source);
    if (parsed.isEmpty()) {
      // The detector only yields spans that parse; this guards a change to either side.
      return new Outcome(source, SegmentAction.PRESERVED, null);
    }
    EmbeddedJson json = parsed.get();
    if (json.hasDuplicateKeys()) {
      return new Outcome(source, SegmentAction.PRESERVED, DUPLICATE_KEYS);
    }
    if (!options.transform()) {
      return new Outcome(source, SegmentAction.PRESERVED, null);
    }

    String minified = json.minified();
    Optional<String> indent = blockIndent(text, start, end);
    if (options.toon() != ToonMode.NEVER && indent.isPresent() && !json.hasLoneSurrogates()) {
      Optional<String> toon = toon(json, lineBreak(text, start, end) + indent.get());
      if (toon.isPresent() && pays(minified, toon.get(), options, counter)) {
        return new Outcome(toon.get(), SegmentAction.CONVERTED, null);
      }
    }
    return minified.equals(source)
        ? new Outcome(source, SegmentAction.PRESERVED, null)
        : new Outcome(minified, SegmentAction.MINIFIED, null);
  }

  private static boolean pays(
      String minified, String toon, StructureOptions options, TokenCounter counter) {
    if (options.toon() == ToonMode.ALWAYS) {
      return true;
    }
    int jsonTokens = counter.count(minified);
    if (jsonTokens < options.toonMinJsonTokens()) {
      return false;
    }
    int toonTokens = counter.count(toon);
    return toonTokens <= jsonTokens * (1.0 - options.toonMinSavingsRatio());
  }

  /** CRLF when the JSON's own lines, or the line it ends, end so; LF otherwise. */
  private static String lineBreak(String text, int start, int end) {
    boolean crlf = text.indexOf("\r\n", start) >= 0 && text.indexOf("\r\n", start) <= end;
    return crlf ? "\r\n" : "\n";
  }

  /** TOON with its lines joined by {@code separator} (a line break and the indentation). */
  private static Optional<String> toon(EmbeddedJson json, String separator) {
    String encoded;
    try {
      encoded = ToonEncoder.encode(json.value());
    } catch (IllegalArgumentException e) {
      // A value TOON cannot carry stays JSON; the surrogate check above makes this rare.
      return Optional.empty();
    }
    return Optional.of(separator.equals("\n") ? encoded : encoded.replace("\n", separator));
  }

  /**
   * The whitespace before {@code start} on its line when the span has its lines to itself (only
   * spaces and tabs between it and the line breaks or the text's ends), or empty.
   */
  static Optional<String> blockIndent(String text, int start, int end) {
    int lineStart = start;
    while (lineStart > 0 && isSpace(text.charAt(lineStart - 1))) {
      lineStart--;
    }
    if (lineStart > 0 && text.charAt(lineStart - 1) != '\n') {
      return Optional.empty();
    }
    int lineEnd = end;
    while (lineEnd < text.length() && isSpace(text.charAt(lineEnd))) {
      lineEnd++;
    }
    if (lineEnd < text.length() && text.charAt(lineEnd) == '\r') {
      lineEnd++;
    }
    if (lineEnd < text.length() && text.charAt(lineEnd) != '\n') {
      return Optional.empty();
    }
    return Optional.of(text.substring(lineStart, start));
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }
}
