package com.usagetap.compression.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.usagetap.compression.testing.LogCapture;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What the downloader does with the cache: reuse, resume and take turns with others. */
class HubCacheTest extends FakeHubTest {
  @Test
  void fetch_completeCache_makesNoRequestAtAll() {
    ModelFiles first = fetch(hub.model());
    hub.clearRequests();

    ModelFiles second = fetch(hub.model());

    assertThat(second).isEqualTo(first);
    assertThat(hub.requests()).isEmpty();
  }

  @Test
  void fetch_folderWithoutManifest_keepsVerifiedFilesAndFetchesTheRest() throws IOException {
    Path folder = fetch(hub.model()).dir();
    Files.delete(folder.resolve(CacheManifest.NAME));
    Files.delete(folder.resolve("tokenizer.json"));
    Files.writeString(folder.resolve(".model.onnx.part"), "half a graph");
    hub.clearRequests();

    ModelFiles files = fetch(hub.model());

    assertThat(hub.downloads()).containsExactly("tokenizer.json");
    assertThat(files.tokenizer()).hasSameBinaryContentAs(repo.resolve("tokenizer.json"));
    assertThat(folder.resolve(CacheManifest.NAME)).isRegularFile();
    assertThat(folder.resolve(".model.onnx.part")).doesNotExist();
  }

  @Test
  void fetch_folderWithoutManifest_replacesAFileThatNoLongerMatches() throws IOException {
    Path folder = fetch(hub.model()).dir();
    Files.delete(folder.resolve(CacheManifest.NAME));
    byte[] graph = Files.readAllBytes(folder.resolve("model.onnx"));
    graph[0] ^= 1;
    Files.write(folder.resolve("model.onnx"), graph);
    hub.clearRequests();

    ModelFiles files = fetch(hub.model());

    assertThat(hub.downloads()).containsExactly("onnx/model.onnx", "onnx/model.onnx");
    assertThat(files.model()).hasSameBinaryContentAs(repo.resolve("onnx/model.onnx"));
  }

  @Test
  void fetch_manifestButATruncatedFile_downloadsAgain() throws IOException {
    Path folder = fetch(hub.model()).dir();
    Files.write(folder.resolve("model.onnx_data"), new byte[] {1, 2, 3});
    hub.clearRequests();

    ModelFiles files = fetch(hub.model());

    assertThat(hub.downloads()).containsExactly("onnx/model.onnx_data");
    assertThat(files.externalData().orElseThrow())
        .hasSameBinaryContentAs(repo.resolve("onnx/model.onnx_data"));
  }

  @Test
  void fetch_twoDownloadsAtOnce_fetchEachFileOnce() throws Exception {
    hub.delayListing(Duration.ofMillis(300));
    CountDownLatch start = new CountDownLatch(1);

    // Threads of their own: the common pool is too small on two cores for two blocked callers.
    ModelFiles first;
    ModelFiles second;
    try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
      Future<ModelFiles> one = threads.submit(() -> fetchAfter(start));
      Future<ModelFiles> other = threads.submit(() -> fetchAfter(start));
      start.countDown();
      first = one.get(30, TimeUnit.SECONDS);
      second = other.get(30, TimeUnit.SECONDS);
    }

    assertThat(first).isEqualTo(second);
    assertThat(hub.downloads()).containsExactlyInAnyOrderElementsOf(FakeHub.modelDownloads());
  }

  @Test
  void fetch_whileAnotherProcessDownloads_waitsThenUsesItsCopy() throws Exception {
    Path lockFile = hub.model().revisionFolder(cache).resolveSibling(FakeHub.REVISION + ".lock");
    Files.createDirectories(lockFile.getParent());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process holder =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                LockHolder.class.getName(),
                lockFile.toString())
            .redirectErrorStream(true)
            .start();
    try (LogCapture capture = LogCapture.attach();
        ExecutorService threads = Executors.newSingleThreadExecutor()) {
      BufferedReader output =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertThat(output.readLine()).isEqualTo("locked");

      Future<ModelFiles> waiting = threads.submit(() -> fetch(hub.model()));
      awaitLine(capture, "waiting for another process to finish the model download");
      assertThat(waiting).isNotDone();
      assertThat(hub.requests()).isEmpty();

      holder.getOutputStream().close();
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
      ModelFiles files = waiting.get(30, TimeUnit.SECONDS);
      assertThat(files.model()).hasSameBinaryContentAs(repo.resolve("onnx/model.onnx"));
    } finally {
      holder.destroy();
    }
  }

  private ModelFiles fetchAfter(CountDownLatch start) {
    try {
      start.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return fetch(hub.model());
  }

  private static void awaitLine(LogCapture capture, String text) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (capture.lines().stream().noneMatch(line -> line.contains(text))) {
      assertThat(System.nanoTime()).as("waiting for a log line: " + text).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
