package com.usagetap.compression.tenant;

import com.fasterxml.jackson.databind.JsonNode;
import com.usagetap.compression.api.FieldReader;
import com.usagetap.compression.compress.WordSegmenter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How one tenant wants its prompts compressed.
 *
 * @param forceKeepTokens strings that are never removed, matched case-sensitively
 * @param forceDropPhrases phrases removed before scoring, matched case-insensitively on whole words
 * @param protectedHeadings section names protected in addition to the defaults: Markdown headings
 *     that contain one, and XML-style elements named by one, are kept verbatim
 * @param defaultAggressiveness used when a request gives no aggressiveness of its own
 * @param cacheEnabled whether an edge may cache this tenant's answers (registered profiles only)
 */
public record TenantProfile(
    List<String> forceKeepTokens,
    List<String> forceDropPhrases,
    List<String> protectedHeadings,
    OptionalDouble defaultAggressiveness,
    Optional<Boolean> cacheEnabled) {

  public static final TenantProfile EMPTY =
      new TenantProfile(List.of(), List.of(), List.of(), OptionalDouble.empty(), Optional.empty());

  // The list limits bound the size of the compiled string rules and so the work of a request;
  // a list beyond them is refused, not cut short.

  /** Items in one list: force tokens, keep tokens, drop phrases or protected headings. */
  public static final int MAX_LIST_ITEMS = 200;

  /** Characters in one item, counted as Unicode code points, as JSON Schema counts them. */
  public static final int MAX_ITEM_LENGTH = 200;

  /** Words in one drop phrase, split as the text is split. */
  public static final int MAX_PHRASE_WORDS = 32;

  public static final double MAX_AGGRESSIVENESS = 0.9;

  public TenantProfile {
    forceKeepTokens = List.copyOf(forceKeepTokens);
    forceDropPhrases = List.copyOf(forceDropPhrases);
    protectedHeadings = List.copyOf(protectedHeadings);
  }

  /**
   * Reads a profile object; failures go to the reader's error list.
   *
   * @param allowCacheFlag whether {@code cache_enabled} is accepted (registered profiles only; a
   *     request cannot turn caching on for itself)
   */
  public static TenantProfile read(FieldReader fields, boolean allowCacheFlag) {
    List<String> keep = fields.stringList("force_keep_tokens", MAX_LIST_ITEMS, MAX_ITEM_LENGTH);
    List<String> drop = fields.stringList("force_drop_phrases", MAX_LIST_ITEMS, MAX_ITEM_LENGTH);
    // Refused items are left out of the list, so its indices name the request's items only
    // when none was refused; a request with refused items is answered 422 for those already.
    JsonNode sent = fields.raw("force_drop_phrases");
    boolean indicesAlign = sent != null && sent.isArray() && sent.size() == drop.size();
    for (int i = 0; indicesAlign && i < drop.size(); i++) {
      int words = WordSegmenter.segment(drop.get(i)).size();
      if (words == 0) {
        fields.fail("force_drop_phrases[" + i + "]", "must contain a word");
      } else if (words > MAX_PHRASE_WORDS) {
        fields.fail(
            "force_drop_phrases[" + i + "]",
            "must have at most " + MAX_PHRASE_WORDS + " words, got " + words);
      }
    }
    List<String> headings =
        fields.stringList("protected_headings", MAX_LIST_ITEMS, MAX_ITEM_LENGTH);
    OptionalDouble aggressiveness =
        fields.number("default_aggressiveness", 0.0, MAX_AGGRESSIVENESS);
    Optional<Boolean> cache = allowCacheFlag ? fields.bool("cache_enabled") : Optional.empty();
    return new TenantProfile(keep, drop, headings, aggressiveness, cache);
  }

  /**
   * This profile laid over {@code base}: the lists are joined (base first, no repeats) and a value
   * set here wins over the base's.
   */
  public TenantProfile over(TenantProfile base) {
    return new TenantProfile(
        union(base.forceKeepTokens, forceKeepTokens),
        union(base.forceDropPhrases, forceDropPhrases),
        union(base.protectedHeadings, protectedHeadings),
        defaultAggressiveness.isPresent() ? defaultAggressiveness : base.defaultAggressiveness,
        cacheEnabled.isPresent() ? cacheEnabled : base.cacheEnabled);
  }

  private static List<String> union(List<String> first, List<String> second) {
    if (second.isEmpty()) {
      return first;
    }
    LinkedHashSet<String> joined = new LinkedHashSet<>(first);
    joined.addAll(second);
    return List.copyOf(joined);
  }
}
