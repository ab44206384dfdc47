package com.usagetap.compression.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.usagetap.compression.config.ConfigException;
import com.usagetap.compression.testing.LogCapture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class HubDownloaderTest extends FakeHubTest {
  @Test
  void fetch_emptyCache_downloadsTheLayoutIntoOneFlatFolder() throws IOException {
    ModelFiles files = fetch(hub.model());

    Path folder = cache.resolve("acme--tiny-lingua").resolve(FakeHub.REVISION).resolve("onnx");
    assertThat(files.dir()).isEqualTo(folder);
    assertThat(files.model()).hasSameBinaryContentAs(repo.resolve("onnx/model.onnx"));
    assertThat(files.externalData()).contains(folder.resolve("model.onnx_data"));
    assertThat(files.externalData().orElseThrow())
        .hasSameBinaryContentAs(repo.resolve("onnx/model.onnx_data"));
    assertThat(files.tokenizer()).hasSameBinaryContentAs(repo.resolve("tokenizer.json"));
    assertThat(files.config()).hasSameBinaryContentAs(repo.resolve("config.json"));
    assertThat(files.tokenizerConfig()).contains(folder.resolve("tokenizer_config.json"));
    assertThat(files.specialTokensMap()).contains(folder.resolve("special_tokens_map.json"));
    assertThat(folder.resolve(CacheManifest.NAME)).isRegularFile();
    assertThat(ModelFiles.validate(folder)).isEqualTo(files);
  }

  @Test
  void fetch_emptyCache_asksForEachModelFileOnceAndNothingElse() {
    fetch(hub.model());

    assertThat(hub.downloads()).containsExactlyInAnyOrderElementsOf(FakeHub.modelDownloads());
  }

  @Test
  void fetch_lfsGraph_followsTheRedirectToTheCdn() {
    fetch(hub.model());

    assertThat(hub.requests())
        .filteredOn(request -> request.server().equals("cdn"))
        .extracting(FakeHub.Request::path)
        .containsExactly("/blobs/onnx/model.onnx");
  }

  @Test
  void fetch_corruptedLfsFile_namesItAndBothHashesAndLeavesNoFileBehind() throws IOException {
    byte[] original = Files.readAllBytes(repo.resolve("onnx/model.onnx"));
    byte[] corrupted = original.clone();
    corrupted[1000] ^= 1;
    hub.serveInstead("onnx/model.onnx", corrupted);

    assertThatThrownBy(() -> fetch(hub.model()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MODEL_REPO=acme/tiny-lingua MODEL_REVISION=" + FakeHub.REVISION)
        .hasMessageContaining(
            "onnx/model.onnx does not match the listing: sha256 expected "
                + FakeHub.sha256(original)
                + ", got "
                + FakeHub.sha256(corrupted));
    assertThat(filesIn(hub.model().modelFolder(cache)))
        .doesNotContain("model.onnx", CacheManifest.NAME)
        .noneMatch(name -> name.endsWith(".part"));
  }

  @Test
  void fetch_corruptedGitBlob_namesTheFileAndBothBlobIds() throws IOException {
    byte[] original = Files.readAllBytes(repo.resolve("config.json"));
    byte[] corrupted =
        new String(original, StandardCharsets.UTF_8)
            .replace("xlm", "XLM")
            .getBytes(StandardCharsets.UTF_8);
    hub.serveInstead("config.json", corrupted);

    assertThatThrownBy(() -> fetch(hub.model()))
        .hasMessageContaining(
            "config.json does not match the listing: git blob sha1 expected "
                + FakeHub.gitBlobSha1(original)
                + ", got "
                + FakeHub.gitBlobSha1(corrupted));
    assertThat(hub.model().modelFolder(cache).resolve("config.json")).doesNotExist();
  }

  @Test
  void fetch_fileShorterThanListed_namesBothSizes() throws IOException {
    hub.serveInstead("tokenizer.json", "{}".getBytes(StandardCharsets.UTF_8));
    long listed = Files.size(repo.resolve("tokenizer.json"));

    assertThatThrownBy(() -> fetch(hub.model()))
        .hasMessageContaining("tokenizer.json does not match the listing: size expected " + listed)
        .hasMessageEndingWith("got 2");
  }

  @Test
  void fetch_fileLongerThanListed_isRefusedWhileItArrives() {
    hub.serveInstead("config.json", new byte[10_000]);

    assertThatThrownBy(() -> fetch(hub.model()))
        .hasMessageContaining("config.json: the response is longer than the")
        .hasMessageContaining("bytes expected");
    assertThat(filesIn(hub.model().modelFolder(cache)))
        .doesNotContain("config.json")
        .noneMatch(name -> name.endsWith(".part"));
  }

  @Test
  void fetch_unknownRevision_namesRepoRevisionAndStatus() {
    String other = "fedcba9876543210fedcba9876543210fedcba98";
    HubModel model = new HubModel(hub.url(), FakeHub.REPO, other, Optional.empty());

    assertThatThrownBy(() -> fetch(model))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "MODEL_REPO=acme/tiny-lingua MODEL_REVISION="
                + other
                + ": the file listing: HTTP 404 (RevisionNotFound); no such repository, revision"
                + " or file");
    assertThat(hub.requests()).hasSize(1);
  }

  @Test
  void fetch_unauthorized_isNotRetriedAndPointsAtTheToken() {
    hub.fail(FakeHub.LISTING, 401, 5);

    assertThatThrownBy(() -> fetch(hub.model()))
        .hasMessageContaining("the file listing: HTTP 401")
        .hasMessageEndingWith("the repository may be private or gated: set HF_TOKEN");
    assertThat(hub.requests()).hasSize(1);
  }

  @Test
  void fetch_graphMissingFromTheListing_namesItsPath() {
    hub.unlist("onnx/model.onnx");

    assertThatThrownBy(() -> fetch(hub.model()))
        .hasMessageEndingWith(": the repository has no onnx/model.onnx");
  }

  @Test
  void fetch_tokenizerMissingFromTheListing_namesBothPlacesLookedAt() {
    hub.unlist("tokenizer.json");

    assertThatThrownBy(() -> fetch(hub.model()))
        .hasMessageEndingWith(": the repository has no onnx/tokenizer.json or tokenizer.json");
  }

  @Test
  void fetch_listingNotJson_saysSo() {
    hub.replaceListing("{\"siblings\": [");

    assertThatThrownBy(() -> fetch(hub.model()))
        .hasMessageContaining(": the file listing is not valid JSON (line 1");
  }

  @Test
  void fetch_listingOfAnotherCommit_isRefused() {
    hub.replaceListing("{\"sha\": \"" + "a".repeat(40) + "\", \"siblings\": []}");

    assertThatThrownBy(() -> fetch(hub.model()))
        .hasMessageEndingWith(": the hub listed commit " + "a".repeat(40) + " instead");
  }

  @Test
  void fetch_withToken_sendsItToTheHubButNotToTheCdn() {
    fetch(hub.model(), Optional.of("hf_test_secret"));

    assertThat(hub.requests())
        .filteredOn(request -> request.server().equals("hub"))
        .isNotEmpty()
        .allSatisfy(
            request -> assertThat(request.authorization()).contains("Bearer hf_test_secret"));
    assertThat(hub.requests())
        .filteredOn(request -> request.server().equals("cdn"))
        .singleElement()
        .satisfies(request -> assertThat(request.authorization()).isEmpty());
  }

  @Test
  void fetch_withoutToken_sendsNoAuthorization() {
    fetch(hub.model());

    assertThat(hub.requests())
        .isNotEmpty()
        .allSatisfy(request -> assertThat(request.authorization()).isEmpty());
  }

  @Test
  void fetch_serverErrorOnce_isRetried() {
    hub.fail("config.json", 503, 1);

    ModelFiles files = fetch(hub.model());

    assertThat(files.config()).hasSameBinaryContentAs(repo.resolve("config.json"));
    assertThat(hub.downloads()).filteredOn("config.json"::equals).hasSize(2);
  }

  @Test
  void fetch_serverErrorEveryTime_givesUpAfterTheLastAttempt() {
    hub.fail(FakeHub.LISTING, 502, 10);

    assertThatThrownBy(() -> fetch(hub.model()))
        .hasMessageEndingWith(": the file listing: HTTP 502 (Injected) (gave up after 3 attempts)");
    assertThat(hub.requests()).hasSize(3);
  }

  @Test
  void fetch_stalledTransfer_timesOutAndIsRetried() {
    hub.stall("tokenizer.json", 1);
    HubHttp.Options impatient =
        new HubHttp.Options(Duration.ofSeconds(5), Duration.ofMillis(300), 2, Duration.ofMillis(1));

    ModelFiles files;
    try (HubHttp http = new HubHttp(impatient, Optional.empty())) {
      files = new HubDownloader(cache, http).fetch(hub.model());
    }

    assertThat(files.tokenizer()).hasSameBinaryContentAs(repo.resolve("tokenizer.json"));
    assertThat(hub.downloads()).filteredOn("tokenizer.json"::equals).hasSize(2);
  }

  @Test
  void fetch_stalledEveryTime_failsNamingTheFile() {
    hub.stall("tokenizer.json", 5);
    HubHttp.Options impatient =
        new HubHttp.Options(Duration.ofSeconds(5), Duration.ofMillis(200), 2, Duration.ofMillis(1));

    try (HubHttp http = new HubHttp(impatient, Optional.empty())) {
      HubDownloader downloader = new HubDownloader(cache, http);
      assertThatThrownBy(() -> downloader.fetch(hub.model()))
          .hasMessageEndingWith(": tokenizer.json: no data for 200 ms (gave up after 2 attempts)");
    }
  }

  @Test
  void fetch_flatRepositoryWithoutSubfolder_usesTheRevisionFolder() throws IOException {
    Files.move(repo.resolve("onnx/model.onnx"), repo.resolve("model.onnx"));
    HubModel model = new HubModel(hub.url(), FakeHub.REPO, FakeHub.REVISION, Optional.empty());

    ModelFiles files = fetch(model);

    assertThat(files.dir()).isEqualTo(cache.resolve("acme--tiny-lingua/" + FakeHub.REVISION));
    assertThat(files.model()).hasSameBinaryContentAs(repo.resolve("model.onnx"));
    assertThat(files.externalData()).isEmpty();
  }

  @Test
  void fetch_logsNamesSizesAndHashesButNeverTheToken() throws IOException {
    byte[] graph = Files.readAllBytes(repo.resolve("onnx/model.onnx"));

    List<String> lines;
    try (LogCapture capture = LogCapture.attach()) {
      fetch(hub.model(), Optional.of("hf_test_secret"));
      lines = capture.lines();
    }

    assertThat(lines)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("model file downloaded")
                    .contains("\"file\":\"onnx/model.onnx\"")
                    .contains("\"bytes\":" + graph.length)
                    .contains("\"sha256\":\"" + FakeHub.sha256(graph) + "\""));
    String folder = hub.model().modelFolder(cache).toString();
    assertThat(lines)
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("model downloaded")
                    .contains("\"model_dir\":\"" + folder + "\""));
    assertThat(lines).noneSatisfy(line -> assertThat(line).contains("hf_test_secret"));
  }

  private static List<String> filesIn(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(file -> file.getFileName().toString()).toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
