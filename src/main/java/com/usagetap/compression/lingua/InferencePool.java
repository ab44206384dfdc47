package com.usagetap.compression.lingua;

import com.usagetap.compression.http.ApiException;
import com.usagetap.compression.http.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the classifier on a fixed set of platform threads, one per core by default, and refuses work
 * it cannot finish in time.
 *
 * <p>Inference is CPU-bound native code: running it on the request's virtual thread would pin a
 * carrier thread for the whole call and starve every other request, health checks included. So a
 * request hands its batches to this pool and waits. At most {@code maxRequests} requests are
 * admitted at once; one that cannot be admitted within {@code admissionWait}, or whose batches are
 * not all done by {@code deadline}, is answered 503 {@code overloaded} and its batches that have
 * not started are cancelled. Memory is bounded by what admitted requests hold: at most {@code
 * maxRequests} bodies' worth of token ids waiting, and {@code threads} batches of at most {@code
 * maxBatch} × 512 positions being run.
 */
public final class InferencePool implements AutoCloseable {
  private final TokenClassifier classifier;
  private final ExecutorService executor;
  private final Semaphore admission;
  private final Duration admissionWait;
  private final Duration deadline;
  private final int maxBatch;
  private final int threads;
  private final AtomicInteger refused = new AtomicInteger();

  public InferencePool(
      TokenClassifier classifier,
      int threads,
      int maxRequests,
      Duration admissionWait,
      Duration deadline,
      int maxBatch) {
    this.classifier = classifier;
    this.threads = threads;
    this.executor =
        Executors.newFixedThreadPool(
            threads, Thread.ofPlatform().name("inference-", 0).daemon(true).factory());
    this.admission = new Semaphore(maxRequests, true);
    this.admissionWait = admissionWait;
    this.deadline = deadline;
    this.maxBatch = maxBatch;
  }

  public int threads() {
    return threads;
  }

  /** How many requests have been refused as overloaded since start. */
  public int refused() {
    return refused.get();
  }

  /**
   * Keep probabilities for every sequence, in order.
   *
   * @throws ApiException 503 {@code overloaded} when the work cannot be admitted or finished in
   *     time
   */
  public float[][] keepProbabilities(List<int[]> sequences, List<boolean[]> attended) {
    if (sequences.isEmpty()) {
      return new float[0][];
    }
    boolean admitted;
    try {
      admitted = admission.tryAcquire(admissionWait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw overloaded();
    }
    if (!admitted) {
      throw overloaded();
    }
    List<Future<float[][]>> batches = new ArrayList<>();
    try {
      for (int from = 0; from < sequences.size(); from += maxBatch) {
        int to = Math.min(sequences.size(), from + maxBatch);
        List<int[]> ids = sequences.subList(from, to);
        List<boolean[]> masks = attended.subList(from, to);
        batches.add(executor.submit(() -> classifier.keepProbabilities(ids, masks)));
      }
      long until = System.nanoTime() + deadline.toNanos();
      float[][] all = new float[sequences.size()][];
      int index = 0;
      for (Future<float[][]> batch : batches) {
        float[][] result = batch.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
        for (float[] probabilities : result) {
          all[index++] = probabilities;
        }
      }
      return all;
    } catch (TimeoutException | CancellationException e) {
      throw overloaded();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw overloaded();
    } catch (ExecutionException e) {
      throw new IllegalStateException("inference failed", e.getCause());
    } finally {
      for (Future<float[][]> batch : batches) {
        batch.cancel(false);
      }
      admission.release();
    }
  }

  private ApiException overloaded() {
    refused.incrementAndGet();
    return new ApiException(
        ErrorCode.OVERLOADED, "The compressor is busy; retry the request shortly.");
  }

  @Override
  public void close() {
    executor.shutdownNow();
    classifier.close();
  }
}
