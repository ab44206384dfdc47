package com.usagetap.compression.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.usagetap.compression.testing.Json;
import com.usagetap.compression.testing.JsonSpans;
import com.usagetap.compression.testing.LiveServer;
import com.usagetap.compression.testing.Reply;
import com.usagetap.compression.testing.Texts;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /v1/messages/compress}: only user text changes. Everything else comes back as it was
 * sent, compared as JSON trees and as bytes: each message below is written in the compact form the
 * service writes, with keys in an unusual order and numbers that a lossy parser would rewrite.
 */
class MessagesRouteTest {
  @RegisterExtension static final LiveServer SERVER = LiveServer.withDefaults();

  static final String LONG =
      "Please read the following notes very carefully and then tell me, in a short and simple"
          + " way, which of the three proposed options for the new office layout would be the"
          + " most practical one for a small team that often works remotely on most days.";

  static final List<String> OPENAI =
      List.of(
          j(
              "{'content':'You are a careful assistant. Reply in English.','role':'system',"
                  + "'name':'policy','x_meta':{'weight':1.50,'id':12345678901234567890}}"),
          j(
              "{'role':'developer','content':[{'type':'text','text':'Prefer bullet lists.',"
                  + "'cache_control':{'type':'ephemeral'}}]}"),
          j("{'role':'user','name':'alice','content':'" + LONG + "'}"),
          j(
              "{'role':'user','content':[{'cache_control':{'type':'ephemeral','ttl':'5m'},"
                  + "'type':'text','text':'"
                  + LONG
                  + "'},{'type':'image_url','image_url':{"
                  + "'url':'https://example.com/a.png','detail':'high'}},{'type':'input_audio',"
                  + "'input_audio':{'data':'UklGRg==','format':'wav'}},{'type':'file','file':{"
                  + "'file_id':'file-1'}},{'type':'x_note','text':7}]}"),
          j(
              "{'role':'assistant','content':null,'tool_calls':[{'id':'call_1','type':'function',"
                  + "'function':{'name':'lookup','arguments':'{\\'city\\':\\'Paris\\',"
                  + "\\'days\\':3}'}}],'refusal':null}"),
          j("{'role':'tool','tool_call_id':'call_1','content':'{\\'temp_c\\':12.50}'}"),
          j(
              "{'role':'assistant','content':'Caf\u00e9 \u2615 \uD83D\uDE00: cool and wet in "
                  + "Paris for the next three days, so please pack a coat and an umbrella.'}"),
          j("{'role':'user','content':'Thanks.'}"));

  static final List<String> ANTHROPIC =
      List.of(
          j(
              "{'role':'user','content':[{'type':'text','text':'"
                  + LONG
                  + "'},{'type':'image',"
                  + "'source':{'type':'base64','media_type':'image/png','data':'iVBORw0KGgo='}}]}"),
          j(
              "{'content':[{'type':'text','text':'I will fetch the page"
                  + " first.'},{'type':'tool_use',"
                  + "'id':'toolu_01','name':'fetch_page','input':{'url':'https://example.com',"
                  + "'timeout_s':1.50,'retries':12345678901234567890}}],'role':'assistant'}"),
          j(
              "{'role':'user','content':[{'type':'tool_result','tool_use_id':'toolu_01','content':"
                  + "[{'type':'text','text':'"
                  + LONG
                  + "'}]},{'type':'text','text':'"
                  + LONG
                  + "'}]}"),
          j(
              "{'role':'user','content':[{'type':'tool_result','tool_use_id':'toolu_02',"
                  + "'content':'"
                  + LONG
                  + "','is_error':false}]}"));

  static final String TOOLS =
      j(
          "[{'type':'function','function':{'name':'lookup','parameters':{'type':'object',"
              + "'properties':{'city':{'type':'string'}}}}}]");

  @Test
  void openAiRequest_onlyUserTextChanges() {
    String request = body(OPENAI, null, ",'tools':" + TOOLS + ",'temperature':0.30");

    Reply reply = compress(request);

    assertOnlyUserTextChanged(OPENAI, reply);
  }

  @Test
  void anthropicRequest_withSystemString_onlyUserTextChanges() {
    String system = j("'You are an accessibility auditor. Report only WCAG failures.'");

    Reply reply = compress(body(ANTHROPIC, system, ""));

    assertOnlyUserTextChanged(ANTHROPIC, reply);
    assertThat(JsonSpans.field(reply.body(), "system")).isEqualTo(utf8(system));
  }

  @Test
  void anthropicRequest_withSystemBlocks_returnsTheBlocksByteForByte() {
    String system =
        j(
            "[{'type':'text','text':'You are an auditor.','cache_control':{'type':'ephemeral'}},"
                + "{'text':'Report only failures.','type':'text','citations':null}]");

    Reply reply = compress(body(ANTHROPIC, system, ""));

    assertOnlyUserTextChanged(ANTHROPIC, reply);
    assertThat(JsonSpans.field(reply.body(), "system")).isEqualTo(utf8(system));
  }

