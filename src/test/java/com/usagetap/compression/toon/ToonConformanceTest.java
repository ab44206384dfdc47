package com.usagetap.compression.toon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.usagetap.compression.toon.ToonFixtures.Case;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The specification's encode fixtures, one test per case: the encoder's text must equal the
 * expected text exactly, and a case marked {@code shouldError} must be refused.
 */
class ToonConformanceTest {
  private static final int FIXTURE_CASES = 173;

  @TestFactory
  Stream<DynamicTest> encode_everyFixtureCase_producesTheExpectedText() {
    ToonFixtures.assumePresent();
    return ToonFixtures.encodeCases().stream()
        .map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
  }

  @Test
  void fixtures_holdEveryEncodeCaseOfTheSpecification() {
    ToonFixtures.assumePresent();
    List<Case> cases = ToonFixtures.encodeCases();

    assertThat(cases).hasSize(FIXTURE_CASES);
  }

  private static void check(Case c) {
    if (c.error()) {
      assertThatThrownBy(() -> ToonEncoder.encode(c.input(), c.options()))
          .isInstanceOf(IllegalArgumentException.class)
          .message()
          .isNotBlank();
      return;
    }
    assertThat(ToonEncoder.encode(c.input(), c.options())).isEqualTo(c.expected());
  }
}
