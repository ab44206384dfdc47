import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Prefixes of the corpus, cut to a number of model tokens.
 *
 * <p>Sizes are counted with the model's own tokenizer (the {@code tokenizer.json} the compressor
 * loads, through the same library), since chunking and the model's cost follow model tokens, not
 * characters or cl100k tokens. The corpus texts are joined in file order and repeated until the
 * largest size fits, and each size is the prefix ending with its last whole token.
 */
final class SizedText implements AutoCloseable {
  private final HuggingFaceTokenizer tokenizer;
  private final String source;
  private final CharSpan[] spans;

  private SizedText(HuggingFaceTokenizer tokenizer, String source, CharSpan[] spans) {
    this.tokenizer = tokenizer;
    this.source = source;
    this.spans = spans;
  }

  static SizedText over(Path tokenizerFile, List<String> texts, int largestSize)
      throws IOException {
    HuggingFaceTokenizer tokenizer =
        HuggingFaceTokenizer.builder()
            .optTokenizerPath(tokenizerFile)
            .optAddSpecialTokens(false)
            .optTruncation(false)
            .optPadding(false)
            .build();
    String joined = String.join("\n\n", texts);
    StringBuilder source = new StringBuilder(joined);
    Encoding encoding = tokenizer.encode(source.toString(), false, false);
    while (encoding.getTokens().length < largestSize) {
      source.append("\n\n").append(joined);
      encoding = tokenizer.encode(source.toString(), false, false);
    }
    return new SizedText(tokenizer, source.toString(), encoding.getCharTokenSpans());
  }

  /** The prefix holding the first {@code tokens} tokens of the repeated corpus. */
  String prefix(int tokens) {
    int end = 0;
    for (int i = Math.min(tokens, spans.length) - 1; i >= 0; i--) {
      // Tokens the library could not place (none in practice) have no span.
      if (spans[i] != null) {
        end = spans[i].getEnd();
        break;
      }
    }
    // The library reports code point offsets.
    return source.substring(0, source.offsetByCodePoints(0, end));
  }

  /** How many model tokens {@code text} holds, special tokens not added. */
  int tokenCount(String text) {
    return tokenizer.encode(text, false, false).getTokens().length;
  }

  @Override
  public void close() {
    tokenizer.close();
  }
}
