package com.usagetap.compression.model;

import java.util.Optional;

/**
 * One file to download, with what the hub's listing says its content must be.
 *
 * <p>Files stored with Git LFS are known by the SHA-256 of their content; the others by their git
 * blob id, the SHA-1 of {@code "blob " + size + "\0"} followed by the content.
 *
 * @param path where the file is in the repository
 * @param name the file's name in the model folder
 * @param size its length in bytes
 * @param lfsSha256 the SHA-256 of the content, for a file stored with Git LFS
 * @param blobId the git blob id, for any other file
 */
record HubFile(String path, String name, long size, Optional<String> lfsSha256, String blobId) {

  boolean isLfs() {
    return lfsSha256.isPresent();
  }

  /**
   * What is wrong with content that has {@code digest}, e.g. {@code sha256 expected 1f…, got 9c…};
   * empty when it is the file the listing describes.
   */
  Optional<String> mismatch(ContentDigest digest) {
    if (digest.size() != size) {
      return Optional.of("size expected " + size + " bytes, got " + digest.size());
    }
    if (lfsSha256.isPresent()) {
      String actual = digest.sha256();
      return actual.equals(lfsSha256.get())
          ? Optional.empty()
          : Optional.of("sha256 expected " + lfsSha256.get() + ", got " + actual);
    }
    String actual = digest.gitBlobSha1();
    return actual.equals(blobId)
        ? Optional.empty()
        : Optional.of("git blob sha1 expected " + blobId + ", got " + actual);
  }
}
