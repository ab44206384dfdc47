package com.usagetap.compression.structure;

/**
 * A fixed number of units of work that a detector may spend on one text, so that hostile input
 * costs a bounded multiple of its length however it is built.
 */
final class WorkBudget {
  private long left;

  WorkBudget(long units) {
    if (units < 0) {
      throw new IllegalArgumentException("work budget must not be negative: " + units);
    }
    this.left = units;
  }

  /**
   * Spends {@code units} if that many are left; otherwise returns false, as every later call will.
   */
  boolean take(long units) {
    if (units > left) {
      left = -1;
      return false;
    }
    left -= units;
    return true;
  }

  /** Gives back {@code units} of an earlier {@link #take} that turned out not to be needed. */
  void refund(long units) {
    if (units < 0) {
      throw new IllegalArgumentException("refund must not be negative: " + units);
    }
    if (left >= 0) {
      left += units;
    }
  }

  /** Whether a {@link #take} has been refused, which ends the work this budget pays for. */
  boolean isSpent() {
    return left < 0;
  }
}
