package com.usagetap.compression.lingua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.usagetap.compression.http.ApiException;
import com.usagetap.compression.http.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InferencePoolTest {
  /** Scores position p as p / 1000 and records how many batches ran at once. */
  static final class CountingClassifier implements TokenClassifier {
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();
    final List<Integer> batchSizes = new ArrayList<>();
    final CountDownLatch release;

    CountingClassifier(CountDownLatch release) {
      this.release = release;
    }

    @Override
    public float[][] keepProbabilities(List<int[]> sequences, List<boolean[]> attended) {
      int now = running.incrementAndGet();
      mostAtOnce.accumulateAndGet(now, Math::max);
      synchronized (batchSizes) {
        batchSizes.add(sequences.size());
      }
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        running.decrementAndGet();
      }
      float[][] out = new float[sequences.size()][];
      for (int s = 0; s < sequences.size(); s++) {
        out[s] = new float[sequences.get(s).length];
        for (int p = 0; p < out[s].length; p++) {
          out[s][p] = sequences.get(s)[p] / 1000f;
        }
      }
      return out;
    }
  }

  private static List<int[]> sequences(int count) {
    List<int[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(new int[] {i, i + 1, i + 2});
    }
    return out;
  }

  private static List<boolean[]> masks(int count) {
    List<boolean[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(new boolean[] {true, true, true});
    }
    return out;
  }

  @Test
  void batchesAreSplitAndResultsComeBackInOrder() {
    CountingClassifier classifier = new CountingClassifier(new CountDownLatch(0));
    try (InferencePool pool =
        new InferencePool(classifier, 2, 4, Duration.ofSeconds(1), Duration.ofSeconds(10), 3)) {
      float[][] keep = pool.keepProbabilities(sequences(7), masks(7));
      assertThat(keep).hasNumberOfRows(7);
      for (int i = 0; i < 7; i++) {
        assertThat(keep[i]).containsExactly(i / 1000f, (i + 1) / 1000f, (i + 2) / 1000f);
      }
      assertThat(classifier.batchSizes).containsExactlyInAnyOrder(3, 3, 1);
      assertThat(classifier.mostAtOnce.get()).isLessThanOrEqualTo(2);
    }
  }

  @Test
  void aRequestThatCannotBeAdmittedInTimeIsOverloaded() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountingClassifier classifier = new CountingClassifier(release);
    try (InferencePool pool =
        new InferencePool(classifier, 1, 1, Duration.ofMillis(100), Duration.ofSeconds(10), 8)) {
      Thread first = Thread.ofVirtual().start(() -> pool.keepProbabilities(sequences(1), masks(1)));
      while (classifier.running.get() == 0) {
        Thread.sleep(5);
      }
      assertThatThrownBy(() -> pool.keepProbabilities(sequences(1), masks(1)))
          .isInstanceOfSatisfying(
              ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OVERLOADED));
      assertThat(pool.refused()).isEqualTo(1);
      release.countDown();
      first.join();
      // Once the first request is done the pool admits again.
      assertThat(pool.keepProbabilities(sequences(2), masks(2))).hasNumberOfRows(2);
    }
  }

  @Test
  void anAdmittedRequestPastItsDeadlineIsOverloadedAndFreesItsPlace() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountingClassifier classifier = new CountingClassifier(release);
    try (InferencePool pool =
        new InferencePool(classifier, 1, 2, Duration.ofSeconds(1), Duration.ofMillis(150), 1)) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> pool.keepProbabilities(sequences(3), masks(3)))
          .isInstanceOfSatisfying(
              ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OVERLOADED));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      release.countDown();
      // The cancelled batches never ran; the running one finished and the place is free again.
      assertThat(pool.keepProbabilities(sequences(1), masks(1))).hasNumberOfRows(1);
      assertThat(classifier.batchSizes).hasSizeLessThanOrEqualTo(3);
    }
  }

  @Test
  void noWorkNeedsNoPlace() {
    try (InferencePool pool =
        new InferencePool(
            new CountingClassifier(new CountDownLatch(0)),
            1,
            1,
            Duration.ZERO,
            Duration.ofSeconds(1),
            1)) {
      assertThat(pool.keepProbabilities(List.of(), List.of())).isEmpty();
    }
  }

  @Test
  void workRunsOnThePoolsPlatformThreadsNotTheCallers() throws Exception {
    try (InferencePool pool =
        new InferencePool(
            new CountingClassifier(new CountDownLatch(0)),
            1,
            1,
            Duration.ofSeconds(1),
            Duration.ofSeconds(5),
            1)) {
      String[] seen = new String[1];
      Thread caller =
          Thread.ofVirtual()
              .start(
                  () ->
                      seen[0] =
                          pool.run(
                              inference ->
                                  Thread.currentThread().isVirtual()
                                      + " "
                                      + Thread.currentThread().getName()));
      caller.join();
      assertThat(seen[0]).isEqualTo("false inference-0");
    }
  }

  @Test
  void workThatOverrunsItsDeadlineStopsAtItsNextCheck() {
    CountingClassifier classifier = new CountingClassifier(new CountDownLatch(0));
    AtomicInteger checks = new AtomicInteger();
    try (InferencePool pool =
        new InferencePool(classifier, 1, 1, Duration.ofSeconds(1), Duration.ofMillis(50), 1)) {
      assertThatThrownBy(
              () ->
                  pool.run(
                      inference -> {
                        while (true) {
                          checks.incrementAndGet();
                          inference.checkTime();
                          Thread.onSpinWait();
                        }
                      }))
          .isInstanceOfSatisfying(
              ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OVERLOADED));
      // The abandoned work gave its place back: the pool admits the next request.
      assertThat(pool.keepProbabilities(sequences(1), masks(1))).hasNumberOfRows(1);
      assertThat(checks.get()).isPositive();
    }
  }

  @Test
  void aLoneRequestSpreadsItsChunksOverEveryThread() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountingClassifier classifier = new CountingClassifier(release);
    try (InferencePool pool =
        new InferencePool(classifier, 2, 2, Duration.ofSeconds(1), Duration.ofSeconds(10), 8)) {
      Thread caller =
          Thread.ofVirtual().start(() -> pool.keepProbabilities(sequences(4), masks(4)));
      long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (classifier.running.get() < 2 && System.nanoTime() < until) {
        Thread.sleep(5);
      }
      assertThat(classifier.running.get()).isEqualTo(2);
      release.countDown();
      caller.join();
      assertThat(classifier.batchSizes).containsExactly(2, 2);
    }
  }
}
