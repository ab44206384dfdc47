package com.usagetap.compression.lingua;

import java.nio.file.Path;
import java.util.List;

/** Loads a model with ONNX Runtime and scores one sequence; run in a forked JVM by a test. */
public final class OnnxSmokeMain {
  private OnnxSmokeMain() {}

  public static void main(String[] args) {
    try (OnnxClassifier classifier = OnnxClassifier.open(Path.of(args[0]))) {
      float[][] keep =
          classifier.keepProbabilities(
              List.of(new int[] {2, 50, 51, 3}), List.of(new boolean[] {true, true, true, true}));
      System.out.println("scored " + keep[0].length + " positions");
    }
  }
}
