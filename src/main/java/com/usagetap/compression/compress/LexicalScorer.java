package com.usagetap.compression.compress;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The embedded default scorer: word statistics of the text itself, no model weights.
 *
 * <p>Design. LLMLingua-2 learns which words a summary keeps; without a model, the cheapest signals
 * that point the same way are that function words carry little, rare words carry much (a word seen
 * once is more likely a name or a term than one seen fifty times), and capitalised words inside a
 * sentence are names. The score is {@code 0.1} for function words, {@code 0.25} for frequent light
 * verbs and adverbs ("make", "basically"), and {@code 0.3 + 0.45 * rarity + 0.15 * capitalised +
 * 0.05 * longer-than-two-letters + 0.05 * min(1, length / 12)} for other words (the length term
 * mostly breaks ties between words seen once, which are common), where rarity is {@code 1 / (1 +
 * ln(count))} over the text's own lower-cased words. Pure punctuation scores {@code 0.45}, so
 * sentence marks outlive filler words.
 *
 * <p>Required regardless of rate, because dropping them changes what a prompt asks: anything with a
 * digit, identifiers and markup ({@code snake_case}, {@code camelCase}, {@code a.b}, paths, URLs,
 * {@code {{vars}}}, tags, acronyms), negations, and the marker that opens a line (list bullets,
 * headings, table pipes). It cannot tell which content words are unimportant the way a trained
 * model can; production uses the LLMLingua-2 scorer.
 */
public final class LexicalScorer implements Scorer {
  public static final String ID = "lexical@1";

  private static final float FUNCTION_WORD = 0.1f;
  private static final float LIGHT_WORD = 0.25f;
  private static final float PUNCTUATION = 0.45f;

  private static final Set<String> FUNCTION_WORDS =
      wordSet(
          """
          a an the of to in on at by for with from as into onto upon about over under and or but
          so yet if then than that this these those there here it its is are was were be been
          being am do does did has have had having will would shall should can could may might
          must i me my we us our you your he him his she her they them their which who whom whose
          what also just very really quite rather such some any each both all more most other
          another own same too only well even still however therefore thus please kindly like via
          per while when where because since although though whether either again further once
          okay ok um uh so-called der die das und ist ein eine le la les et un une des du de el
          los las y que en ve bir bu için ile da
          """);

  /** Frequent verbs, adverbs and fillers: content words that rarely carry a prompt. */
  private static final Set<String> LIGHT_WORDS =
      wordSet(
          """
          get gets got make makes made making go goes going went take takes took give gives gave
          use uses used using come comes came see sees saw look looks looking want wants need
          needs needed know knows think thinks feel seem seems try tries keep keeps let lets put
          puts say says said tell tells told ask asks asked help helps work works call show shows
          find found provide provides provided include includes including explain describe ensure
          consider following follow based simply basically actually really certainly probably
          generally usually often always sometimes already currently essentially specifically
          particularly especially carefully clearly directly now today new good great best better
          able many much lot lots thing things way ways kind sort part make sure various several
          certain given available possible appropriate relevant ever
          """);

  private static final Set<String> NEGATIONS =
      wordSet(
          """
          not no never nor none nobody nothing nowhere neither cannot without nicht kein keine nie
          ne pas jamais aucun aucune nunca jamás ni ningún ninguna değil hayır yok не нет никогда
          """);

  private static final Set<Integer> CJK_FUNCTION_CHARS =
      codePoints("的了是在和也就都而及与着之其或这那个们吧呢啊吗么把被对从向于为以所のは が を に で と も へ や");

  private static final Set<Integer> CJK_NEGATIONS = codePoints("不没别未无非莫勿否無");

  @Override
  public String id() {
    return ID;
  }

  @Override
  public ScoredText score(String text) {
    Words words = WordSegmenter.segment(text);
    int n = words.size();
    String[] keys = new String[n];
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < n; i++) {
      keys[i] = key(text, words.start(i), words.end(i));
      if (!keys[i].isEmpty()) {
        counts.merge(keys[i], 1, Integer::sum);
      }
    }

