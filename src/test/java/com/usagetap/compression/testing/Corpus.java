package com.usagetap.compression.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shared corpus of real prompts beside the checkout, at {@code ${shared.dir}/corpus} (the Maven
 * build passes {@code shared.dir}). It is never copied into this repository.
 *
 * <p>When the corpus is absent, {@link #files} still yields one path, the missing folder, so that a
 * parameterised test runs once and skips itself through {@link #assumePresent()} with the reason.
 */
public final class Corpus {
  private Corpus() {}

  public static Path root() {
    return Path.of(System.getProperty("shared.dir", "../shared")).resolve("corpus");
  }

  public static boolean isPresent() {
    return Files.isDirectory(root());
  }

  public static void assumePresent() {
    assumeTrue(
        isPresent(), root() + " is absent: corpus tests need ../shared/corpus beside the checkout");
  }

  /** The files of one corpus folder ({@code text}, {@code messages} or {@code json}), sorted. */
  public static List<Path> files(String folder) {
    Path dir = root().resolve(folder);
    if (!Files.isDirectory(dir)) {
      return List.of(dir);
    }
    try (Stream<Path> listing = Files.list(dir)) {
      return listing.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
