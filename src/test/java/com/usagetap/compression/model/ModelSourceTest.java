package com.usagetap.compression.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.usagetap.compression.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelSourceTest {
  private static final String REVISION = FakeHub.REVISION;

  @TempDir Path dir;

  @Test
  void fromEnvironment_nothingSet_isNoModel() {
    ModelSource source = ModelSource.fromEnvironment(Map.of("HOME", "/home/someone"));

    assertThat(source.isConfigured()).isFalse();
    assertThat(source.resolve()).isEmpty();
    assertThat(source).hasToString("no model");
  }

  @Test
  void fromEnvironment_blankValues_areUnset() {
    ModelSource source =
        ModelSource.fromEnvironment(Map.of("MODEL_DIR", " ", "MODEL_REPO", "", "HF_TOKEN", "\t"));

    assertThat(source.isConfigured()).isFalse();
  }

  @Test
  void resolve_modelDir_isTheValidatedFolder() throws IOException {
    writeLayout(dir);

    ModelSource source = ModelSource.fromEnvironment(Map.of("MODEL_DIR", dir.toString()));

    assertThat(source.isConfigured()).isTrue();
    assertThat(source.resolve())
        .hasValueSatisfying(files -> assertThat(files.dir()).isEqualTo(dir));
    assertThat(source).hasToString("MODEL_DIR=" + dir);
  }

  @Test
  void resolve_modelDirMissingAFile_namesTheVariableAndTheFile() throws IOException {
    writeLayout(dir);
    Files.delete(dir.resolve("config.json"));

    ModelSource source = ModelSource.fromEnvironment(Map.of("MODEL_DIR", dir.toString()));

    assertThatThrownBy(source::resolve)
        .isInstanceOf(ConfigException.class)
        .hasMessage("MODEL_DIR=" + dir + ": missing config.json");
  }

  @Test
  void fromEnvironment_modelDirAndRepo_isRefused() {
    Map<String, String> env =
        Map.of("MODEL_DIR", "/models/x", "MODEL_REPO", "acme/x", "MODEL_REVISION", REVISION);

    assertThatThrownBy(() -> ModelSource.fromEnvironment(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("MODEL_DIR=/models/x and MODEL_REPO=acme/x are both set");
  }

  @Test
  void fromEnvironment_repoWithoutRevision_asksForACommitAndSaysWhy() {
    assertThatThrownBy(() -> ModelSource.fromEnvironment(Map.of("MODEL_REPO", "acme/x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("MODEL_REPO=acme/x needs MODEL_REVISION")
        .hasMessageContaining("a branch or tag can move");
  }

  @Test
  void fromEnvironment_revisionWithoutRepo_isRefused() {
    assertThatThrownBy(() -> ModelSource.fromEnvironment(Map.of("MODEL_REVISION", REVISION)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("MODEL_REVISION=" + REVISION + " is set without MODEL_REPO");
  }

  @Test
  void fromEnvironment_subfolderWithoutRepo_isRefused() {
    assertThatThrownBy(() -> ModelSource.fromEnvironment(Map.of("MODEL_SUBFOLDER", "onnx")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("MODEL_SUBFOLDER=onnx is set without MODEL_REPO");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../x", "a/b/c", "x", "/x", "a/", "/", "a/..", "./a", ".a/b", "a/b.", "-a/b", "a--b/c",
        "a/b--c", "a/b..c", "a/b c", "a/b%2Fc", "a\\b", "ä/b", "a/b?c", "a/b#c"
      })
  void fromEnvironment_unsafeRepo_namesItAndTheRule(String repo) {
    Map<String, String> env = Map.of("MODEL_REPO", repo, "MODEL_REVISION", REVISION);

    assertThatThrownBy(() -> ModelSource.fromEnvironment(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("MODEL_REPO=" + repo + " is not a repository id owner/name");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "main",
        "v1.0",
        "0123abc",
        "0123456789abcdef0123456789abcdef0123456",
        "0123456789abcdef0123456789abcdef012345678",
        "0123456789ABCDEF0123456789ABCDEF01234567",
        "g123456789abcdef0123456789abcdef01234567"
      })
  void fromEnvironment_revisionNotAFullCommitId_isRefusedSayingABranchCanMove(String revision) {
    Map<String, String> env = Map.of("MODEL_REPO", "acme/x", "MODEL_REVISION", revision);

    assertThatThrownBy(() -> ModelSource.fromEnvironment(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "MODEL_REVISION=" + revision + " is not a 40-character lowercase hex commit id")
        .hasMessageContaining("a branch or tag can move while the cached copy stays");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://hub.example",
        "huggingface.co",
        "/relative/path",
        "http://",
        "https://user:secret@hub.example",
        "https://hub.example/?mirror=1",
        "https://hub.example/#top",
        "https://hub example"
      })
  void fromEnvironment_hubUrlNotAnAbsoluteHttpUrl_namesIt(String url) {
    Map<String, String> env =
        Map.of("MODEL_REPO", "acme/x", "MODEL_REVISION", REVISION, "MODEL_HUB_URL", url);

    assertThatThrownBy(() -> ModelSource.fromEnvironment(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("MODEL_HUB_URL=" + url + " is not");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"../onnx", "/onnx", "onnx/", "a//b", ".hidden", "onnx/..", "on nx", "a\\b", "~"})
  void fromEnvironment_unsafeSubfolder_namesIt(String subfolder) {
    Map<String, String> env =
        Map.of("MODEL_REPO", "acme/x", "MODEL_REVISION", REVISION, "MODEL_SUBFOLDER", subfolder);

    assertThatThrownBy(() -> ModelSource.fromEnvironment(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("MODEL_SUBFOLDER=" + subfolder + " is not a relative path");
  }

  @Test
  void fromEnvironment_tokenThatCannotBeAHeader_isRefusedWithoutRepeatingIt() {
    Map<String, String> env = Map.of("HF_TOKEN", "hf_abc\ndef");

    assertThatThrownBy(() -> ModelSource.fromEnvironment(env))
        .isInstanceOf(ConfigException.class)
        .hasMessage("HF_TOKEN has characters an HTTP header cannot carry");
  }

  @Test
  void fromEnvironment_noCacheDirAndNoHome_isRefused() {
    Map<String, String> env = Map.of("MODEL_REPO", "acme/x", "MODEL_REVISION", REVISION);

    assertThatThrownBy(() -> ModelSource.fromEnvironment(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("MODEL_CACHE_DIR is not set");
  }

  @Test
  void toString_namesTheRepositoryButNeverTheToken() {
    Map<String, String> env =
        Map.of(
            "MODEL_REPO", "acme/x", "MODEL_REVISION", REVISION, "HOME", "/h", "HF_TOKEN", "hf_abc");

    assertThat(ModelSource.fromEnvironment(env).toString())
        .isEqualTo(
            "MODEL_REPO=acme/x MODEL_REVISION="
                + REVISION
                + " MODEL_HUB_URL=https://huggingface.co")
        .doesNotContain("hf_abc");
  }

  @Test
  void resolve_repo_downloadsIntoTheXdgCacheAndSendsTheToken() throws IOException {
    Map<String, String> env = hubEnvironment();
    env.put("XDG_CACHE_HOME", dir.resolve("xdg").toString());
    env.put("HF_TOKEN", "hf_from_environment");

    try (FakeHub hub = startHub(env)) {
      ModelSource source = ModelSource.fromEnvironment(env);

      assertThat(source.resolve())
          .hasValueSatisfying(
              files ->
                  assertThat(files.dir())
                      .isEqualTo(cacheFolder(dir.resolve("xdg/compression-origin/models"))));
      assertThat(hub.requests())
          .filteredOn(request -> request.server().equals("hub"))
          .isNotEmpty()
          .allSatisfy(
              request ->
                  assertThat(request.authorization()).contains("Bearer hf_from_environment"));
    }
  }

  @Test
  void resolve_repoWithoutXdgCacheHome_usesHomeDotCache() throws IOException {
    Map<String, String> env = hubEnvironment();

    try (FakeHub _ = startHub(env)) {
      assertThat(ModelSource.fromEnvironment(env).resolve().orElseThrow().dir())
          .isEqualTo(cacheFolder(dir.resolve("home/.cache/compression-origin/models")));
    }
  }

  @Test
  void resolve_relativeXdgCacheHome_isIgnoredAsTheSpecificationSays() throws IOException {
    Map<String, String> env = hubEnvironment();
    env.put("XDG_CACHE_HOME", "relative/cache");

    try (FakeHub _ = startHub(env)) {
      assertThat(ModelSource.fromEnvironment(env).resolve().orElseThrow().dir())
          .isEqualTo(cacheFolder(dir.resolve("home/.cache/compression-origin/models")));
    }
  }

  @Test
  void resolve_explicitCacheDirAndTrailingSlashOnTheHub_areUsedAsGiven() throws IOException {
    Map<String, String> env = hubEnvironment();
    env.put("XDG_CACHE_HOME", dir.resolve("xdg").toString());
    env.put("MODEL_CACHE_DIR", dir.resolve("models").toString());

    try (FakeHub hub = startHub(env)) {
      env.put("MODEL_HUB_URL", hub.url() + "/");

      assertThat(ModelSource.fromEnvironment(env).resolve().orElseThrow().dir())
          .isEqualTo(cacheFolder(dir.resolve("models")));
    }
  }

  /** A repository, revision and subfolder the fake hub serves, and a home folder. */
  private Map<String, String> hubEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("MODEL_REPO", FakeHub.REPO);
    env.put("MODEL_REVISION", REVISION);
    env.put("MODEL_SUBFOLDER", "onnx");
    env.put("HOME", dir.resolve("home").toString());
    return env;
  }

  private FakeHub startHub(Map<String, String> env) throws IOException {
    Path repo = Files.createDirectories(dir.resolve("repo"));
    FakeHub.writeRepository(repo);
    FakeHub hub = FakeHub.serve(repo);
    env.put("MODEL_HUB_URL", hub.url().toString());
    return hub;
  }

  private static Path cacheFolder(Path cache) {
    return cache.resolve("acme--tiny-lingua").resolve(REVISION).resolve("onnx");
  }

  private static void writeLayout(Path folder) throws IOException {
    Files.write(folder.resolve("model.onnx"), new byte[] {8, 1});
    Files.writeString(folder.resolve("tokenizer.json"), "{\"version\": \"1.0\"}");
    Files.writeString(folder.resolve("config.json"), "{\"model_type\": \"xlm-roberta\"}");
  }
}
