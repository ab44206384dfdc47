package com.usagetap.compression.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The SHA-256 of a stream of bytes and, when asked for, its git blob SHA-1, computed as the bytes
 * pass so that a file of any size is hashed without being held in memory.
 */
final class ContentDigest {
  private static final int READ_BUFFER = 1 << 20;

  private final MessageDigest sha256 = digest("SHA-256");
  private final Optional<MessageDigest> gitBlob;
  private long size;

  /**
   * Starts a digest. A git blob id hashes a header holding the length before the content, so the
   * length the listing declares is taken up front; content of another length fails on its size
   * before its hash is compared.
   */
  ContentDigest(HubFile file) {
    if (file.isLfs()) {
      gitBlob = Optional.empty();
    } else {
      MessageDigest sha1 = digest("SHA-1");
      sha1.update(("blob " + file.size() + "\0").getBytes(StandardCharsets.US_ASCII));
      gitBlob = Optional.of(sha1);
    }
  }

  /** Digests a file already on disk. */
  static ContentDigest of(Path path, HubFile file) throws IOException {
    ContentDigest digest = new ContentDigest(file);
    ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER);
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      while (channel.read(buffer) >= 0) {
        buffer.flip();
        digest.update(buffer);
        buffer.clear();
      }
    }
    return digest;
  }

  /** Adds the buffer's remaining bytes, leaving its position where it was. */
  void update(ByteBuffer buffer) {
    size += buffer.remaining();
    sha256.update(buffer.duplicate());
    gitBlob.ifPresent(sha1 -> sha1.update(buffer.duplicate()));
  }

  long size() {
    return size;
  }

  String sha256() {
    return hex(sha256);
  }

  String gitBlobSha1() {
    return hex(gitBlob.orElseThrow(() -> new IllegalStateException("not a git blob digest")));
  }

  // Cloning keeps the digest usable, so the hash can be read more than once.
  private static String hex(MessageDigest digest) {
    try {
      return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(digest.getAlgorithm() + " cannot be cloned", e);
    }
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides " + algorithm, e);
    }
  }
}
