package com.usagetap.compression.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdsTest {
  private static final UUID FIXED = UUID.fromString("00000000-0000-4000-8000-000000000001");

  @ParameterizedTest
  @ValueSource(strings = {"a", "req-123", "!~{}[]:;\"'", "01HZX3Q8K1V0S6P7"})
  void isSane_visibleAscii_isSane(String id) {
    assertThat(RequestIds.isSane(id)).isTrue();
  }

  @Test
  void isSane_lengthAtTheLimit_isSaneAndOneMoreIsNot() {
    assertThat(RequestIds.isSane("x".repeat(128))).isTrue();
    assertThat(RequestIds.isSane("x".repeat(129))).isFalse();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"has space", "tab\there", "line\nbreak", "café", "id\u007F", "😀"})
  void isSane_emptyControlSpaceOrNonAscii_isNotSane(String id) {
    assertThat(RequestIds.isSane(id)).isFalse();
  }

  @Test
  void choose_saneClientId_isEchoedWithoutDrawingAUuid() {
    AtomicInteger drawn = new AtomicInteger();
    RequestIds ids =
        new RequestIds(
            () -> {
              drawn.incrementAndGet();
              return FIXED;
            });

    assertThat(ids.choose("client-42")).isEqualTo("client-42");
    assertThat(drawn).hasValue(0);
  }

  @Test
  void choose_missingOrInsaneClientId_isTheSuppliedUuid() {
    RequestIds ids = new RequestIds(() -> FIXED);

    assertThat(ids.choose(null)).isEqualTo(FIXED.toString());
    assertThat(ids.choose("")).isEqualTo(FIXED.toString());
    assertThat(ids.choose("x".repeat(129))).isEqualTo(FIXED.toString());
    assertThat(ids.choose("bad id")).isEqualTo(FIXED.toString());
  }

  @Test
  void random_twoRequestsWithoutId_getDistinctUuids() {
    RequestIds ids = RequestIds.random();

    String first = ids.choose(null);
    String second = ids.choose(null);

    assertThat(UUID.fromString(first)).isNotEqualTo(UUID.fromString(second));
  }
}
