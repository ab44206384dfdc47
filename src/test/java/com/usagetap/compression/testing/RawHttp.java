package com.usagetap.compression.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests the JDK client refuses to send as written, such as a
 * header value in raw UTF-8, a malformed request line or a body cut short.
 */
public final class RawHttp {
  private RawHttp() {}

  /** A response read until the server closes the connection. */
  public static final class Response {
    private final int status;
    private final Map<String, String> headers;
    private final byte[] body;

    Response(int status, Map<String, String> headers, byte[] body) {
      this.status = status;
      this.headers = Map.copyOf(headers);
      this.body = body.clone();
    }

    public int status() {
      return status;
    }

    /** Header names in lower case, with the first value of each. */
    public Map<String, String> headers() {
      return headers;
    }

    /** The bytes after the header block. */
    public byte[] body() {
      return body.clone();
    }

    /** The same response as the JDK client's tests see one, for the envelope assertions. */
    public Reply reply() {
      Map<String, List<String>> all = new LinkedHashMap<>();
      headers.forEach((name, value) -> all.put(name, List.of(value)));
      return new Reply(status, HttpHeaders.of(all, (name, value) -> true), body);
    }
  }

  /** Sends {@code head} (request line and headers, without the blank line) and a body. */
  public static Response exchange(int port, byte[] head, byte[] body) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(head);
      out.write(
          ("\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      return parse(socket.getInputStream().readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends {@code request} exactly as given, then reads one response: to the end of its
   * Content-Length, or to the end of the stream when the server closes first.
   *
   * @param endOutput whether to shut the sending side down after the request, so that the server
   *     sees the end of the stream wherever the request stops
   */
  public static Response send(int port, byte[] request, boolean endOutput) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      if (endOutput) {
        socket.shutdownOutput();
      }
      return parse(readOneResponse(socket.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends {@code request} and resets the connection at once, as a client that vanishes does; no
   * response can arrive.
   */
  public static void sendAndReset(int port, byte[] request) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      socket.setSoLinger(true, 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] readOneResponse(InputStream in) throws IOException {
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    int matched = 0;
    int b;
    while (matched < end.length && (b = in.read()) != -1) {
      raw.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    String head = raw.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    int at = head.indexOf("\r\ncontent-length:");
    if (at < 0) {
      in.transferTo(raw);
      return raw.toByteArray();
    }
    int from = at + "\r\ncontent-length:".length();
    int length = Integer.parseInt(head.substring(from, head.indexOf("\r\n", from)).strip());
    raw.write(in.readNBytes(length));
    return raw.toByteArray();
  }

  private static Response parse(byte[] raw) throws IOException {
    int split = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    if (split < 0) {
      throw new IOException("no header block in " + raw.length + " bytes");
    }
    String[] lines = new String(raw, 0, split, StandardCharsets.ISO_8859_1).split("\r\n", -1);
    int status = Integer.parseInt(lines[0].substring(9, 12));
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.putIfAbsent(
          lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).strip());
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try (InputStream rest =
        new java.io.ByteArrayInputStream(raw, split + 4, raw.length - split - 4)) {
      rest.transferTo(body);
    }
    return new Response(status, headers, body.toByteArray());
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
