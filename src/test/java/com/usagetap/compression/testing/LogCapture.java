package com.usagetap.compression.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Records every log line the service writes, formatted by the very encoder that {@code logback.xml}
 * configures for the console, while it is attached to the root logger.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private static final String CONSOLE_APPENDER = "JSON";
  private static final String ACCESS_LOGGER = "com.usagetap.compression.access";

  private final Logger root;
  private final Encoder<ILoggingEvent> encoder;
  private final List<String> lines = new ArrayList<>();

  private LogCapture(Logger root, Encoder<ILoggingEvent> encoder) {
    this.root = root;
    this.encoder = encoder;
  }

  /** Starts recording; close the capture to detach it. */
  public static LogCapture attach() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Appender<ILoggingEvent> console = root.getAppender(CONSOLE_APPENDER);
    if (!(console instanceof OutputStreamAppender<ILoggingEvent> stream)) {
      throw new AssertionError("logback.xml has no console appender named " + CONSOLE_APPENDER);
    }
    LogCapture capture = new LogCapture(root, stream.getEncoder());
    capture.setContext(context);
    capture.setName("test-capture");
    capture.start();
    root.addAppender(capture);
    return capture;
  }

  @Override
  protected void append(ILoggingEvent event) {
    String encoded = new String(encoder.encode(event), StandardCharsets.UTF_8);
    synchronized (lines) {
      for (String line : encoded.split("\\R", -1)) {
        if (!line.isEmpty()) {
          lines.add(line);
        }
      }
    }
  }

  /** A copy of the lines recorded so far. */
  public List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  /**
   * Waits up to ten seconds for the access log line of the request with {@code requestId}: the line
   * is written after the response has gone, so it can trail the answer.
   */
  public JsonNode awaitAccessLine(String requestId) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      for (String line : lines()) {
        JsonNode entry = Json.parse(line);
        if (ACCESS_LOGGER.equals(entry.path("logger").textValue())
            && requestId.equals(entry.path("request_id").textValue())) {
          return entry;
        }
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for the access line of " + requestId, e);
      }
    }
    throw new AssertionError("no access line for " + requestId);
  }

  @Override
  public void close() {
    root.detachAppender(this);
    stop();
  }
}
