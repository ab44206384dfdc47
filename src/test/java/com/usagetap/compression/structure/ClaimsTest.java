package com.usagetap.compression.structure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClaimsTest {
  private static Segment code(int start, int end) {
    return new Segment(SegmentKind.CODE, start, end);
  }

  private static Segment section(int start, int end) {
    return new Segment(SegmentKind.PROTECTED, start, end);
  }

  @Test
  void claim_containingAnEarlierClaim_absorbsIt() {
    Claims claims = new Claims();
    claims.claim(code(10, 20));

    Segment claimed = claims.claim(section(5, 30));

    assertThat(claimed).isEqualTo(section(5, 30));
    assertThat(claims.segments()).containsExactly(section(5, 30));
  }

  @Test
  void claim_startingInsideAnEarlierClaim_startsWhereItEnds() {
    Claims claims = new Claims();
    claims.claim(code(10, 20));

    assertThat(claims.claim(section(15, 30))).isEqualTo(section(20, 30));
    assertThat(claims.segments()).containsExactly(code(10, 20), section(20, 30));
  }

  @Test
  void claim_endingInsideAnEarlierClaim_endsWhereItStarts() {
    Claims claims = new Claims();
    claims.claim(code(10, 20));

    assertThat(claims.claim(section(0, 15))).isEqualTo(section(0, 10));
  }

  @Test
  void claim_insideAnEarlierClaim_isRefused() {
    Claims claims = new Claims();
    claims.claim(code(10, 20));

    assertThat(claims.claim(section(10, 20))).isNull();
    assertThat(claims.claim(section(12, 18))).isNull();
    assertThat(claims.segments()).containsExactly(code(10, 20));
  }

  @Test
  void lookups_answerForCoveredAndFreeRanges() {
    Claims claims = new Claims();
    claims.claim(code(10, 20));

    assertThat(claims.at(10)).isEqualTo(code(10, 20));
    assertThat(claims.at(20)).isNull();
    assertThat(claims.isFree(0, 10)).isTrue();
    assertThat(claims.isFree(0, 11)).isFalse();
    assertThat(claims.isFree(20, 40)).isTrue();
    assertThat(claims.nextStart(0)).isEqualTo(10);
    assertThat(claims.nextStart(11)).isEqualTo(-1);
  }
}
