package com.usagetap.compression.structure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The non-overlapping segments claimed so far, in text order.
 *
 * <p>The first claim on a character wins. A later candidate that starts inside an earlier claim
 * starts where that claim ends; one that ends inside an earlier claim ends where it starts; one
 * that contains earlier claims entirely, and is larger, absorbs them. So a protected section
 * swallows the code blocks in it, and a code block is never cut by a section that begins in its
 * middle.
 */
public final class Claims {
  private final TreeMap<Integer, Segment> byStart = new TreeMap<>();

  /** The claim covering {@code index}, or null. */
  public Segment at(int index) {
    Map.Entry<Integer, Segment> floor = byStart.floorEntry(index);
    if (floor == null || !floor.getValue().contains(index)) {
      return null;
    }
    return floor.getValue();
  }

  /** Whether no claim covers any character of {@code [start, end)}. */
  public boolean isFree(int start, int end) {
    if (at(start) != null) {
      return false;
    }
    Integer next = byStart.ceilingKey(start);
    return next == null || next >= end;
  }

  /** The start of the first claim at or after {@code from}, or -1. */
  public int nextStart(int from) {
    Integer next = byStart.ceilingKey(from);
    return next == null ? -1 : next;
  }

  /**
   * Claims {@code candidate}, clipped around earlier claims as the class comment says.
   *
   * @return the segment claimed, or null when nothing of the candidate was left
   */
  public Segment claim(Segment candidate) {
    int start = candidate.start();
    int end = candidate.end();
    Segment first = at(start);
    if (first != null && first.start() == start && first.end() == end) {
      return null;
    }
    if (first != null && first.start() < start) {
      start = first.end();
    }
    if (end > start) {
      Segment last = at(end - 1);
      if (last != null && last.end() > end) {
        end = last.start();
      }
    }
    if (end <= start) {
      return null;
    }

    byStart.subMap(start, true, end, false).clear();
    Segment claimed =
        start == candidate.start() && end == candidate.end()
            ? candidate
            : new Segment(candidate.kind(), start, end);
    byStart.put(start, claimed);
    return claimed;
  }

  /** The claims in text order. */
  public List<Segment> segments() {
    return new ArrayList<>(byStart.values());
  }
}
