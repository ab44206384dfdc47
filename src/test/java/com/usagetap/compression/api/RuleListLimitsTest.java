package com.usagetap.compression.api;

import static com.usagetap.compression.testing.Envelopes.assertError;
import static com.usagetap.compression.testing.Envelopes.detailFields;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.usagetap.compression.testing.Json;
import com.usagetap.compression.testing.LiveServer;
import com.usagetap.compression.testing.Reply;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The limits on the string lists that steer compression, which bound the work of matching them: 200
 * items per list, 200 characters (code points) per item, 32 words per drop phrase. Beyond a limit
 * the request is refused with 422 naming the list or the item; at the limit it is served.
 */
class RuleListLimitsTest {
  @RegisterExtension static final LiveServer SERVER = LiveServer.withDefaults();

  private static final String EMOJI = "\uD83D\uDE00";

  /** Every list, by route and the path of the field that holds it. */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "/compress, compression_settings.force_tokens",
    "/compress, tenant_profile.force_keep_tokens",
    "/compress, tenant_profile.force_drop_phrases",
    "/v1/compress, force_tokens",
    "/v1/compress, tenant_profile.force_drop_phrases",
    "/v1/messages/compress, compression_settings.force_tokens",
  })
  void list_overTwoHundredItems_is422NamingTheList(String route, String field) {
    Reply over = post(route, field, numbered("w", 201));
    Reply at = post(route, field, numbered("w", 200));

    assertThat(detailFields(assertError(over, 422, "invalid_request"))).containsExactly(field);
    assertThat(at.status()).as("%s", at).isEqualTo(200);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "/compress, compression_settings.force_tokens",
    "/compress, tenant_profile.force_keep_tokens",
    "/compress, tenant_profile.force_drop_phrases",
    "/v1/compress, force_tokens",
  })
  void item_overTwoHundredCharacters_is422NamingTheItem(String route, String field) {
    Reply over = post(route, field, List.of("ok", "x".repeat(201)));

    assertThat(detailFields(assertError(over, 422, "invalid_request")))
        .containsExactly(field + "[1]");
  }

  @Test
  void item_twoHundredEmoji_isTwoHundredCharactersNotFourHundred() {
    String emoji = EMOJI.repeat(200);

    Reply keep = post("/compress", "tenant_profile.force_keep_tokens", List.of(emoji));
    Reply lingua = post("/v1/compress", "force_tokens", List.of(emoji + "!"));

    assertThat(keep.status()).as("%s", keep).isEqualTo(200);
    assertThat(detailFields(assertError(lingua, 422, "invalid_request")))
        .containsExactly("force_tokens[0]");
  }

  @Test
  void dropPhrase_overThirtyTwoWords_is422NamingThePhrase() {
    String field = "tenant_profile.force_drop_phrases";
    String spaced = String.join(" ", Collections.nCopies(33, "w"));
    String unspaced = "字".repeat(33);

    Reply over = post("/compress", field, List.of("please note", spaced, unspaced));
    Reply at = post("/compress", field, List.of(spaced.substring(2), unspaced.substring(1)));

    assertThat(detailFields(assertError(over, 422, "invalid_request")))
        .containsExactly(field + "[1]", field + "[2]");
    assertThat(at.status()).as("%s", at).isEqualTo(200);
  }

  private static Reply post(String route, String field, List<String> items) {
    ObjectNode request = Json.object();
    if (route.equals("/v1/compress")) {
      request.put("context", "Please note the alpha report is late.");
    } else if (route.equals("/compress")) {
      request.put("text", "Please note the alpha report is late.");
    } else {
      request
          .putArray("messages")
          .addObject()
          .put("role", "user")
          .put("content", "Please note the alpha report is late.");
    }
    ObjectNode parent = request;
    String[] path = field.split("\\.", -1);
    for (int i = 0; i < path.length - 1; i++) {
      parent = parent.putObject(path[i]);
    }
    ArrayNode list = parent.putArray(path[path.length - 1]);
    items.forEach(list::add);
    return SERVER.post(route, Json.write(request));
  }

  private static List<String> numbered(String prefix, int count) {
    List<String> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      items.add(prefix + i);
    }
    return items;
  }
}
