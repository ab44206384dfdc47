package com.usagetap.compression.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The edge counts tokens with pieces cut by this JDK's Unicode categories, written to {@code
 * edge/src/unicode-categories.ts} by {@link EdgeUnicodeTable}. A JDK with another Unicode version
 * changes the origin's counts; this test fails until the table is written again.
 */
class EdgeUnicodeCategoriesTest {
  @Test
  void edgeTable_isThisJdksCategories() throws IOException {
    assertThat(Files.readString(EdgeUnicodeTable.TARGET))
        .as("%s; run EdgeUnicodeTable.java again", EdgeUnicodeTable.TARGET)
        .isEqualTo(EdgeUnicodeTable.render());
  }

  @Test
  void classes_separateLettersMarksNumbersAndTheRest() {
    assertThat(EdgeUnicodeTable.classOf('A')).isEqualTo('U');
    assertThat(EdgeUnicodeTable.classOf('a')).isEqualTo('L');
    assertThat(EdgeUnicodeTable.classOf('\u01C5')).isEqualTo('T');
    assertThat(EdgeUnicodeTable.classOf('\u02B0')).isEqualTo('M');
    assertThat(EdgeUnicodeTable.classOf('\u4E2D')).isEqualTo('O');
    assertThat(EdgeUnicodeTable.classOf('\u0301')).isEqualTo('K');
    assertThat(EdgeUnicodeTable.classOf('7')).isEqualTo('N');
    assertThat(EdgeUnicodeTable.classOf('\u2167')).isEqualTo('N');
    assertThat(EdgeUnicodeTable.classOf(' ')).isEqualTo('X');
    assertThat(EdgeUnicodeTable.classOf(0x1F600)).isEqualTo('X');
  }
}
