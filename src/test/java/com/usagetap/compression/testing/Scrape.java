package com.usagetap.compression.testing;

import java.util.List;
import java.util.Optional;

/** One {@code /metrics} answer in the Prometheus text format, read series by series. */
public final class Scrape {
  private final List<String> samples;

  private Scrape(List<String> samples) {
    this.samples = samples;
  }

  /** The samples of a scrape; comment lines ({@code # HELP}, {@code # TYPE}) are left out. */
  public static Scrape of(String text) {
    return new Scrape(text.lines().filter(line -> !line.startsWith("#")).toList());
  }

  /**
   * The value of the first sample named {@code name} whose labels include every one of {@code
   * labels}, each written as in the format ({@code route="/compress"}).
   *
   * @throws AssertionError when no sample matches
   */
  public double value(String name, String... labels) {
    return find(name, labels)
        .orElseThrow(() -> new AssertionError("no sample " + name + " " + List.of(labels)));
  }

  private Optional<Double> find(String name, String... labels) {
    for (String line : samples) {
      if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
        continue;
      }
      String series = line.substring(0, line.lastIndexOf(' '));
      if (List.of(labels).stream().allMatch(series::contains)) {
        return Optional.of(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
      }
    }
    return Optional.empty();
  }

  /** Whether any sample's name and labels contain {@code text}. */
  public boolean anySeriesContains(String text) {
    return samples.stream()
        .anyMatch(line -> line.substring(0, line.lastIndexOf(' ')).contains(text));
  }
}
