package com.usagetap.compression.lingua;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplacementTest {
  private static Map<String, String> mapping(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  @Test
  void replacesEveryOccurrenceAndTracesEachCharacterBack() {
    Replacement r = Replacement.of("a\nb\nc", mapping("\n", "[NEW0]"));
    assertThat(r.text()).isEqualTo("a[NEW0]b[NEW0]c");
    assertThat(r.originStart(0)).isZero();
    // Every character of the first added token stands for the first newline.
    for (int i = 1; i <= 6; i++) {
      assertThat(r.originStart(i)).isEqualTo(1);
      assertThat(r.originEnd(i)).isEqualTo(2);
    }
    assertThat(r.originStart(7)).isEqualTo(2);
    assertThat(r.originStart(14)).isEqualTo(4);
  }

  @Test
  void laterForceTokensMatchInsideEarlierReplacements() {
    // Python: "x ab y".replace("ab", "[NEW0]").replace("NEW", "[NEW1]")
    Replacement r = Replacement.of("x ab y", mapping("ab", "[NEW0]", "NEW", "[NEW1]"));
    assertThat(r.text()).isEqualTo("x [[NEW1]0] y");
    assertThat(r.originStart(3)).isEqualTo(2);
    assertThat(r.originEnd(3)).isEqualTo(4);
  }

  @Test
  void anEmptyForceTokenIsInsertedAroundEveryCharacterAsPythonDoes() {
    Replacement r = Replacement.of("ab", mapping("", "|"));
    assertThat(r.text()).isEqualTo("|a|b|");
    assertThat(r.originStart(1)).isZero();
    assertThat(r.originStart(3)).isEqualTo(1);
    assertThat(r.originStart(4)).isEqualTo(2);
  }

  @Test
  void noMatchLeavesTheTextAsItIs() {
    Replacement r = Replacement.of("plain", mapping("zz", "[NEW0]"));
    assertThat(r.text()).isEqualTo("plain");
    assertThat(r.originEnd(4)).isEqualTo(5);
  }
}
