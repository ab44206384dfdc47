package com.usagetap.compression.config;

import com.usagetap.compression.model.ModelSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting the origin reads, validated once at start-up.
 *
 * <p>Values come from environment variables (see the README's configuration table). A malformed
 * value stops start-up with a {@link ConfigException} that names the variable and the value;
 * nothing is clamped silently. {@code LOG_LEVEL} is checked here but not kept, since logback
 * applies it; whether {@code HOST} resolves and {@code HOST:PORT} can be bound is known only when
 * the server binds, which reports a failure with the same exception.
 *
 * @param host interface to bind; {@code 0.0.0.0} in the container image
 * @param port TCP port; 0 picks a free one (used by tests)
 * @param maxBodyBytes largest request body accepted, checked before parsing
 * @param tenantProfilesFile optional JSON file of registered tenant profiles
 * @param shutdownGrace how long in-flight requests may run after SIGTERM
 * @param model where the LLMLingua-2 model comes from, if anywhere ({@code MODEL_DIR}, or {@code
 *     MODEL_REPO} and {@code MODEL_REVISION})
 * @param inference how the model is run
 * @param toon when JSON segments become TOON
 * @param skip when a request with little to save is answered without compressing
 * @param auth how the edge proves itself to the origin ({@code ORIGIN_SHARED_SECRET}, {@code
 *     ORIGIN_SHARED_SECRET_PREVIOUS}, {@code ORIGIN_ALLOW_UNAUTHENTICATED})
 */
public record Settings(
    String host,
    int port,
    long maxBodyBytes,
    Optional<Path> tenantProfilesFile,
    Duration shutdownGrace,
    ModelSource model,
    InferenceSettings inference,
    ToonSettings toon,
    SkipSettings skip,
    OriginAuthSettings auth) {

  public static final long DEFAULT_MAX_BODY_BYTES = 1_048_576;

  /** The values {@code LOG_LEVEL} may take, in any case. */
  public static final List<String> LOG_LEVELS =
      List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

  /** Defaults for local runs: loopback, port 8080, 1 MiB bodies, no tenant profiles. */
  public static Settings defaults() {
    return new Settings(
        "127.0.0.1",
        8080,
        DEFAULT_MAX_BODY_BYTES,
        Optional.empty(),
        Duration.ofSeconds(10),
        ModelSource.fromEnvironment(Map.of()),
        InferenceSettings.defaults(),
        ToonSettings.defaults(),
        SkipSettings.defaults(),
        OriginAuthSettings.none());
  }

  /**
   * Reads settings from an environment map.
   *
   * @throws ConfigException when a value is malformed or a named file does not exist
   */
  public static Settings fromEnvironment(Map<String, String> env) {
    Settings base = defaults();
    requireLogLevel(env.get("LOG_LEVEL"));
    String host = nonBlank(env, "HOST").orElse(base.host());
    int port = (int) integer(env, "PORT", base.port(), 0, 65_535);
    long maxBody = integer(env, "MAX_BODY_BYTES", base.maxBodyBytes(), 1, Integer.MAX_VALUE);
    long graceSeconds =
        integer(env, "SHUTDOWN_GRACE_SECONDS", base.shutdownGrace().toSeconds(), 0, 3_600);
    Optional<Path> profiles = nonBlank(env, "TENANT_PROFILES_FILE").map(Path::of);
    profiles.ifPresent(
        path -> {
          if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new ConfigException("TENANT_PROFILES_FILE=" + path + " is not a readable file");
          }
        });
    InferenceSettings defaults = InferenceSettings.defaults();
    int threads = (int) integer(env, "INFERENCE_THREADS", defaults.threads(), 1, 256);
    InferenceSettings inference =
        new InferenceSettings(
            threads,
            (int) integer(env, "INFERENCE_MAX_REQUESTS", 4L * threads, 1, 100_000),
            Duration.ofMillis(
                integer(
                    env,
                    "INFERENCE_QUEUE_TIMEOUT_MS",
                    defaults.admissionWait().toMillis(),
                    0,
                    600_000)),
            Duration.ofMillis(
                integer(env, "INFERENCE_TIMEOUT_MS", defaults.deadline().toMillis(), 1, 3_600_000)),
            (int) integer(env, "INFERENCE_BATCH_SIZE", defaults.maxBatch(), 1, 64));
    ToonSettings toon =
        new ToonSettings(
            (int)
                integer(
                    env,
                    "TOON_MIN_JSON_TOKENS",
                    ToonSettings.DEFAULT_MIN_JSON_TOKENS,
                    0,
                    1_000_000),
            fraction(env, "TOON_MIN_SAVINGS_RATIO", ToonSettings.DEFAULT_MIN_SAVINGS_RATIO));
    SkipSettings skip =
        new SkipSettings(
            flag(env, "SKIP_ENABLED", base.skip().enabled()),
            threshold(env, "MIN_COMPRESS_TEXT_CHARS", SkipSettings.DEFAULT_MIN_TEXT_CHARS),
            threshold(
                env, "MIN_COMPRESS_ESTIMATED_TOKENS", SkipSettings.DEFAULT_MIN_ESTIMATED_TOKENS),
            threshold(
                env,
                "MIN_EXPECTED_SAVINGS_TOKENS",
                SkipSettings.DEFAULT_MIN_EXPECTED_SAVINGS_TOKENS));
    OriginAuthSettings auth =
        new OriginAuthSettings(
            secret(env, "ORIGIN_SHARED_SECRET"),
            secret(env, "ORIGIN_SHARED_SECRET_PREVIOUS"),
            flag(env, "ORIGIN_ALLOW_UNAUTHENTICATED", false));
    return new Settings(
        host,
        port,
        maxBody,
        profiles,
        Duration.ofSeconds(graceSeconds),
        ModelSource.fromEnvironment(env),
        inference,
        toon,
        skip,
        auth);
  }

  public Settings withPort(int newPort) {
    return new Settings(
        host,
        newPort,
        maxBodyBytes,
        tenantProfilesFile,
        shutdownGrace,
        model,
        inference,
        toon,
        skip,
        auth);
  }

  public Settings withMaxBodyBytes(long newMax) {
    return new Settings(
        host, port, newMax, tenantProfilesFile, shutdownGrace, model, inference, toon, skip, auth);
  }

  public Settings withTenantProfilesFile(Path file) {
    return new Settings(
        host,
        port,
        maxBodyBytes,
        Optional.of(file),
        shutdownGrace,
        model,
        inference,
        toon,
        skip,
        auth);
  }

  public Settings withModel(ModelSource newModel, InferenceSettings newInference) {
    return new Settings(
        host,
        port,
        maxBodyBytes,
        tenantProfilesFile,
        shutdownGrace,
        newModel,
        newInference,
        toon,
        skip,
        auth);
  }

  public Settings withSkip(SkipSettings newSkip) {
    return new Settings(
        host,
        port,
        maxBodyBytes,
        tenantProfilesFile,
        shutdownGrace,
        model,
        inference,
        toon,
        newSkip,
        auth);
  }

  public Settings withAuth(OriginAuthSettings newAuth) {
    return new Settings(
        host,
        port,
        maxBodyBytes,
        tenantProfilesFile,
        shutdownGrace,
        model,
        inference,
        toon,
        skip,
        newAuth);
  }

  /**
   * Logback reads {@code LOG_LEVEL} itself, as the root level, and takes anything it does not know,
   * a blank value included, for DEBUG; so a value is checked here and never defaulted.
   */
  private static void requireLogLevel(String value) {
    if (value == null) {
      return;
    }
    if (!LOG_LEVELS.contains(value.strip().toUpperCase(Locale.ROOT))) {
      throw new ConfigException(
          "LOG_LEVEL=" + value + " is not one of " + String.join(", ", LOG_LEVELS));
    }
  }

  /**
   * A secret, or empty when the variable is not set at all. A variable that is set but blank is
   * refused: a secret that arrives empty (a missing Secret Manager version, a bad mount) must stop
   * the start, not open the origin to every caller.
   */
  private static Optional<SharedSecret> secret(Map<String, String> env, String name) {
    String value = env.get(name);
    if (value == null) {
      return Optional.empty();
    }
    if (value.isBlank()) {
      throw new ConfigException(name + " is set but empty; unset it to run without a secret");
    }
    return Optional.of(SharedSecret.of(name, value.strip()));
  }

  private static Optional<String> nonBlank(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /** {@code true} or {@code false}, exactly: a switch read wrongly would change answers. */
  private static boolean flag(Map<String, String> env, String name, boolean fallback) {
    Optional<String> raw = nonBlank(env, name);
    if (raw.isEmpty()) {
      return fallback;
    }
    return switch (raw.get()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigException(name + "=" + raw.get() + " is not true or false");
    };
  }

  private static int threshold(Map<String, String> env, String name, int fallback) {
    return (int) integer(env, name, fallback, 0, SkipSettings.MAX_THRESHOLD);
  }

  /** A decimal in [0, 1). */
  private static double fraction(Map<String, String> env, String name, double fallback) {
    Optional<String> raw = nonBlank(env, name);
    if (raw.isEmpty()) {
      return fallback;
    }
    // Digits and an optional fraction, as the edge reads the settings the two share: parseDouble
    // alone would also take a sign, an exponent or "NaN".
    if (!raw.get().matches("[0-9]+(\\.[0-9]+)?")) {
      throw new ConfigException(name + "=" + raw.get() + " is not a decimal number");
    }
    double value = Double.parseDouble(raw.get());
    if (!(value >= 0 && value < 1)) {
      throw new ConfigException(name + "=" + raw.get() + " is outside the allowed range [0, 1)");
    }
    return value;
  }

  private static long integer(
      Map<String, String> env, String name, long fallback, long min, long max) {
    Optional<String> raw = nonBlank(env, name);
    if (raw.isEmpty()) {
      return fallback;
    }
    // Digits only, as the edge reads the settings the two share: Long.parseLong alone would also
    // take a sign, and a value one side starts with must not stop the other.
    long value;
    try {
      if (!raw.get().chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new NumberFormatException("not only digits");
      }
      value = Long.parseLong(raw.get());
    } catch (NumberFormatException e) {
      throw new ConfigException(name + "=" + raw.get() + " is not a whole number", e);
    }
    if (value < min || value > max) {
      throw new ConfigException(
          name + "=" + value + " is outside the allowed range " + min + ".." + max);
    }
    return value;
  }
}
