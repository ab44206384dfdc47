package com.usagetap.compression.compress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatternAutomatonTest {

  /** The longest match after each character of {@code text}, as the automaton reports it. */
  private static List<Integer> longestMatches(List<String> patterns, String text) {
    List<int[]> symbols = new ArrayList<>();
    patterns.forEach(p -> symbols.add(p.chars().toArray()));
    PatternAutomaton automaton = PatternAutomaton.of(symbols);
    List<Integer> lengths = new ArrayList<>();
    int state = PatternAutomaton.START;
    for (int i = 0; i < text.length(); i++) {
      state = automaton.next(state, text.charAt(i));
      lengths.add(automaton.longestMatch(state));
    }
    return lengths;
  }

  @Test
  void longestMatch_classicExample_followsFailureLinksIntoOtherPatterns() {
    // Aho and Corasick's own example: "she" ends at the e, "hers" at the final s.
    assertThat(longestMatches(List.of("he", "she", "his", "hers"), "ushers"))
        .containsExactly(0, 0, 0, 3, 0, 4);
  }

  @Test
  void longestMatch_patternsInsideEachOther_reportsTheLongest() {
    assertThat(longestMatches(List.of("a", "aa", "aaa"), "aaaa")).containsExactly(1, 2, 3, 3);
  }

  @Test
  void of_emptyAndRepeatedPatterns_areIgnored() {
    assertThat(PatternAutomaton.of(List.of(new int[0])).isEmpty()).isTrue();
    assertThat(longestMatches(List.of("", "ab", "ab"), "abab")).containsExactly(0, 2, 0, 2);
  }
}