    float[] scores = new float[n];
    boolean[] required = new boolean[n];
    for (int i = 0; i < n; i++) {
      int start = words.start(i);
      int end = words.end(i);
      String key = keys[i];
      if (isRequired(text, start, end, key)
          || (isMarker(text, start, end, key) && opensLine(text, start))) {
        required[i] = true;
        scores[i] = 1f;
      } else if (key.isEmpty()) {
        scores[i] = PUNCTUATION;
      } else if (isFunctionWord(key)) {
        scores[i] = FUNCTION_WORD;
      } else if (LIGHT_WORDS.contains(key)) {
        scores[i] = LIGHT_WORD;
      } else {
        scores[i] = contentScore(text, start, key, counts.get(key), isSentenceStart(text, start));
      }
    }
    requireNegatedWords(keys, scores, required);
    return new ScoredText(words, scores, required);
  }

  /**
   * The word a negation governs is kept with it: "must not delete the database" must not become
   * "not database". That is the next word, within three, that is neither punctuation nor a function
   * or light word ("do not ever share" keeps "share").
   */
  private static void requireNegatedWords(String[] keys, float[] scores, boolean[] required) {
    for (int i = 0; i < keys.length; i++) {
      if (!isNegation(keys[i])) {
        continue;
      }
      for (int j = i + 1; j < keys.length && j <= i + 3; j++) {
        if (!keys[j].isEmpty() && !isFunctionWord(keys[j]) && !LIGHT_WORDS.contains(keys[j])) {
          required[j] = true;
          scores[j] = 1f;
          break;
        }
      }
    }
  }

  private static boolean isNegation(String key) {
    return NEGATIONS.contains(key)
        || key.endsWith("n't")
        || key.endsWith("n’t")
        || (key.codePointCount(0, key.length()) == 1 && CJK_NEGATIONS.contains(key.codePointAt(0)));
  }

  private static float contentScore(
      String text, int start, String key, int count, boolean sentenceStart) {
    double rarity = 1.0 / (1.0 + Math.log(count));
    int first = text.codePointAt(start);
    double capitalised = !sentenceStart && Character.isUpperCase(first) ? 1.0 : 0.0;
    double substantial = key.length() > 2 ? 1.0 : 0.0;
    double length = Math.min(1.0, key.length() / 12.0);
    return (float) (0.3 + 0.45 * rarity + 0.15 * capitalised + 0.05 * substantial + 0.05 * length);
  }

  private static boolean isFunctionWord(String key) {
    if (key.length() == 1 || key.codePointCount(0, key.length()) == 1) {
      int cp = key.codePointAt(0);
      if (WordSegmenter.isUnspacedScript(cp)) {
        return CJK_FUNCTION_CHARS.contains(cp);
      }
    }
    return FUNCTION_WORDS.contains(key);
  }

  /** Words whose loss would change what the prompt says or breaks what it references. */
  private static boolean isRequired(String text, int start, int end, String key) {
    if (isNegation(key)) {
      return true;
    }
    int letters = 0;
    int uppers = 0;
    boolean lowerSeen = false;
    for (int i = start; i < end; ) {
      int cp = text.codePointAt(i);
      if (Character.isDigit(cp)) {
        return true;
      }
      if (isIdentifierMark(cp)) {
        return true;
      }
      if (Character.isLetter(cp)) {
        letters++;
        if (Character.isUpperCase(cp)) {
          uppers++;
          if (lowerSeen) {
            return true;
          }
        } else {
          lowerSeen = true;
        }
      } else if ((cp == '.' || cp == ':') && i > start && i + 1 < end) {
        int after = text.codePointAt(i + 1);
        if (Character.isLetterOrDigit(text.codePointBefore(i))
            && Character.isLetterOrDigit(after)) {
          return true;
        }
      }
      i += Character.charCount(cp);
    }
    return letters >= 2 && uppers == letters;
  }

  private static boolean isIdentifierMark(int cp) {
    return switch (cp) {
      case '_',
          '/',
          '\\',
          '@',
          '#',
          '$',
          '{',
          '}',
          '<',
          '>',
          '=',
          '[',
          ']',
          '|',
          '`',
          '~',
          '^',
          '%',
          '&',
          '*',
          '+' ->
          true;
      default -> false;
    };
  }

  /**
   * Pure punctuation ({@code -}, {@code ##}, {@code |}) or a one-letter list label such as {@code
   * a.} or {@code b)}: what it marks is structure when it opens a line.
   */
  private static boolean isMarker(String text, int start, int end, String key) {
    if (key.isEmpty()) {
      return true;
    }
    char last = text.charAt(end - 1);
    return end - start == 2 && key.length() == 1 && (last == '.' || last == ')');
  }

  private static boolean opensLine(String text, int start) {
    for (int i = start - 1; i >= 0; i--) {
      char c = text.charAt(i);
      if (c == '\n') {
        return true;
      }
      if (!WordSegmenter.isSpace(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isSentenceStart(String text, int start) {
    for (int i = start - 1; i >= 0; i--) {
      char c = text.charAt(i);
      if (c == '\n' || c == '.' || c == '!' || c == '?' || c == ':') {
        return true;
      }
      if (!WordSegmenter.isSpace(c)) {
        return false;
      }
    }
    return true;
  }

  /** The word lower-cased without the punctuation around it; empty for pure punctuation. */
  private static String key(String text, int start, int end) {
    int from = start;
    int to = end;
    while (from < to && !Character.isLetterOrDigit(text.codePointAt(from))) {
      from += Character.charCount(text.codePointAt(from));
    }
    while (to > from && !Character.isLetterOrDigit(text.codePointBefore(to))) {
      to -= Character.charCount(text.codePointBefore(to));
    }
    return text.substring(from, to).toLowerCase(Locale.ROOT);
  }

  private static Set<String> wordSet(String words) {
    return Set.copyOf(java.util.Arrays.asList(words.strip().split("\\s+", -1)));
  }

  private static Set<Integer> codePoints(String chars) {
    return chars
        .codePoints()
        .filter(cp -> cp != ' ')
        .boxed()
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }
}
