package com.usagetap.compression.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** One HTTP response as the tests see it: status, headers and the body's exact bytes. */
public final class Reply {
  private final int status;
  private final HttpHeaders headers;
  private final byte[] body;

  public Reply(int status, HttpHeaders headers, byte[] body) {
    this.status = status;
    this.headers = headers;
    this.body = body.clone();
  }

  public int status() {
    return status;
  }

  /** The body as received, never re-encoded. */
  public byte[] body() {
    return body.clone();
  }

  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body parsed as strict JSON; fails the test when it is not. */
  public JsonNode json() {
    return Json.parse(body);
  }

  public Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  @Override
  public String toString() {
    String shown = text();
    return status + " " + (shown.length() > 500 ? shown.substring(0, 500) + "..." : shown);
  }
}
