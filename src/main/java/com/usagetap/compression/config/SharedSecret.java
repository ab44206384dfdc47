package com.usagetap.compression.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The secret the edge proves itself with ({@code ORIGIN_SHARED_SECRET}), kept only as its SHA-256
 * digest, so that neither the value nor its length can reach a log line, an error message or a heap
 * dump's string table through this object.
 *
 * <p>{@link #matches} compares digests with {@link MessageDigest#isEqual}, which takes the same
 * time whatever bytes differ; hashing first makes the compared lengths equal too, so a wrong guess
 * learns nothing from the time the answer takes.
 */
public final class SharedSecret {
  /** Fewest characters accepted: 32 random visible characters are well past guessing. */
  public static final int MIN_LENGTH = 32;

  /** Most characters accepted, far below the 8 KB the origin allows a request head. */
  public static final int MAX_LENGTH = 1024;

  private final byte[] digest;

  private SharedSecret(byte[] digest) {
    this.digest = digest;
  }

  /**
   * The secret of a setting's value.
   *
   * @throws ConfigException when the value is shorter than {@link #MIN_LENGTH}, longer than {@link
   *     #MAX_LENGTH} or holds a character outside visible ASCII (which a header cannot carry
   *     unchanged); the message names the variable and the fault, never the value
   */
  public static SharedSecret of(String variable, String value) {
    if (value.length() < MIN_LENGTH || value.length() > MAX_LENGTH) {
      throw new ConfigException(
          variable
              + " must be "
              + MIN_LENGTH
              + " to "
              + MAX_LENGTH
              + " characters long; the value set has "
              + value.length());
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new ConfigException(
            variable + " must be visible ASCII; the character at index " + i + " is not");
      }
    }
    return new SharedSecret(sha256(value));
  }

  /** Whether {@code candidate} is the secret, compared in time that does not depend on it. */
  public boolean matches(String candidate) {
    return MessageDigest.isEqual(digest, sha256(candidate));
  }

  /** Never the secret: this object may end up in a log line or an exception message. */
  @Override
  public String toString() {
    return "SharedSecret[redacted]";
  }

  private static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform is required to provide SHA-256.
      throw new IllegalStateException(e);
    }
  }
}
