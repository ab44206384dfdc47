package com.usagetap.compression.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.usagetap.compression.http.JsonCodec;
import com.usagetap.compression.tenant.TenantResolver;
import com.usagetap.compression.tenant.TenantResolver.Tenant;
import com.usagetap.compression.tokens.MessageTokens;
import com.usagetap.compression.tokens.TokenCounter;
import com.usagetap.compression.tokens.Tokenizers;
import java.util.Optional;

/**
 * {@code POST /tokens/estimate}: the token count of a {@code text} or of a chat request's {@code
 * messages} (exactly one of the two) for the requested model.
 */
public final class EstimateEndpoint implements Endpoint {
  private final JsonCodec json;
  private final TenantResolver tenants;
  private final Tokenizers tokenizers;

  public EstimateEndpoint(ApiServices services) {
    this.json = services.json();
    this.tenants = services.tenants();
    this.tokenizers = services.tokenizers();
  }

  @Override
  public boolean compresses() {
    return false;
  }

  @Override
  public ApiResult handle(ApiRequest request) {
    FieldReader fields = new FieldReader(request.body());
    Tenant tenant = tenants.resolve(request.tenantHeader(), fields);
    String model = CompressionParameters.model(fields);
    Optional<String> text = fields.string("text");
    Optional<ChatRequest> chat =
        fields.has("messages") ? ChatRequest.read(fields) : Optional.empty();
    if (fields.has("text") == fields.has("messages")) {
      fields.fail("text", "give exactly one of text and messages");
    }
    fields.throwIfInvalid();

    TokenCounter counter = tokenizers.forModel(model);
    int tokens;
    boolean exact;
    long characters;
    if (text.isPresent()) {
      tokens = counter.count(text.get());
      exact = counter.exact();
      characters = text.get().codePointCount(0, text.get().length());
    } else {
      ChatRequest messages = chat.orElseThrow();
      MessageTokens.Count count =
          MessageTokens.count(counter, messages.messages(), messages.system(), messages.tools());
      tokens = count.tokens();
      exact = count.exact();
      characters = messages.characters();
    }

    ObjectNode body = json.object();
    body.put("tokens", tokens);
    body.put("model", model);
    body.put("tokenizer", counter.tokenizer());
    body.put("exact", exact);
    body.put("characters", characters);
    Responses.putTenant(body, tenant.id());
    return new ApiResult(body, tenant.id(), tokens, tokens);
  }

  /** Code points of every string in a JSON value; used for the {@code characters} figure. */
  static long stringCharacters(JsonNode node) {
    if (node == null) {
      return 0;
    }
    if (node.isTextual()) {
      return node.textValue().codePointCount(0, node.textValue().length());
    }
    long total = 0;
    for (JsonNode child : node) {
      total += stringCharacters(child);
    }
    return total;
  }
}
