package com.usagetap.compression.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.usagetap.compression.api.FieldReader;
import com.usagetap.compression.http.ApiException;
import com.usagetap.compression.http.ApiException.FieldError;
import com.usagetap.compression.http.ErrorCode;
import com.usagetap.compression.http.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Field readers over literal JSON, and the field errors they collected. */
public final class Fields {
  private static final JsonCodec JSON = new JsonCodec();

  private Fields() {}

  /** A reader over a JSON object written as text. */
  public static FieldReader reader(String json) {
    return new FieldReader(JSON.parseObject(json.getBytes(StandardCharsets.UTF_8)));
  }

  /** The failures recorded so far; empty when the reader has none. */
  public static List<FieldError> errors(FieldReader fields) {
    try {
      fields.throwIfInvalid();
      return List.of();
    } catch (ApiException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
      return e.details();
    }
  }
}
