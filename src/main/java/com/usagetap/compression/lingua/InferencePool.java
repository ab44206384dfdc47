package com.usagetap.compression.lingua;

import com.usagetap.compression.http.ApiException;
import com.usagetap.compression.http.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Runs the model-backed part of requests on a fixed set of platform threads, one per core by
 * default, and refuses work it cannot finish in time.
 *
 * <p>All of it runs here, not only the model: tokenizing, framing and inference are CPU-bound
 * native calls, and on a request's virtual thread they would pin a carrier thread for their whole
 * length and starve every other request, health checks included. A request waits for a place for at
 * most {@code admissionWait}; at most {@code maxRequests} are admitted at once (running or queued
 * for a thread), so memory is bounded by what they hold: their texts' token ids, and one batch of
 * at most {@code maxBatch} × 512 positions per thread. An admitted request whose work is not done
 * by {@code deadline} is answered 503 {@code overloaded}; its work stops at the next batch (a
 * running ONNX Runtime call is not interrupted) or never starts, and keeps its place until then so
 * the bound holds.
 */
public final class InferencePool implements AutoCloseable {
  private static final int QUEUED = 0;
  private static final int RUNNING = 1;
  private static final int ABANDONED = 2;

  private final TokenClassifier classifier;
  private final ExecutorService executor;
  private final ExecutorService batches;
  private final Semaphore admission;
  private final Duration admissionWait;
  private final Duration deadline;
  private final int maxBatch;
  private final int threads;
  private final LongConsumer batchTimes;
  private final AtomicInteger refused = new AtomicInteger();

  public InferencePool(
      TokenClassifier classifier,
      int threads,
      int maxRequests,
      Duration admissionWait,
      Duration deadline,
      int maxBatch) {
    this(classifier, threads, maxRequests, admissionWait, deadline, maxBatch, nanos -> {});
  }

  /**
   * A pool that also tells {@code batchTimes} the model time of every batch it runs, in
   * nanoseconds, on the thread that ran it.
   */
  public InferencePool(
      TokenClassifier classifier,
      int threads,
      int maxRequests,
      Duration admissionWait,
      Duration deadline,
      int maxBatch,
      LongConsumer batchTimes) {
    this.classifier = classifier;
    this.batchTimes = batchTimes;
    this.threads = threads;
    this.executor =
        Executors.newFixedThreadPool(
            threads, Thread.ofPlatform().name("inference-", 0).daemon(true).factory());
    this.batches =
        Executors.newFixedThreadPool(
            threads, Thread.ofPlatform().name("inference-batch-", 0).daemon(true).factory());
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
   * The model, as one admitted request sees it: batches run in turn, each after a deadline check.
   */
  public final class Inference {
    private final long until;
    private volatile boolean abandoned;

    private Inference(long until) {
      this.until = until;
    }

    /**
     * Keep probabilities for every sequence, in order.
     *
     * @throws ApiException 503 {@code overloaded} once the request's deadline has passed
     */
    public float[][] keepProbabilities(List<int[]> sequences, List<boolean[]> attended) {
      // Enough batches to give every thread one, none larger than maxBatch: a request of a few
      // chunks on an idle pool then takes all its cores, a long one still runs in bounded pieces.
      int size = Math.max(1, Math.min(maxBatch, Math.ceilDiv(sequences.size(), threads)));
      List<Future<float[][]>> parts = new ArrayList<>();
      try {
        for (int from = 0; from < sequences.size(); from += size) {
          int to = Math.min(sequences.size(), from + size);
          List<int[]> ids = sequences.subList(from, to);
          List<boolean[]> masks = attended.subList(from, to);
          parts.add(
              batches.submit(
                  () -> {
                    checkTime();
                    long started = System.nanoTime();
                    float[][] probabilities = classifier.keepProbabilities(ids, masks);
                    batchTimes.accept(System.nanoTime() - started);
                    return probabilities;
                  }));
        }
        float[][] all = new float[sequences.size()][];
        int index = 0;
        for (Future<float[][]> part : parts) {
          for (float[] probabilities : part.get()) {
            all[index++] = probabilities;
          }
        }
        return all;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw busy();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new IllegalStateException("inference failed", e.getCause());
      } finally {
        for (Future<float[][]> part : parts) {
          part.cancel(false);
        }
      }
    }

    /** Stops the work when its request has given up on it or its time is over. */
    public void checkTime() {
      if (abandoned || System.nanoTime() - until > 0) {
        throw busy();
      }
    }
  }

  /**
   * Runs {@code work} on a pool thread once the request is admitted, and waits for it.
   *
   * @throws ApiException 503 {@code overloaded} when the request cannot be admitted within the
   *     admission wait or its work is not done by the deadline
   */
  public <T> T run(Function<Inference, T> work) {
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
    long started = System.nanoTime();
    Inference inference = new Inference(started + deadline.toNanos());
    // Whoever moves the state away from QUEUED gives the place back: the task when it has run,
    // or the request when it gives up before the task starts.
    AtomicInteger state = new AtomicInteger(QUEUED);
    Future<T> future;
    try {
      future =
          executor.submit(
              () -> {
                if (!state.compareAndSet(QUEUED, RUNNING)) {
                  return null;
                }
                try {
                  return work.apply(inference);
                } finally {
                  admission.release();
                }
              });
    } catch (RuntimeException e) {
      admission.release();
      throw e;
    }
    try {
      return future.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      inference.abandoned = true;
      if (state.compareAndSet(QUEUED, ABANDONED)) {
        future.cancel(false);
        admission.release();
      }
      throw overloaded();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      inference.abandoned = true;
      if (state.compareAndSet(QUEUED, ABANDONED)) {
        admission.release();
      }
      throw overloaded();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ApiException api && api.code() == ErrorCode.OVERLOADED) {
        refused.incrementAndGet();
        throw api;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("model-backed compression failed", e.getCause());
    }
  }

  /** Keep probabilities for every sequence, as one request of their own. */
  public float[][] keepProbabilities(List<int[]> sequences, List<boolean[]> attended) {
    if (sequences.isEmpty()) {
      return new float[0][];
    }
    return run(inference -> inference.keepProbabilities(sequences, attended));
  }

  private ApiException overloaded() {
    refused.incrementAndGet();
    return busy();
  }

  private static ApiException busy() {
    return new ApiException(ErrorCode.OVERLOADED, "The service is at capacity; retry shortly.");
  }

  /**
   * Stops taking work, lets work already running finish (up to 30 s), then frees the model. Work
   * that outlives the wait keeps the model, and {@code false} says so: freeing native memory a
   * thread still uses would crash the process.
   */
  public boolean closeWhenIdle() {
    executor.shutdown();
    boolean idle;
    try {
      idle = executor.awaitTermination(30, TimeUnit.SECONDS);
      batches.shutdown();
      idle = idle && batches.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      idle = false;
    }
    if (idle) {
      classifier.close();
    }
    return idle;
  }

  @Override
  public void close() {
    closeWhenIdle();
  }
}
