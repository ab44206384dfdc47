package com.usagetap.compression.lingua;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.usagetap.compression.config.InferenceSettings;
import com.usagetap.compression.contract.Contract;
import com.usagetap.compression.structure.ProtectedNames;
import com.usagetap.compression.structure.Segmenter;
import com.usagetap.compression.testing.LiveServer;
import com.usagetap.compression.testing.Reply;
import com.usagetap.compression.testing.Scrape;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The public API over HTTP with the word-piece tiny model loaded through {@code MODEL_DIR}. */
class ModelRoutesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final LiveServer SERVER =
      TinyModels.serving(
          TinyModels.WORDPIECE,
          new InferenceSettings(2, 8, Duration.ofSeconds(10), Duration.ofSeconds(60), 8));

  @Test
  void modelBackedAnswersKeepToTheContract() {
    Contract contract = Contract.fromJson(SERVER.get("/openapi.json").json());
    assertThat(contract.checkResponse("GET", "/health", 200, SERVER.get("/health").json()))
        .isEmpty();
    ObjectNode lingua = JSON.createObjectNode();
    lingua.putArray("context").add("First passage about solar panels.").add("Second one, wind.");
    Reply v1 = SERVER.post("/v1/compress", lingua.toString());
    assertThat(contract.checkResponse("POST", "/v1/compress", 200, v1.json())).isEmpty();
    Reply own =
        SERVER.post("/compress", "{\"text\": \"The committee approved the budget on Tuesday.\"}");
    assertThat(contract.checkResponse("POST", "/compress", 200, own.json())).isEmpty();
    Reply chat =
        SERVER.post(
            "/v1/messages/compress",
            "{\"messages\": [{\"role\": \"user\", \"content\": \"Please summarise the"
                + " committee minutes from Tuesday in three lines.\"}]}");
    assertThat(chat.status()).as(chat.text()).isEqualTo(200);
    assertThat(contract.checkResponse("POST", "/v1/messages/compress", 200, chat.json())).isEmpty();
  }

  @Test
  void modelRequests_recordInferenceBatchTimesInSeconds() {
    Reply own =
        SERVER.post("/compress", "{\"text\": \"The committee approved the budget on Tuesday.\"}");
    assertThat(own.status()).as(own.text()).isEqualTo(200);

    Scrape scrape = Scrape.of(SERVER.get("/metrics").text());

    assertThat(scrape.value("origin_inference_batch_seconds_count")).isGreaterThanOrEqualTo(1);
    assertThat(scrape.value("origin_inference_batch_seconds_sum")).isPositive().isLessThan(60);
  }

  /**
   * Whether a golden case's context holds code, markup or other structure, which this route keeps
   * verbatim where the reference would compress it.
   */
  private static boolean hasStructure(JsonNode context) {
    List<String> texts = new ArrayList<>();
    if (context.isTextual()) {
      texts.add(context.asText());
    } else {
      context.forEach(item -> texts.add(item.asText()));
    }
    ProtectedNames names = ProtectedNames.withExtra(List.of());
    return texts.stream().anyMatch(t -> !Segmenter.segment(t, names).isAllProse());
  }

  @Test
  void structureIsKeptVerbatimWithTheModel() {
    String code = "```js\nconst   total = items.reduce((a, b) => a + b, 0);\n```";
    String prose =
        "The committee met on Tuesday and approved the budget for the new library after a long"
            + " discussion about costs, staffing and the opening hours on weekends.";
    String text = prose + "\n" + code + "\n" + prose;

    JsonNode own =
        SERVER.post("/compress", JSON.createObjectNode().put("text", text).toString()).json();
    JsonNode v1 =
        SERVER.post("/v1/compress", JSON.createObjectNode().put("context", text).toString()).json();

    assertThat(own.get("compressed_text").asText()).contains(code);
    assertThat(own.get("compressed_tokens").asInt()).isLessThan(own.get("original_tokens").asInt());
    assertThat(v1.get("compressed_prompt").asText()).contains(code);
  }

  @Test
  void healthNamesTheLoadedModel() {
    JsonNode health = SERVER.get("/health").json();
    assertThat(health.get("compressor").asText()).isEqualTo("llmlingua-2@" + TinyModels.WORDPIECE);
    assertThat(health.at("/model/name").asText()).isEqualTo(TinyModels.WORDPIECE);
    assertThat(health.at("/model/tokenizer").asText()).isEqualTo("wordpiece");
    assertThat(health.at("/model/inference_threads").asInt()).isEqualTo(2);
  }

  @Test
  void v1CompressAnswersWhatTheReferenceReturns() throws IOException {
    int compared = 0;
    for (JsonNode c : ReferenceParityTest.read(TinyModels.WORDPIECE)) {
      JsonNode input = c.get("input");
      if (c.has("error")
          || input.path("rate").asDouble(0.5) <= 0
          || compared >= 40
          || hasStructure(input.get("context"))) {
        continue;
      }
      ObjectNode body = JSON.createObjectNode();
      body.set("context", input.get("context"));
      body.put("rate", input.path("rate").asDouble(0.5));
      body.put("target_token", input.path("target_token").asLong(-1));
      body.set("force_tokens", input.path("force_tokens"));
      body.put("force_reserve_digit", input.path("force_reserve_digit").asBoolean(false));
      body.put("drop_consecutive", input.path("drop_consecutive").asBoolean(false));
      body.put("use_context_level_filter", input.path("use_context_level_filter").asBoolean(true));
      Reply reply = SERVER.post("/v1/compress", body.toString());
      assertThat(reply.status()).as(c.get("id").asText()).isEqualTo(200);
      JsonNode got = reply.json();
      JsonNode expected = c.get("result");
      for (String field :
          List.of(
              "compressed_prompt",
              "compressed_prompt_list",
              "origin_tokens",
              "compressed_tokens",
              "ratio",
              "rate",
              "saving")) {
        assertThat(got.get(field).toString())
            .as(c.get("id").asText() + " " + field)
            .isEqualTo(expected.get(field).toString());
      }
      compared++;
    }
    assertThat(compared).isEqualTo(40);
  }

  @Test
  void compressKeepsTheOriginalCharactersAndReportsTheModel() {
    String text =
        "The committee met on Tuesday.\n\nIt approved 3 items:\n- the budget of $1,020\n"
            + "- a donation 𓂀 to the library\nand it adjourned at 9 pm.";
    ObjectNode body = JSON.createObjectNode().put("text", text).put("aggressiveness", 0.5);
    JsonNode got = SERVER.post("/compress", body.toString()).json();
    String compressed = got.get("compressed_text").asText();
    assertThat(compressed.length()).isLessThan(text.length());
    // The hieroglyph is outside the tiny vocabulary: the model never sees it, so it is kept.
    assertThat(compressed).contains("\n").contains("𓂀");
    assertThat(got.get("compressor").asText()).isEqualTo("llmlingua-2@" + TinyModels.WORDPIECE);
  }

  @Test
  void aTextTheThresholdWouldEmptyComesBackWhole() {
    // A lone word is never above its own chunk's percentile: the reference drops it.
    ObjectNode lingua = JSON.createObjectNode().put("context", "Summarize").put("rate", 0.9);
    assertThat(
            SERVER.post("/v1/compress", lingua.toString()).json().get("compressed_prompt").asText())
        .isEmpty();
    ObjectNode own = JSON.createObjectNode().put("text", "Summarize").put("aggressiveness", 0.1);
    JsonNode got = SERVER.post("/compress", own.toString()).json();
    assertThat(got.get("compressed_text").asText()).isEqualTo("Summarize");
  }

  @Test
  void invisibleSeparatorsAreNeverAllThatIsLeft() {
    for (String text : List.of("\u00a0word", "word\u00a0", "\u200bword", "\u2060word\u00a0")) {
      ObjectNode own = JSON.createObjectNode().put("text", text).put("aggressiveness", 0.5);
      String compressed =
          SERVER.post("/compress", own.toString()).json().get("compressed_text").asText();
      assertThat(compressed).as(JSON.valueToTree(text).toString()).contains("word");
    }
  }

  @Test
  void moreThanAHundredForceTokensAreRefusedWithTheModel() {
    ArrayNode tokens = JSON.createArrayNode();
    for (int i = 0; i < 101; i++) {
      tokens.add("t" + i);
    }
    ObjectNode lingua = JSON.createObjectNode().put("context", "some text");
    lingua.set("force_tokens", tokens);
    Reply v1 = SERVER.post("/v1/compress", lingua.toString());
    assertThat(v1.status()).isEqualTo(422);
    assertThat(v1.json().at("/details/0/field").asText()).isEqualTo("force_tokens");

    ObjectNode compress = JSON.createObjectNode().put("text", "some text");
    compress.putObject("compression_settings").set("force_tokens", tokens);
    Reply own = SERVER.post("/compress", compress.toString());
    assertThat(own.status()).isEqualTo(422);
  }

  @Test
  void unusualForceTokensNeverBreakTheRequest() {
    List<String> strange = new ArrayList<>(List.of(" ", "[NEW0]", "[CLS]", "##", "▁", "\n\n"));
    ObjectNode body =
        JSON.createObjectNode().put("context", "Alpha [NEW0] beta ## gamma.\n\nDelta");
    ArrayNode tokens = body.putArray("force_tokens");
    strange.forEach(tokens::add);
    Reply reply = SERVER.post("/v1/compress", body.toString());
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);

    ObjectNode own = JSON.createObjectNode().put("text", "Alpha [NEW0] beta ## gamma.\n\nDelta");
    ArrayNode ownTokens = own.putObject("compression_settings").putArray("force_tokens");
    strange.forEach(ownTokens::add);
    Reply compressed = SERVER.post("/compress", own.toString());
    assertThat(compressed.status()).as(compressed.text()).isEqualTo(200);
  }
}
