package com.usagetap.compression.config;

import java.time.Duration;

/**
 * How the model is run ({@code INFERENCE_*} settings).
 *
 * @param threads platform threads running the model; one per core by default
 * @param maxRequests requests admitted to inference at once; four per thread by default
 * @param admissionWait how long a request may wait to be admitted before it is answered 503
 * @param deadline how long an admitted request's inference may take in all before it is answered
 *     503
 * @param maxBatch chunks of up to 512 tokens run in one call
 */
public record InferenceSettings(
    int threads, int maxRequests, Duration admissionWait, Duration deadline, int maxBatch) {
  public static InferenceSettings defaults() {
    int cores = Runtime.getRuntime().availableProcessors();
    return new InferenceSettings(
        cores, 4 * cores, Duration.ofSeconds(2), Duration.ofSeconds(30), 8);
  }
}
