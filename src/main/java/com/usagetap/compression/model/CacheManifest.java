package com.usagetap.compression.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The record, written last into a model folder, that every file in it was downloaded and verified.
 *
 * <p>A folder with a manifest that matches the model and its files' sizes is used as it is, with no
 * request to the hub; without one, the folder is an interrupted download. The manifest is written
 * to a temporary file, forced to disk and renamed into place, so it never exists half written and
 * never before the files it lists are on disk.
 *
 * @param repo repository id
 * @param revision commit id
 * @param subfolder the model's folder in the repository; empty for the root
 * @param files every file of the folder
 */
record CacheManifest(String repo, String revision, String subfolder, List<Entry> files) {
  static final String NAME = ".complete.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One verified file.
   *
   * @param name its name in the folder
   * @param path where it is in the repository
   * @param size its length in bytes
   * @param sha256 the SHA-256 of its content
   */
  record Entry(String name, String path, long size, String sha256) {}

  CacheManifest {
    files = List.copyOf(files);
  }

  static CacheManifest of(HubModel model, List<Entry> files) {
    return new CacheManifest(model.repo(), model.revision(), model.subfolder().orElse(""), files);
  }

  /**
   * The manifest of a folder; empty when there is none or it cannot be read, which both mean the
   * download did not finish.
   */
  static Optional<CacheManifest> read(Path folder) {
    Path file = folder.resolve(NAME);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), CacheManifest.class));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Whether this manifest is of {@code model} and every file it lists has its recorded size. */
  boolean isCompleteFor(HubModel model, Path folder) {
    if (!Objects.equals(repo, model.repo())
        || !Objects.equals(revision, model.revision())
        || !Objects.equals(subfolder, model.subfolder().orElse(""))) {
      return false;
    }
    for (Entry entry : files) {
      Path file = folder.resolve(entry.name());
      try {
        if (!Files.isRegularFile(file) || Files.size(file) != entry.size()) {
          return false;
        }
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  /** Writes the manifest; the caller holds the folder's {@link CacheLock}. */
  void write(Path folder) throws IOException {
    Path temporary = folder.resolve(NAME + ".part");
    try {
      Files.write(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(temporary, folder.resolve(NAME), StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  static void delete(Path folder) throws IOException {
    Files.deleteIfExists(folder.resolve(NAME));
  }
}
