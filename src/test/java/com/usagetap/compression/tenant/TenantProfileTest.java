package com.usagetap.compression.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.usagetap.compression.api.FieldReader;
import com.usagetap.compression.http.ApiException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class TenantProfileTest {
  private static ApiException failureOf(String json) throws IOException {
    FieldReader fields = new FieldReader((ObjectNode) new ObjectMapper().readTree(json));
    TenantProfile.read(fields, false);
    return catchThrowableOfType(ApiException.class, fields::throwIfInvalid);
  }

  @Test
  void read_refusedItemBeforeABlankPhrase_namesOnlyTheIndexThatWasSent() throws IOException {
    ApiException failure = failureOf("{\"force_drop_phrases\": [5, \"\\u00a0\"]}");

    assertThat(failure.details())
        .extracting(ApiException.FieldError::field)
        .containsExactly("force_drop_phrases[0]");
    assertThat(failure.details().getFirst().message()).contains("must be a string");
  }

  @Test
  void read_blankPhraseAlone_isNamedByItsIndex() throws IOException {
    ApiException failure = failureOf("{\"force_drop_phrases\": [\"ok then\", \"\\u00a0\"]}");

    assertThat(failure.details())
        .extracting(ApiException.FieldError::field, ApiException.FieldError::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("force_drop_phrases[1]", "must contain a word"));
  }
}
