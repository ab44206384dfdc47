package com.usagetap.compression.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;
import static org.assertj.core.groups.Tuple.tuple;

import com.usagetap.compression.http.ApiException;
import com.usagetap.compression.http.ApiException.FieldError;
import com.usagetap.compression.testing.Fields;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class FieldReaderTest {

  @Test
  void readers_typeErrors_areAllCollectedWithTheirPaths() {
    FieldReader fields =
        Fields.reader(
            """
            {"text": 1, "debug": "yes", "aggressiveness": "high",
             "tenant_profile": {"force_keep_tokens": "SKU",
                                "inner": {"default_aggressiveness": [0.5]}}}
            """);

    fields.string("text");
    fields.bool("debug");
    fields.number("aggressiveness", 0, 1);
    FieldReader profile = fields.nested("tenant_profile").orElseThrow();
    profile.stringList("force_keep_tokens", 10, 10);
    profile.nested("inner").orElseThrow().number("default_aggressiveness", 0, 1);

    assertThat(fields.isValid()).isFalse();
    assertThat(Fields.errors(fields))
        .containsExactly(
            new FieldError("text", "must be a string, not a number"),
            new FieldError("debug", "must be true or false, not a string"),
            new FieldError("aggressiveness", "must be a number, not a string"),
            new FieldError(
                "tenant_profile.force_keep_tokens", "must be an array of strings, not a string"),
            new FieldError(
                "tenant_profile.inner.default_aggressiveness", "must be a number, not an array"));
  }

  @Test
  void throwIfInvalid_severalErrors_summarisesTheCount() {
    FieldReader fields = Fields.reader("{\"a\": 1, \"b\": 2}");
    fields.string("a");
    fields.string("b");

    assertThatThrownBy(fields::throwIfInvalid).hasMessage("Invalid request: 2 fields are invalid");
  }

  @Test
  void throwIfInvalid_oneError_namesFieldAndProblem() {
    FieldReader fields = Fields.reader("{}");
    fields.requiredString("text");

    assertThatThrownBy(fields::throwIfInvalid)
        .asInstanceOf(type(ApiException.class))
        .satisfies(e -> assertThat(e.getMessage()).isEqualTo("Invalid request: text: is required"))
        .satisfies(
            e -> assertThat(e.details()).containsExactly(new FieldError("text", "is required")));
  }

  @Test
  void readers_nullField_countsAsAbsent() {
    FieldReader fields =
        Fields.reader(
            "{\"s\": null, \"n\": null, \"w\": null, \"b\": null, \"l\": null, \"o\": null}");

    assertThat(fields.has("s")).isFalse();
    assertThat(fields.raw("s")).isNull();
    assertThat(fields.string("s")).isEmpty();
    assertThat(fields.number("n", 0, 1)).isEmpty();
    assertThat(fields.wholeNumber("w", 0, 1)).isEmpty();
    assertThat(fields.bool("b")).isEmpty();
    assertThat(fields.stringList("l", 1, 1)).isEmpty();
    assertThat(fields.nested("o")).isEmpty();
    assertThat(fields.isValid()).isTrue();
  }

  @Test
  void requiredString_nullOrMissing_isRequired() {
    FieldReader fields = Fields.reader("{\"text\": null}");

    assertThat(fields.requiredString("text")).isEmpty();
    assertThat(fields.requiredString("other")).isEmpty();
    assertThat(Fields.errors(fields))
        .extracting(FieldError::field)
        .containsExactly("text", "other");
  }

  @Test
  void number_insideAndOutsideRange_acceptedOrRefused() {
    FieldReader fields =
        Fields.reader("{\"ok\": 0.9, \"high\": 1.5, \"huge\": 1e400, \"low\": -0.1}");

    assertThat(fields.number("ok", 0, 0.9)).isEqualTo(OptionalDouble.of(0.9));
    assertThat(fields.number("high", 0, 0.9)).isEmpty();
    assertThat(fields.number("huge", 0, 0.9)).isEmpty();
    assertThat(fields.number("low", 0, 0.9)).isEmpty();
    assertThat(Fields.errors(fields))
        .containsExactly(
            new FieldError("high", "must be between 0.0 and 0.9, got 1.5"),
            new FieldError("huge", "must be between 0.0 and 0.9, got 1e400"),
            new FieldError("low", "must be between 0.0 and 0.9, got -0.1"));
  }

  @Test
  void wholeNumber_integralAndWholeDecimals_areAccepted() {
    FieldReader fields =
        Fields.reader("{\"a\": 12, \"b\": 12.0, \"c\": 1e3, \"d\": -0.0, \"e\": -7}");

    assertThat(fields.wholeNumber("a", -100, 2_000)).isEqualTo(Optional.of(12L));
    assertThat(fields.wholeNumber("b", -100, 2_000)).isEqualTo(Optional.of(12L));
    assertThat(fields.wholeNumber("c", -100, 2_000)).isEqualTo(Optional.of(1_000L));
    assertThat(fields.wholeNumber("d", -100, 2_000)).isEqualTo(Optional.of(0L));
    assertThat(fields.wholeNumber("e", -100, 2_000)).isEqualTo(Optional.of(-7L));
    assertThat(fields.isValid()).isTrue();
  }

  @Test
  void wholeNumber_fractionStringOrOutOfRange_isRefused() {
    FieldReader fields = Fields.reader("{\"a\": 12.5, \"b\": \"12\", \"c\": 5, \"d\": 1e30}");

    assertThat(fields.wholeNumber("a", 0, 3)).isEmpty();
    assertThat(fields.wholeNumber("b", 0, 3)).isEmpty();
    assertThat(fields.wholeNumber("c", 0, 3)).isEmpty();
    assertThat(fields.wholeNumber("d", 0, Long.MAX_VALUE)).isEmpty();
    assertThat(Fields.errors(fields))
        .extracting(FieldError::field, FieldError::message)
        .containsExactly(
            tuple("a", "must be a whole number, not 12.5"),
            tuple("b", "must be a whole number, not a string"),
            tuple("c", "must be between 0 and 3, got 5"),
            tuple("d", "must be between 0 and " + Long.MAX_VALUE + ", got 1e30"));
  }

  @Test
  void stringList_badItems_areReportedByIndexAndSkipped() {
    FieldReader fields =
        Fields.reader("{\"p\": {\"force_keep_tokens\": [\"SKU\", \"\", 3, \"toolong\", \"ID\"]}}");

    List<String> items = fields.nested("p").orElseThrow().stringList("force_keep_tokens", 10, 5);

    assertThat(items).containsExactly("SKU", "ID");
    assertThat(Fields.errors(fields))
        .containsExactly(
            new FieldError("p.force_keep_tokens[1]", "must not be empty"),
            new FieldError("p.force_keep_tokens[2]", "must be a string, not a number"),
            new FieldError("p.force_keep_tokens[3]", "must be at most 5 characters"));
  }

  @Test
  void stringList_itemLength_countsCodePointsSoAnEmojiIsOne() {
    FieldReader fields =
        Fields.reader("{\"l\": [\"\uD83D\uDE00\uD83D\uDE00\", \"\uD83D\uDE00ab\"]}");

    assertThat(fields.stringList("l", 5, 2)).containsExactly("\uD83D\uDE00\uD83D\uDE00");
    assertThat(Fields.errors(fields))
        .containsExactly(new FieldError("l[1]", "must be at most 2 characters"));
  }

  @Test
  void stringList_tooManyItems_isOneError() {
    FieldReader fields = Fields.reader("{\"l\": [\"a\", \"b\", \"c\"]}");

    assertThat(fields.stringList("l", 2, 10)).isEmpty();
    assertThat(Fields.errors(fields))
        .containsExactly(new FieldError("l", "must have at most 2 items, got 3"));
  }

  @Test
  void nested_nonObject_isAnErrorOnItsPath() {
    FieldReader fields = Fields.reader("{\"outer\": {\"settings\": [1]}}");

    assertThat(fields.nested("outer").orElseThrow().nested("settings")).isEmpty();
    assertThat(Fields.errors(fields))
        .containsExactly(new FieldError("outer.settings", "must be an object, not an array"));
  }

  @Test
  void fail_onNestedReader_prefixesThePathAndSharesTheList() {
    FieldReader fields = Fields.reader("{\"compression_settings\": {}}");

    fields.nested("compression_settings").orElseThrow().fail("aggressiveness", "conflicts");

    assertThat(fields.isValid()).isFalse();
    assertThat(Fields.errors(fields))
        .containsExactly(new FieldError("compression_settings.aggressiveness", "conflicts"));
  }

  @Test
  void readers_goodValues_areReturnedAndUnknownFieldsIgnored() {
    FieldReader fields =
        Fields.reader(
            "{\"text\": \"hi\", \"debug\": true, \"tags\": [\"x\"], \"unknown\": {\"y\": 1}}");

    assertThat(fields.string("text")).contains("hi");
    assertThat(fields.bool("debug")).contains(true);
    assertThat(fields.stringList("tags", 5, 5)).containsExactly("x");
    assertThat(fields.isValid()).isTrue();
  }
}
