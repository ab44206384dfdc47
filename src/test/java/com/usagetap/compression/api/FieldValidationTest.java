package com.usagetap.compression.api;

import static com.usagetap.compression.testing.Envelopes.assertError;
import static com.usagetap.compression.testing.Envelopes.detailFields;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.usagetap.compression.testing.LiveServer;
import com.usagetap.compression.testing.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Well-formed bodies with wrong fields, types or ranges: 422 {@code invalid_request}, with the
 * offending field named by its path from the body root.
 */
class FieldValidationTest {
  @RegisterExtension static final LiveServer SERVER = LiveServer.withDefaults();

  private static final String USER = "{\"role\":\"user\",\"content\":\"hi there\"}";

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          /compress | {} | text
          /compress | {"text":null} | text
          /compress | {"text":5} | text
          /compress | {"text":["a"]} | text
          /compress | {"text":"a","aggressiveness":0.95} | aggressiveness
          /compress | {"text":"a","aggressiveness":-0.1} | aggressiveness
          /compress | {"text":"a","aggressiveness":"0.5"} | aggressiveness
          /compress | {"text":"a","aggressiveness":true} | aggressiveness
          /compress | {"text":"a","aggressiveness":1e999999} | aggressiveness
          /compress | {"text":"a","aggressiveness":0.3,"compression_settings":{"aggressiveness":0.4}} | compression_settings.aggressiveness
          /compress | {"text":"a","compression_settings":"fast"} | compression_settings
          /compress | {"text":"a","compression_settings":{"aggressiveness":0.91}} | compression_settings.aggressiveness
          /compress | {"text":"a","compression_settings":{"force_tokens":"x"}} | compression_settings.force_tokens
          /compress | {"text":"a","compression_settings":{"force_tokens":["x",3]}} | compression_settings.force_tokens[1]
          /compress | {"text":"a","compression_settings":{"force_reserve_digit":"yes"}} | compression_settings.force_reserve_digit
          /compress | {"text":"a","compression_settings":{"drop_consecutive":1}} | compression_settings.drop_consecutive
          /compress | {"text":"a","tenant_profile":"gold"} | tenant_profile
          /compress | {"text":"a","tenant_profile":[]} | tenant_profile
          /compress | {"text":"a","tenant_profile":{"force_keep_tokens":"x"}} | tenant_profile.force_keep_tokens
          /compress | {"text":"a","tenant_profile":{"force_keep_tokens":["ok",""]}} | tenant_profile.force_keep_tokens[1]
          /compress | {"text":"a","tenant_profile":{"force_drop_phrases":[{}]}} | tenant_profile.force_drop_phrases[0]
          /compress | {"text":"a","tenant_profile":{"force_drop_phrases":["  "]}} | tenant_profile.force_drop_phrases[0]
          /compress | {"text":"a","tenant_profile":{"default_aggressiveness":"0.2"}} | tenant_profile.default_aggressiveness
          /compress | {"text":"a","tenant_profile":{"default_aggressiveness":0.99}} | tenant_profile.default_aggressiveness
          /compress | {"text":"a","include_sections":"yes"} | include_sections
          /compress | {"text":"a","debug":1} | debug
          /compress | {"text":"a","model":""} | model
          /compress | {"text":"a","model":4} | model
          /compress | {"text":"a","tenant_id":7} | tenant_id
          /compress | {"text":"a","tenant_id":"has space"} | tenant_id
          /compress | {"text":"a","tenant_id":""} | tenant_id
          /v1/messages/compress | {} | messages
          /v1/messages/compress | {"messages":[]} | messages
          /v1/messages/compress | {"messages":{"role":"user"}} | messages
          /v1/messages/compress | {"messages":"hi"} | messages
          /v1/messages/compress | {"messages":[{"content":"hi"}]} | messages[0].role
          /v1/messages/compress | {"messages":[{"role":1,"content":"hi"}]} | messages[0].role
          /v1/messages/compress | {"messages":[USER,"hi"]} | messages[1]
          /v1/messages/compress | {"messages":[USER],"system":5} | system
          /v1/messages/compress | {"messages":[USER],"aggressiveness":0.95} | aggressiveness
          /v1/messages/compress | {"messages":[USER],"aggressiveness":0.2,"compression_settings":{"aggressiveness":0.3}} | compression_settings.aggressiveness
          /v1/messages/compress | {"messages":[USER],"tenant_profile":{"force_keep_tokens":[1]}} | tenant_profile.force_keep_tokens[0]
          /tokens/estimate | {} | text
          /tokens/estimate | {"text":"a","messages":[USER]} | text
          /tokens/estimate | {"text":5} | text
          /tokens/estimate | {"messages":[]} | messages
          /tokens/estimate | {"messages":[{"content":"x"}]} | messages[0].role
          /tokens/estimate | {"text":"a","model":""} | model
          /v1/compress | {} | context
          /v1/compress | {"context":5} | context
          /v1/compress | {"context":[]} | context
          /v1/compress | {"context":["a",5]} | context[1]
          /v1/compress | {"context":"a","rate":0} | rate
          /v1/compress | {"context":"a","rate":-0} | rate
          /v1/compress | {"context":"a","rate":1.5} | rate
          /v1/compress | {"context":"a","rate":"0.5"} | rate
          /v1/compress | {"context":"a","target_token":1.5} | target_token
          /v1/compress | {"context":"a","target_token":"100"} | target_token
          /v1/compress | {"context":"a","target_token":1e999999} | target_token
          /v1/compress | {"context":"a","force_tokens":"x"} | force_tokens
          /v1/compress | {"context":"a","force_reserve_digit":0} | force_reserve_digit
          /v1/compress | {"context":"a","use_context_level_filter":"no"} | use_context_level_filter
          /v1/compress | {"context":"a","tenant_profile":{"default_aggressiveness":-1}} | tenant_profile.default_aggressiveness
          """)
  void wrongField_is422NamingTheField(String route, String body, String field) {
    Reply reply = SERVER.post(route, body.replace("USER", USER));

    JsonNode error = assertError(reply, 422, "invalid_request");
    assertThat(detailFields(error)).contains(field);
  }

  @Test
  void severalWrongFields_areAllListedAtOnce() {
    Reply reply =
        SERVER.post(
            "/compress",
            "{\"text\":5,\"aggressiveness\":2,\"debug\":\"x\",\"tenant_profile\":{\"force_keep_tokens\":[1]}}");

    JsonNode error = assertError(reply, 422, "invalid_request");
    assertThat(detailFields(error))
        .containsExactlyInAnyOrder(
            "text", "aggressiveness", "debug", "tenant_profile.force_keep_tokens[0]");
  }

  @Test
  void badTenantHeader_is422NamingTheHeader() {
    Reply reply =
        SERVER.send(
            SERVER
                .request("/compress")
                .header("Content-Type", "application/json")
                .header("X-Tenant-ID", "no/slashes")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"text\":\"a\"}"))
                .build());

    assertThat(detailFields(assertError(reply, 422, "invalid_request"))).contains("X-Tenant-ID");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          equal aggressiveness twice | /compress | {"text":"a b c","aggressiveness":0.3,"compression_settings":{"aggressiveness":0.3}}
          nulls as absent | /compress | {"text":"a b c","aggressiveness":null,"model":null,"tenant_profile":null}
          unknown fields | /compress | {"text":"a b c","temperature":0.2,"stream":true,"extra":{"x":[1]}}
          boundary 0.9 | /compress | {"text":"a b c","aggressiveness":0.9}
          boundary 0 | /compress | {"text":"a b c","aggressiveness":0}
          rate 1 | /v1/compress | {"context":"a b c","rate":1}
          whole target | /v1/compress | {"context":"a b c","target_token":12.0}
          """)
  void nearMissBody_isAccepted(String name, String route, String body) {
    assertThat(SERVER.post(route, body).status()).isEqualTo(200);
  }
}
