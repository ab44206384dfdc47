package com.usagetap.compression.model;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the hub tests share: a fresh fake repository served by a {@link FakeHub} for each test, an
 * empty cache folder, and a fetch with short timeouts and retries.
 */
abstract class FakeHubTest {
  static final HubHttp.Options FAST =
      new HubHttp.Options(Duration.ofSeconds(5), Duration.ofSeconds(5), 3, Duration.ofMillis(1));

  @TempDir Path repo;
  @TempDir Path cache;
  FakeHub hub;

  @BeforeEach
  void startHub() throws IOException {
    FakeHub.writeRepository(repo);
    hub = FakeHub.serve(repo);
  }

  @AfterEach
  void stopHub() {
    hub.close();
  }

  ModelFiles fetch(HubModel model) {
    return fetch(model, Optional.empty());
  }

  ModelFiles fetch(HubModel model, Optional<String> token) {
    try (HubHttp http = new HubHttp(FAST, token)) {
      return new HubDownloader(cache, http).fetch(model);
    }
  }
}