  @Test
  void tokenFigures_countTheWholeRequestLikeTokensEstimate() {
    String request = body(OPENAI, null, ",'tools':" + TOOLS);
    JsonNode reply = compress(request).json();

    ObjectNode before = (ObjectNode) Json.parse(request);
    before.remove("aggressiveness");
    ObjectNode after = before.deepCopy();
    after.set("messages", reply.get("messages"));
    ObjectNode withoutTools = before.deepCopy();
    withoutTools.remove("tools");

    assertThat(reply.get("original_tokens").intValue()).isEqualTo(estimate(before));
    assertThat(reply.get("compressed_tokens").intValue()).isEqualTo(estimate(after));
    assertThat(estimate(withoutTools)).as("tools are counted").isLessThan(estimate(before));
    assertThat(reply.get("tokens_saved").intValue())
        .isEqualTo(estimate(before) - estimate(after))
        .isPositive();
  }

  @Test
  void sameRequestTwice_givesByteIdenticalBodies() {
    String request = body(ANTHROPIC, j("'Be brief.'"), "");

    assertThat(compress(request).body()).isEqualTo(compress(request).body());
  }

  /** Checks every message against the one sent at the same index. */
  private static void assertOnlyUserTextChanged(List<String> sent, Reply reply) {
    List<byte[]> returned = JsonSpans.elements(reply.body(), "messages");
    assertThat(returned).hasSameSizeAs(sent);
    boolean changed = false;
    for (int i = 0; i < sent.size(); i++) {
      JsonNode original = Json.parse(sent.get(i));
      JsonNode back = Json.parse(returned.get(i));
      if (!original.get("role").textValue().equals("user")) {
        assertThat(back).as("message %d", i).isEqualTo(original);
        assertThat(new String(returned.get(i), StandardCharsets.UTF_8))
            .as("bytes of message %d", i)
            .isEqualTo(sent.get(i));
        continue;
      }
      changed |= assertUserMessage(i, original, back, returned.get(i));
    }
    assertThat(changed).as("some user text was compressed").isTrue();
  }

  /** A user message keeps every value but the texts, which shrink to subsequences. */
  private static boolean assertUserMessage(int i, JsonNode original, JsonNode back, byte[] bytes) {
    ObjectNode withoutContent = ((ObjectNode) original).deepCopy();
    withoutContent.remove("content");
    ObjectNode backWithoutContent = ((ObjectNode) back).deepCopy();
    backWithoutContent.remove("content");
    assertThat(backWithoutContent).as("message %d besides content", i).isEqualTo(withoutContent);

    JsonNode content = original.get("content");
    if (content.isTextual()) {
      String text = back.get("content").textValue();
      assertThat(Texts.isSubsequence(text, content.textValue())).isTrue();
      return !text.equals(content.textValue());
    }
    List<byte[]> parts = JsonSpans.elements(bytes, "content");
    assertThat(parts).hasSize(content.size());
    boolean changed = false;
    for (int p = 0; p < content.size(); p++) {
      JsonNode part = content.get(p);
      JsonNode backPart = Json.parse(parts.get(p));
      if (!part.path("type").asText().equals("text") || !part.path("text").isTextual()) {
        assertThat(parts.get(p)).as("bytes of part %d.%d", i, p).isEqualTo(Json.bytes(part));
        continue;
      }
      ObjectNode rest = ((ObjectNode) part).deepCopy();
      rest.remove("text");
      ObjectNode backRest = ((ObjectNode) backPart).deepCopy();
      backRest.remove("text");
      assertThat(backRest).as("part %d.%d besides text", i, p).isEqualTo(rest);
      String text = backPart.get("text").textValue();
      assertThat(Texts.isSubsequence(text, part.get("text").textValue())).isTrue();
      changed |= !text.equals(part.get("text").textValue());
    }
    return changed;
  }

  @Test
  void userText_thatDropPhrasesWouldEmpty_staysAsItWas() {
    String request =
        q(
            "{'aggressiveness':0.5,'tenant_profile':{'force_drop_phrases':['please reply']},"
                + "'messages':[{'role':'user','content':'Please reply.'}]}");

    Reply reply = compress(request);

    assertThat(reply.json().at("/messages/0/content").textValue()).isEqualTo("Please reply.");
    assertThat(reply.json().get("warnings").get(0).textValue()).isEqualTo("not_smaller");
  }

  private static String body(List<String> messages, String system, String extra) {
    String systemField = system == null ? "" : ",\"system\":" + system;
    return q("{'model':'gpt-4o','aggressiveness':0.9,'messages':[")
        + String.join(",", messages)
        + "]"
        + systemField
        + q(extra)
        + "}";
  }

  private static int estimate(ObjectNode request) {
    Reply reply = SERVER.post("/tokens/estimate", Json.write(request));
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    return reply.json().get("tokens").intValue();
  }

  private static Reply compress(String request) {
    Reply reply = SERVER.post("/v1/messages/compress", request);
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    return reply;
  }

  /**
   * JSON written with single quotes for readability; fails when the text is not already in the
   * compact form the service writes, so that a byte comparison with it is fair.
   */
  private static String j(String singleQuoted) {
    String json = q(singleQuoted);
    String canonical = Json.write(Json.parse(json));
    if (!canonical.equals(json)) {
      throw new AssertionError("not compact canonical JSON: " + json + "\n vs " + canonical);
    }
    return json;
  }

  /** A fragment of JSON written with single quotes. */
  private static String q(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
