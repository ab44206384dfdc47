package com.usagetap.compression;

import com.usagetap.compression.config.ConfigException;
import com.usagetap.compression.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the origin from environment variables and stops it cleanly on SIGTERM. */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    OriginService service;
    try {
      service = OriginService.start(Settings.fromEnvironment(System.getenv()));
    } catch (ConfigException e) {
      LOG.error("configuration error: {}", e.getMessage());
      System.exit(2);
      return;
    }
    LOG.info("origin listening on port {}", service.port());
    Thread stopper = Thread.ofPlatform().name("origin-shutdown").unstarted(service::close);
    SignalStop.install(service::close);
    Runtime.getRuntime().addShutdownHook(stopper);
  }
}
