import java.util.Random;

/**
 * Deterministic English-like prose: sentences of words from a fixed vocabulary, with commas,
 * numbers, question marks and paragraph breaks. Every size is a prefix of the same stream.
 */
final class ProseGenerator {
  static final long SEED = 20_250_101L;
  private static final String[] WORDS =
      ("the of and to in a is that for it as was with be by on not he this are or his from at"
              + " which but have an they you were her she there been one all we their has would"
              + " when if so no will more can about said what out up other into time only new"
              + " some could these two may first then do any like my now over such our man me"
              + " even most made after also did many before must through back years where much"
              + " your way well down should because each just those people how too little state"
              + " good very make world still own see men work long get here between both life"
              + " being under never day same another know while last might us great old year off"
              + " come since against go came right used take three states himself few house use"
              + " during without again place american around however home small found thought"
              + " went say part once general high upon school every does got united left number"
              + " course war until always away something fact though water less public put think"
              + " almost hand enough far took head yet government system better set told nothing"
              + " night end why called did eyes find going look asked later knew point next city"
              + " business give group toward young let room president side social given present"
              + " several order national possible rather second face per among form important"
              + " often things looked early white case john become large big need four within"
              + " felt along children saw best church ever least power development light thing"
              + " seemed family interest want members mind country area others done turned help"
              + " report budget meeting council request service customer account policy model"
              + " prompt token context answer question example document section review summary")
          .split(" ");
  private static final String[] UNITS = {"percent", "dollars", "minutes", "items", "days"};

  private final Random random = new Random(SEED);
  private final StringBuilder out;

  private ProseGenerator(int capacity) {
    out = new StringBuilder(capacity + 256);
  }

  /** About {@code chars} characters, ending at a sentence boundary. */
  static String generate(int chars) {
    ProseGenerator generator = new ProseGenerator(chars);
    while (generator.out.length() < chars) {
      generator.paragraph();
    }
    return generator.trimTo(chars);
  }

  private void paragraph() {
    int sentences = 3 + random.nextInt(5);
    for (int i = 0; i < sentences; i++) {
      sentence();
      out.append(i + 1 < sentences ? " " : "\n\n");
    }
  }

  private void sentence() {
    int words = 6 + random.nextInt(14);
    for (int i = 0; i < words; i++) {
      if (i > 0) {
        out.append(random.nextInt(9) == 0 ? ", " : " ");
      }
      String word = random.nextInt(14) == 0 ? number() : WORDS[random.nextInt(WORDS.length)];
      out.append(i == 0 ? capitalize(word) : word);
    }
    int end = random.nextInt(10);
    out.append(end == 0 ? '?' : end == 1 ? '!' : '.');
  }

  private String number() {
    return switch (random.nextInt(4)) {
      case 0 -> Integer.toString(1 + random.nextInt(99));
      case 1 -> Integer.toString(1900 + random.nextInt(130));
      case 2 -> (1 + random.nextInt(999)) + "." + random.nextInt(100) + " " + unit();
      default -> (1 + random.nextInt(99)) + " " + unit();
    };
  }

  private String unit() {
    return UNITS[random.nextInt(UNITS.length)];
  }

  private static String capitalize(String word) {
    return Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  private String trimTo(int chars) {
    int cut = chars;
    while (cut < out.length() && ".?!".indexOf(out.charAt(cut - 1)) < 0) {
      cut++;
    }
    return out.substring(0, Math.min(cut, out.length())).strip();
  }
}
