package com.usagetap.compression.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestBodiesTest {
  private static final int LIMIT = 100;
  private final RequestBodies bodies = new RequestBodies(LIMIT);

  private static InputStream bytes(int count) {
    return new ByteArrayInputStream(new byte[count]);
  }

  /** A stream that trickles one byte per read, as a slow chunked upload does. */
  private static InputStream trickle(int count) {
    return new InputStream() {
      private int left = count;

      @Override
      public int read() {
        return left-- > 0 ? 'x' : -1;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) {
        if (left <= 0) {
          return -1;
        }
        buffer[offset] = 'x';
        left--;
        return 1;
      }
    };
  }

  private static ErrorCode failureOf(ThrowingRead read) {
    try {
      read.run();
    } catch (ApiException e) {
      return e.code();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("accepted");
  }

  private interface ThrowingRead {
    void run() throws IOException;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json",
        "Application/JSON",
        "application/json; charset=utf-8",
        "application/json;charset=UTF-8",
        "application/json; charset=UTF8",
        "application/json; charset=\"utf-8\"",
        "application/json ; foo=bar; charset=utf-8",
        "application/json; odd"
      })
  void requireJson_jsonInUtf8_isAccepted(String contentType) {
    assertThatCode(() -> RequestBodies.requireJson(contentType)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        " ",
        "text/plain",
        "text/json",
        "application/x-www-form-urlencoded",
        "application/jsonp",
        "application/json; charset=latin1",
        "application/json; charset=utf-16",
        "application/json; charset=\"iso-8859-1\""
      })
  void requireJson_otherMediaTypeOrCharset_isUnsupported(String contentType) {
    assertThatThrownBy(() -> RequestBodies.requireJson(contentType))
        .asInstanceOf(type(ApiException.class))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE));
  }

  @Test
  void requireJson_latin1_namesTheRefusedCharset() {
    assertThatThrownBy(() -> RequestBodies.requireJson("application/json; charset=latin1"))
        .hasMessageContaining("latin1");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "text/\u00e9 | Content-Type must be application/json, not a value outside visible ASCII.",
        "text/\u00c3\u00a9 | Content-Type must be application/json, not a value outside visible"
            + " ASCII.",
        "text/a\tb | Content-Type must be application/json, not a value outside visible ASCII.",
        "application/json; charset=\u00e9 | Request bodies must be UTF-8 JSON; a charset outside"
            + " visible ASCII is refused."
      })
  void requireJson_valueOutsideVisibleAscii_isNotQuoted(String contentType, String message) {
    assertThatThrownBy(() -> RequestBodies.requireJson(contentType))
        .hasMessage(message)
        .asInstanceOf(type(ApiException.class))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE));
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/json\u00a0", "\u00a0application/json", "\u2003"})
  void requireJson_noBreakAndOtherUnicodeSpaces_areNotTrimmed(String contentType) {
    // Only spaces and tabs are HTTP's white space; the edge trims the same two.
    assertThatThrownBy(() -> RequestBodies.requireJson(contentType))
        .asInstanceOf(type(ApiException.class))
        .satisfies(e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE));
  }

  @Test
  void requireJson_spacesAndTabsAround_areTrimmed() {
    assertThatCode(() -> RequestBodies.requireJson("\t application/json \t; charset = utf-8 \t"))
        .doesNotThrowAnyException();
  }

  @Test
  void read_bodyExactlyAtTheLimit_isReturnedWholeWithOrWithoutLength() throws IOException {
    assertThat(bodies.read(LIMIT, bytes(LIMIT))).hasSize(LIMIT);
    assertThat(bodies.read(-1, bytes(LIMIT))).hasSize(LIMIT);
    assertThat(bodies.read(-1, trickle(LIMIT))).hasSize(LIMIT);
  }

  @Test
  void read_oneByteOverWithoutDeclaredLength_isTooLarge() {
    assertThat(failureOf(() -> bodies.read(-1, bytes(LIMIT + 1))))
        .isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
    assertThat(failureOf(() -> bodies.read(-1, trickle(LIMIT + 1))))
        .isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
  }

  @Test
  void read_declaredLengthOverTheLimit_isTooLargeBeforeReading() {
    InputStream untouchable =
        new InputStream() {
          @Override
          public int read() {
            throw new AssertionError("the body was read");
          }

          @Override
          public int read(byte[] buffer, int offset, int length) {
            throw new AssertionError("the body was read");
          }
        };

    assertThat(failureOf(() -> bodies.read(LIMIT + 1, untouchable)))
        .isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
  }

  @Test
  void drain_endlessBody_stopsAtTheDrainLimit() throws IOException {
    long[] consumed = {0};
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            consumed[0]++;
            return 0;
          }

          @Override
          public int read(byte[] buffer, int offset, int length) {
            consumed[0] += length;
            return length;
          }
        };

    RequestBodies.drain(endless, 0);

    assertThat(consumed[0])
        .isGreaterThanOrEqualTo(RequestBodies.DRAIN_LIMIT_BYTES)
        .isLessThan(RequestBodies.DRAIN_LIMIT_BYTES + 1_000_000);
  }

  @Test
  void read_declaredLengthUnderstatingTheBody_isStillCapped() {
    assertThat(failureOf(() -> bodies.read(10, bytes(LIMIT + 1))))
        .isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
  }

  @Test
  void read_tooLarge_namesTheLimit() {
    assertThatThrownBy(() -> bodies.read(-1, bytes(LIMIT + 1))).hasMessageContaining("100 bytes");
  }

  @Test
  void read_emptyBody_isEmpty() throws IOException {
    assertThat(bodies.read(0, bytes(0))).isEmpty();
    assertThat(bodies.read(-1, bytes(0))).isEmpty();
  }

  /** {@code count} bytes, then the failure Jetty raises when the client breaks the message. */
  private static InputStream failingAfter(int count) {
    return new InputStream() {
      private int left = count;

      @Override
      public int read() throws IOException {
        if (left-- > 0) {
          return 'x';
        }
        throw new java.io.EOFException("Early EOF");
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        buffer[offset] = (byte) read();
        return 1;
      }
    };
  }

  @Test
  void read_streamFailsBeforeItsEnd_isBadRequestNotAnIoFailure() {
    assertThat(failureOf(() -> bodies.read(50, failingAfter(10)))).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(failureOf(() -> bodies.read(-1, failingAfter(0)))).isEqualTo(ErrorCode.BAD_REQUEST);
  }

  @Test
  void read_oversizedBodyThatBreaksOffWhileDiscarded_isStillPayloadTooLarge() {
    assertThat(failureOf(() -> bodies.read(LIMIT + 1, failingAfter(5))))
        .isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
    assertThat(failureOf(() -> bodies.read(-1, failingAfter(LIMIT + 5))))
        .isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
  }

  @Test
  void maxBodyBytes_afterConstruction_isTheConfiguredLimit() {
    assertThat(bodies.maxBodyBytes()).isEqualTo(LIMIT);
  }
}
