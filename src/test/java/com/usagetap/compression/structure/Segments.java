package com.usagetap.compression.structure;

import java.util.List;

/** Segments written as {@code kind[text]}, so a test can state a whole segmentation at once. */
final class Segments {
  private Segments() {}

  static List<String> describe(String text, List<Segment> segments) {
    return segments.stream()
        .map(s -> s.kind().label() + "[" + text.substring(s.start(), s.end()) + "]")
        .toList();
  }

  static List<String> segment(String text) {
    return describe(text, Segmenter.segment(text, ProtectedNames.withExtra(List.of())).segments());
  }
}
