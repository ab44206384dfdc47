package com.usagetap.compression.toon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.usagetap.compression.testing.Json;
import com.usagetap.compression.toon.JsonText.NumberText;
import com.usagetap.compression.toon.ReferenceEncoder.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The Java encoder against the reference package on seeded random documents: every document must
 * encode to the same bytes in both, or be refused by both with the same message. A failure names
 * the seed and the document; {@code -Dtoon.seed=N} runs another sequence and {@code
 * -Dtoon.documents=N} a longer or shorter one.
 *
 * <p>Documents are read exactly (big decimals and integers) on the Java side and by {@code
 * JSON.parse} on the reference's, which is why the generator keeps to numbers a double holds as
 * written and writes keys in JavaScript's order ({@link RandomText}, {@link JsonText}).
 */
class ToonDifferentialTest {
  private static final long DEFAULT_SEED = 20_251_203L;
  private static final int DOCUMENTS = 10_000;
  private static final int DOUBLE_DOCUMENTS = 1_000;
  private static final int SHOWN_MISMATCHES = 5;
  private static final ToonDelimiter[] DELIMITERS = ToonDelimiter.values();
  private static final int[] INDENTS = {2, 2, 2, 4, 1, 3};
  // Plain Jackson reads floating-point numbers as double nodes, unlike the exact test mapper.
  private static final JsonMapper DOUBLES = new JsonMapper();

  private record Document(long seed, String json, ToonOptions options) {}

  @Test
  void encode_randomDocuments_matchTheReferenceByteForByte() {
    Path node = ReferenceEncoder.assumeNode();
    long seed = Long.getLong("toon.seed", DEFAULT_SEED);
    int count = Integer.getInteger("toon.documents", DOCUMENTS);
    List<Document> documents = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long documentSeed = seed + i;
      String json = JsonText.write(new RandomDocuments(documentSeed).document());
      documents.add(new Document(documentSeed, json, options(documentSeed)));
    }

    List<Outcome> java = compare(node, documents, Json::parse);

    assertThat(share(java, t -> t.contains("]{"))).as("tabular headers").isGreaterThan(0.15);
    assertThat(share(java, t -> t.matches("(?s).*\\[\\d+:.?]\\{.*")))
        .as("keyed headers")
        .isGreaterThan(0.05);
    assertThat(share(java, t -> t.contains("- "))).as("list items").isGreaterThan(0.3);
    assertThat(share(java, t -> t.contains("\\"))).as("escapes").isGreaterThan(0.2);
    assertThat(share(java, t -> t.matches("(?s).*\\de[+-]\\d.*")))
        .as("exponents")
        .isGreaterThan(0.2);
  }

  @Test
  void encode_randomDoubleNodes_writeTheDigitsJavaScriptPrints() {
    Path node = ReferenceEncoder.assumeNode();
    long seed = Long.getLong("toon.seed", DEFAULT_SEED);
    List<Document> documents = new ArrayList<>(DOUBLE_DOCUMENTS);
    for (int i = 0; i < DOUBLE_DOCUMENTS; i++) {
      long documentSeed = seed + i;
      documents.add(new Document(documentSeed, doubles(documentSeed), ToonOptions.DEFAULTS));
    }

    compare(node, documents, ToonDifferentialTest::readDoubles);
  }

  @Test
  void encode_unpairedSurrogates_areRefusedByBothWithTheSameMessage() {
    Path node = ReferenceEncoder.assumeNode();
    List<Document> documents = new ArrayList<>();
    for (String json :
        List.of(
            "\"a\\ud800\"",
            "{\"k\":[\"ok\",\"\\udc00z\"]}",
            "[{\"a\":\"\\ud83d\\ude00\"},{\"a\":\"\\ude00\\ud83d\"}]")) {
      documents.add(new Document(0, json, ToonOptions.DEFAULTS));
    }

    List<Outcome> java = compare(node, documents, Json::parse);

    assertThat(java).allSatisfy(outcome -> assertThat(outcome.error()).isNotNull());
  }

  /** Encodes every document both ways and fails on any difference; returns the Java texts. */
  private static List<Outcome> compare(
      Path node, List<Document> documents, Function<String, JsonNode> read) {
    List<String> requests = new ArrayList<>(documents.size());
    for (Document document : documents) {
      requests.add(ReferenceEncoder.request(document.json(), document.options()));
    }
    List<Outcome> reference = ReferenceEncoder.encode(node, requests);

    List<Outcome> java = new ArrayList<>(documents.size());
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < documents.size(); i++) {
      Document document = documents.get(i);
      Outcome outcome = Outcome.of(read.apply(document.json()), document.options());
      java.add(outcome);
      if (!outcome.equals(reference.get(i)) && mismatches.size() < SHOWN_MISMATCHES) {
        mismatches.add(describe(document, reference.get(i), outcome));
      }
    }
    assertThat(mismatches)
        .as("documents the Java encoder writes differently from the reference")
        .isEmpty();
    return java;
  }

  private static ToonOptions options(long documentSeed) {
    SplittableRandom random = new SplittableRandom(~documentSeed);
    return new ToonOptions(
        INDENTS[random.nextInt(INDENTS.length)], DELIMITERS[random.nextInt(DELIMITERS.length)]);
  }

  /** An object holding random doubles, written as Java's round-tripping decimal of each. */
  private static String doubles(long documentSeed) {
    SplittableRandom random = new SplittableRandom(documentSeed);
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      double value =
          switch (random.nextInt(4)) {
            case 0 -> Double.longBitsToDouble(random.nextLong());
            case 1 -> Double.longBitsToDouble(random.nextLong(1L << 52)); // subnormals
            // The tiniest subnormals, where Double.toString and JavaScript pick different digits.
            case 2 -> Double.MIN_VALUE * random.nextInt(1, 200);
            default -> random.nextDouble() * Math.pow(10, random.nextInt(-8, 23));
          };
      values.add(
          Double.isFinite(value) ? new NumberText(Double.toString(value)) : JsonText.Literal.NULL);
    }
    return JsonText.write(Map.of("values", values));
  }

  private static JsonNode readDoubles(String json) {
    try {
      return DOUBLES.readTree(json);
    } catch (IOException e) {
      throw new AssertionError("generated JSON does not parse: " + json, e);
    }
  }

  private static double share(List<Outcome> outcomes, Predicate<String> test) {
    long hits = outcomes.stream().filter(o -> o.text() != null && test.test(o.text())).count();
    return (double) hits / outcomes.size();
  }

  private static String describe(Document document, Outcome reference, Outcome java) {
    return String.format(
        "document seed %d, %s%n  input: %s%n  reference: %s%n  java:      %s",
        document.seed(), document.options(), document.json(), show(reference), show(java));
  }

  private static String show(Outcome outcome) {
    return outcome.error() != null
        ? "refused: " + outcome.error()
        : Json.write(Json.mapper().getNodeFactory().textNode(outcome.text()));
  }
}
