package com.usagetap.compression.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Picks the token counter for a downstream model.
 *
 * <p>OpenAI's published tokenizer assignments: {@code o200k_base} for the gpt-4o, gpt-4.1, gpt-4.5
 * and gpt-5 families and the o-series reasoning models; {@code cl100k_base} for gpt-4, gpt-3.5 and
 * the text-embedding-3 / ada-002 models. Any other model is counted with {@code o200k_base} and
 * reported as not exact. A provider prefix such as {@code openai/} is ignored.
 */
public final class Tokenizers {
  public static final String DEFAULT_MODEL = "gpt-4o";

  /** Remembered segment counts per encoding: about 20 MB at most, a large vocabulary's worth. */
  static final long SEGMENT_CACHE_SIZE = 200_000;

  private static final Pattern O200K =
      Pattern.compile("(chatgpt-4o|gpt-4o|gpt-4\\.1|gpt-4\\.5|gpt-5|o1|o3|o4)([-.:].*)?");
  private static final Pattern CL100K =
      Pattern.compile(
          "(gpt-4|gpt-3\\.5|gpt-35|text-embedding-3-small|text-embedding-3-large"
              + "|text-embedding-ada-002)([-.:].*)?");

  private final TokenCounter o200kExact;
  private final TokenCounter o200kApproximate;
  private final TokenCounter cl100k;

  public Tokenizers() {
    EncodingRegistry registry = Encodings.newLazyEncodingRegistry();
    Encoding o200k = registry.getEncoding(EncodingType.O200K_BASE);
    Encoding cl100kBase = registry.getEncoding(EncodingType.CL100K_BASE);
    var o200kSegments = TokenCounter.segmentCache(SEGMENT_CACHE_SIZE);
    this.o200kExact = new TokenCounter("o200k_base", true, o200k, o200kSegments);
    this.o200kApproximate = new TokenCounter("o200k_base", false, o200k, o200kSegments);
    this.cl100k =
        new TokenCounter(
            "cl100k_base", true, cl100kBase, TokenCounter.segmentCache(SEGMENT_CACHE_SIZE));
  }

  /** The counter for a model name as a client sent it. */
  public TokenCounter forModel(String model) {
    String name = model.toLowerCase(Locale.ROOT);
    int slash = name.lastIndexOf('/');
    if (slash >= 0) {
      name = name.substring(slash + 1);
    }
    if (O200K.matcher(name).matches()) {
      return o200kExact;
    }
    if (CL100K.matcher(name).matches()) {
      return cl100k;
    }
    return o200kApproximate;
  }

  /** cl100k_base, which the llmlingua library counts with whatever the model. */
  public TokenCounter cl100k() {
    return cl100k;
  }
}
