package com.usagetap.compression.lingua;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.usagetap.compression.config.ConfigException;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The token classifier as an ONNX model run by ONNX Runtime on the CPU.
 *
 * <p>One session serves every request; ONNX Runtime allows concurrent {@code run} calls on it. Each
 * call runs on one intra-op thread, so the inference pool's size, not ONNX Runtime's own thread
 * pool, decides how many cores inference takes. A batch is padded to its longest sequence with
 * attention off on the padding, which leaves the other positions' outputs as they would be alone.
 *
 * <p>The keep probability is the softmax of the two logits at index 1, computed in double and
 * rounded to float as PyTorch's float32 softmax would give it, to within a unit in the last place.
 */
public final class OnnxClassifier implements TokenClassifier {
  private final OrtEnvironment environment;
  private final OrtSession session;
  private final String idsInput;
  private final String maskInput;
  private final boolean wantsTypeIds;

  private OnnxClassifier(OrtEnvironment environment, OrtSession session, boolean wantsTypeIds) {
    this.environment = environment;
    this.session = session;
    this.idsInput = "input_ids";
    this.maskInput = "attention_mask";
    this.wantsTypeIds = wantsTypeIds;
  }

  /**
   * Opens {@code model.onnx}; external data files beside it are found by ONNX Runtime itself.
   *
   * @throws ConfigException naming the file when it cannot be loaded or lacks the expected inputs
   */
  public static OnnxClassifier open(Path modelFile) {
    OrtEnvironment environment = OrtEnvironment.getEnvironment();
    try {
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      OrtSession session = environment.createSession(modelFile.toString(), options);
      var inputs = session.getInputNames();
      if (!inputs.contains("input_ids") || !inputs.contains("attention_mask")) {
        session.close();
        throw new ConfigException(
            modelFile.getFileName()
                + " ("
                + modelFile
                + ") has inputs "
                + inputs
                + "; a token classifier needs input_ids and attention_mask");
      }
      return new OnnxClassifier(environment, session, inputs.contains("token_type_ids"));
    } catch (OrtException e) {
      throw new ConfigException(
          modelFile.getFileName()
              + " ("
              + modelFile
              + ") could not be loaded by ONNX Runtime: "
              + e.getMessage());
    }
  }

  @Override
  public float[][] keepProbabilities(List<int[]> sequences, List<boolean[]> attended) {
    int batch = sequences.size();
    int width = 0;
    for (int[] sequence : sequences) {
      width = Math.max(width, sequence.length);
    }
    long[] ids = new long[batch * width];
    long[] mask = new long[batch * width];
    for (int b = 0; b < batch; b++) {
      int[] sequence = sequences.get(b);
      boolean[] on = attended.get(b);
      for (int t = 0; t < sequence.length; t++) {
        ids[b * width + t] = sequence[t];
        mask[b * width + t] = on[t] ? 1 : 0;
      }
    }
    long[] shape = {batch, width};
    try (OnnxTensor idsTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
        OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
        OnnxTensor typeTensor =
            wantsTypeIds
                ? OnnxTensor.createTensor(
                    environment, LongBuffer.wrap(new long[batch * width]), shape)
                : null) {
      Map<String, OnnxTensor> inputs =
          wantsTypeIds
              ? Map.of(idsInput, idsTensor, maskInput, maskTensor, "token_type_ids", typeTensor)
              : Map.of(idsInput, idsTensor, maskInput, maskTensor);
      try (OrtSession.Result result = session.run(inputs)) {
        float[][][] logits = (float[][][]) result.get(0).getValue();
        float[][] probabilities = new float[batch][];
        for (int b = 0; b < batch; b++) {
          int length = sequences.get(b).length;
          float[] keep = new float[length];
          for (int t = 0; t < length; t++) {
            keep[t] = keepProbability(logits[b][t][0], logits[b][t][1]);
          }
          probabilities[b] = keep;
        }
        return probabilities;
      }
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime failed to run the model", e);
    }
  }

  /** Softmax at index 1 of two logits, shifted by the larger as PyTorch does. */
  static float keepProbability(float drop, float keep) {
    double max = Math.max(drop, keep);
    double d = Math.exp(drop - max);
    double k = Math.exp(keep - max);
    return (float) (k / (d + k));
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IllegalStateException("could not close the ONNX Runtime session", e);
    }
  }
}
