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

  /**
   * Rows of route, body and the field named in {@code details}. To keep rows short, bodies use
   * single quotes, and {@code CS}, {@code TP}, {@code AG} and {@code USER} stand for {@code
   * compression_settings}, {@code tenant_profile}, {@code aggressiveness} and a valid user message.
   */
  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          /compress | {} | text
          /compress | {'text':null} | text
          /compress | {'text':5} | text
          /compress | {'text':['a']} | text
          /compress | {'text':'a','AG':0.95} | AG
          /compress | {'text':'a','AG':-0.1} | AG
          /compress | {'text':'a','AG':'0.5'} | AG
          /compress | {'text':'a','AG':true} | AG
          /compress | {'text':'a','AG':1e999999} | AG
          /compress | {'text':'a','AG':0.3,'CS':{'AG':0.4}} | CS.AG
          /compress | {'text':'a','CS':'fast'} | CS
          /compress | {'text':'a','CS':{'AG':0.91}} | CS.AG
          /compress | {'text':'a','CS':{'force_tokens':'x'}} | CS.force_tokens
          /compress | {'text':'a','CS':{'force_tokens':['x',3]}} | CS.force_tokens[1]
          /compress | {'text':'a','CS':{'force_reserve_digit':'yes'}} | CS.force_reserve_digit
          /compress | {'text':'a','CS':{'drop_consecutive':1}} | CS.drop_consecutive
          /compress | {'text':'a','TP':'gold'} | TP
          /compress | {'text':'a','TP':[]} | TP
          /compress | {'text':'a','TP':{'force_keep_tokens':'x'}} | TP.force_keep_tokens
          /compress | {'text':'a','TP':{'force_keep_tokens':['ok','']}} | TP.force_keep_tokens[1]
          /compress | {'text':'a','TP':{'force_drop_phrases':[{}]}} | TP.force_drop_phrases[0]
          /compress | {'text':'a','TP':{'force_drop_phrases':['  ']}} | TP.force_drop_phrases[0]
          /compress | {'text':'a','TP':{'default_AG':'0.2'}} | TP.default_AG
          /compress | {'text':'a','TP':{'default_AG':0.99}} | TP.default_AG
          /compress | {'text':'a','include_sections':'yes'} | include_sections
          /compress | {'text':'a','debug':1} | debug
          /compress | {'text':'a','model':''} | model
          /compress | {'text':'a','model':4} | model
          /compress | {'text':'a','tenant_id':7} | tenant_id
          /compress | {'text':'a','tenant_id':'has space'} | tenant_id
          /compress | {'text':'a','tenant_id':''} | tenant_id
          /v1/messages/compress | {} | messages
          /v1/messages/compress | {'messages':[]} | messages
          /v1/messages/compress | {'messages':{'role':'user'}} | messages
          /v1/messages/compress | {'messages':'hi'} | messages
          /v1/messages/compress | {'messages':[{'content':'hi'}]} | messages[0].role
          /v1/messages/compress | {'messages':[{'role':1,'content':'hi'}]} | messages[0].role
          /v1/messages/compress | {'messages':[USER,'hi']} | messages[1]
          /v1/messages/compress | {'messages':[USER],'system':5} | system
          /v1/messages/compress | {'messages':[USER],'AG':0.95} | AG
          /v1/messages/compress | {'messages':[USER],'AG':0.2,'CS':{'AG':0.3}} | CS.AG
          /v1/messages/compress | {'messages':[USER],'TP':{'default_AG':1}} | TP.default_AG
          /tokens/estimate | {} | text
          /tokens/estimate | {'text':'a','messages':[USER]} | text
          /tokens/estimate | {'text':5} | text
          /tokens/estimate | {'messages':[]} | messages
          /tokens/estimate | {'messages':[{'content':'x'}]} | messages[0].role
          /tokens/estimate | {'text':'a','model':''} | model
          /v1/compress | {} | context
          /v1/compress | {'context':5} | context
          /v1/compress | {'context':[]} | context
          /v1/compress | {'context':['a',5]} | context[1]
          /v1/compress | {'context':'a','rate':0} | rate
          /v1/compress | {'context':'a','rate':-0} | rate
          /v1/compress | {'context':'a','rate':1.5} | rate
          /v1/compress | {'context':'a','rate':'0.5'} | rate
          /v1/compress | {'context':'a','target_token':1.5} | target_token
          /v1/compress | {'context':'a','target_token':'100'} | target_token
          /v1/compress | {'context':'a','target_token':1e999999} | target_token
          /v1/compress | {'context':'a','force_tokens':'x'} | force_tokens
          /v1/compress | {'context':'a','force_reserve_digit':0} | force_reserve_digit
          /v1/compress | {'context':'a','use_context_level_filter':'no'} | use_context_level_filter
          /v1/compress | {'context':'a','TP':{'default_AG':-1}} | TP.default_AG
          """)
  void wrongField_is422NamingTheField(String route, String body, String field) {
    Reply reply = SERVER.post(route, expand(body));

    JsonNode error = assertError(reply, 422, "invalid_request");
    assertThat(detailFields(error)).contains(expand(field));
  }

  @Test
  void severalWrongFields_areAllListedAtOnce() {
    Reply reply =
        SERVER.post(
            "/compress", expand("{'text':5,'AG':2,'debug':'x','TP':{'force_keep_tokens':[1]}}"));

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
          equal aggressiveness twice | /compress | {'text':'a b c','AG':0.3,'CS':{'AG':0.3}}
          nulls as absent | /compress | {'text':'a b c','AG':null,'model':null,'TP':null}
          unknown fields | /compress | {'text':'a b c','temperature':0.2,'stream':true,'x':[1]}
          boundary 0.9 | /compress | {'text':'a b c','AG':0.9}
          boundary 0 | /compress | {'text':'a b c','AG':0}
          rate 1 | /v1/compress | {'context':'a b c','rate':1}
          whole target | /v1/compress | {'context':'a b c','target_token':12.0}
          """)
  void nearMissBody_isAccepted(String name, String route, String body) {
    assertThat(SERVER.post(route, expand(body)).status()).isEqualTo(200);
  }

  private static String expand(String abbreviated) {
    return abbreviated
        .replace("USER", USER)
        .replace('\'', '"')
        .replace("CS", "compression_settings")
        .replace("TP", "tenant_profile")
        .replace("AG", "aggressiveness");
  }
}
