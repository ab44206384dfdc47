package com.usagetap.compression.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The edge counts tokens with pieces cut by this JDK's Unicode categories, which
 * scripts/UnicodeCategories.java writes to edge/src/unicode-categories.ts. A JDK with another
 * Unicode version changes the origin's counts; this test fails until the table is written again.
 */
class EdgeUnicodeCategoriesTest {
  private static final Path TABLE = Path.of("edge", "src", "unicode-categories.ts");

  /** The generator's classes: letter cases, marks, numbers, anything else. */
  private static char classOf(int codePoint) {
    return switch (Character.getType(codePoint)) {
      case Character.UPPERCASE_LETTER -> 'U';
      case Character.LOWERCASE_LETTER -> 'L';
      case Character.TITLECASE_LETTER -> 'T';
      case Character.MODIFIER_LETTER -> 'M';
      case Character.OTHER_LETTER -> 'O';
      case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK ->
          'K';
      case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> 'N';
      default -> 'X';
    };
  }

  @Test
  void edgeTable_isThisJdksCategories() throws IOException {
    StringBuilder runs = new StringBuilder();
    Matcher quoted = Pattern.compile("\"([A-Z0-9a-z]*)\"").matcher(Files.readString(TABLE));
    while (quoted.find()) {
      runs.append(quoted.group(1));
    }

    int codePoint = 0;
    Matcher run = Pattern.compile("([A-Z])([0-9a-z]+)").matcher(runs);
    while (run.find()) {
      int length = Integer.parseInt(run.group(2), 36);
      for (int end = codePoint + length; codePoint < end; codePoint++) {
        assertThat(classOf(codePoint))
            .as("U+%04X in %s; run scripts/UnicodeCategories.java again", codePoint, TABLE)
            .isEqualTo(run.group(1).charAt(0));
      }
    }
    assertThat(codePoint).isEqualTo(Character.MAX_CODE_POINT + 1);
  }
}
