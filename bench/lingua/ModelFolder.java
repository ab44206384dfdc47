import com.usagetap.compression.lingua.InferencePool;
import com.usagetap.compression.lingua.LinguaCompressor;
import com.usagetap.compression.lingua.ModelTokenizer;
import com.usagetap.compression.lingua.OnnxClassifier;
import com.usagetap.compression.lingua.TokenClassifier;
import com.usagetap.compression.tokens.TokenCounter;
import com.usagetap.compression.tokens.Tokenizers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * An LLMLingua-2 model folder opened with the same parts, wired the same way, as the service's
 * {@code LinguaModel.open}: the folder's tokenizer, its ONNX graph in an {@code OnnxClassifier}, an
 * {@code InferencePool} and a {@code LinguaCompressor}. Building them here is what lets the latency
 * run put a {@link TimedClassifier} between the pool and the classifier.
 */
final class ModelFolder {
  /** The service's default: chunks of up to 512 positions run in one call. */
  static final int MAX_BATCH = 8;

  // Generous limits: a slow case must be measured, not refused as overloaded.
  private static final Duration ADMISSION_WAIT = Duration.ofMinutes(5);
  private static final Duration DEADLINE = Duration.ofMinutes(5);

  private static final TokenCounter CL100K = new Tokenizers().cl100k();

  private ModelFolder() {}

  static boolean isModel(Path dir) {
    return Files.isRegularFile(dir.resolve("model.onnx"))
        && Files.isRegularFile(dir.resolve("tokenizer.json"))
        && Files.isRegularFile(dir.resolve("special_tokens_map.json"));
  }

  /** A compressor whose classifier calls are timed. */
  record Timed(LinguaCompressor compressor, TimedClassifier timer) implements AutoCloseable {
    @Override
    public void close() {
      compressor.close();
    }
  }

  /**
   * Opens {@code dir} with {@code threads} inference threads and a {@link TimedClassifier} between
   * the pool and the ONNX model.
   */
  static Timed openTimed(Path dir, int threads) {
    TimedClassifier timer = new TimedClassifier(OnnxClassifier.open(dir.resolve("model.onnx")));
    return new Timed(wire(dir, threads, timer), timer);
  }

  private static LinguaCompressor wire(Path dir, int threads, TokenClassifier classifier) {
    ModelTokenizer tokenizer =
        ModelTokenizer.load(dir.resolve("tokenizer.json"), dir.resolve("special_tokens_map.json"));
    InferencePool pool =
        new InferencePool(classifier, threads, 4 * threads, ADMISSION_WAIT, DEADLINE, MAX_BATCH);
    return new LinguaCompressor(dir.getFileName().toString(), tokenizer, pool, CL100K);
  }
}
