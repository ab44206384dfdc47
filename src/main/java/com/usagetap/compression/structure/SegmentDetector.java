package com.usagetap.compression.structure;

import java.util.List;

/**
 * Finds the segments of one kind (or one family of kinds) in a text.
 *
 * <p>Detectors run in the order of precedence that {@link Segmenter} documents. Each sees the
 * segments claimed by the detectors before it and must not return a segment that starts or ends
 * inside one of them; it may return a segment that contains earlier ones entirely, which then
 * become part of it. Candidates that break this rule are clipped by {@link Claims#claim}.
 */
interface SegmentDetector {
  /**
   * Returns the candidate segments found in {@code text}.
   *
   * @param text the whole text
   * @param claimed what earlier detectors claimed; read only
   * @return candidate segments in any order, possibly overlapping each other
   */
  List<Segment> detect(String text, Claims claimed);
}
