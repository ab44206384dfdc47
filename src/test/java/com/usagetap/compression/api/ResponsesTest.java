package com.usagetap.compression.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResponsesTest {

  @Test
  void ratio_smallerOutput_isOriginalOverCompressed() {
    assertThat(Responses.ratio(10, 4)).isEqualTo(2.5);
    assertThat(Responses.ratio(2, 1)).isEqualTo(2.0);
  }

  @Test
  void ratio_repeatingQuotient_isRoundedToFourDecimals() {
    assertThat(Responses.ratio(10, 3)).isEqualTo(3.3333);
    assertThat(Responses.ratio(20, 3)).isEqualTo(6.6667);
  }

  @Test
  void ratio_exactHalfAtFifthDecimal_roundsUp() {
    // 40001 / 20000 = 2.00005 exactly; half-even would give 2.0.
    assertThat(Responses.ratio(40_001, 20_000)).isEqualTo(2.0001);
  }

  @Test
  void ratio_nothingRemoved_isOne() {
    assertThat(Responses.ratio(100, 100)).isEqualTo(1.0);
    assertThat(Responses.ratio(100, 120)).isEqualTo(1.0);
  }

  @Test
  void ratio_noTokens_isOne() {
    assertThat(Responses.ratio(0, 0)).isEqualTo(1.0);
  }

  @Test
  void ratio_everythingRemoved_isTheOriginalCountOverOne() {
    assertThat(Responses.ratio(5, 0)).isEqualTo(5.0);
  }

  @Test
  void putTenant_absentOrPresent_writesNullOrTheId() {
    ObjectNode none = JsonNodeFactory.instance.objectNode();
    ObjectNode acme = JsonNodeFactory.instance.objectNode();

    Responses.putTenant(none, Optional.empty());
    Responses.putTenant(acme, Optional.of("acme"));

    assertThat(none.has("tenant_id")).isTrue();
    assertThat(none.get("tenant_id").isNull()).isTrue();
    assertThat(acme.get("tenant_id").textValue()).isEqualTo("acme");
  }
}
