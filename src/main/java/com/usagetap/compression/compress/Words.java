package com.usagetap.compression.compress;

/**
 * The words of a text as character spans: word {@code i} is {@code text.substring(start(i),
 * end(i))}. Spans are in order and never overlap; what lies between them is whitespace.
 *
 * <p>Kept as two int arrays rather than objects because a 100,000-token prompt has about 75,000
 * words and the whole pipeline walks them several times.
 */
public final class Words {
  private final String text;
  private final int[] starts;
  private final int[] ends;
  private final int size;

  Words(String text, int[] starts, int[] ends, int size) {
    this.text = text;
    this.starts = starts;
    this.ends = ends;
    this.size = size;
  }

  public String text() {
    return text;
  }

  public int size() {
    return size;
  }

  public int start(int i) {
    return starts[i];
  }

  public int end(int i) {
    return ends[i];
  }

  public String word(int i) {
    return text.substring(starts[i], ends[i]);
  }

  /** The index of the word whose span contains {@code offset}, or -1 when it is whitespace. */
  public int wordAt(int offset) {
    int low = 0;
    int high = size - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (ends[mid] <= offset) {
        low = mid + 1;
      } else if (starts[mid] > offset) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** The first word ending after {@code offset}, or {@link #size()} when there is none. */
  public int firstEndingAfter(int offset) {
    int low = 0;
    int high = size;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (ends[mid] <= offset) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
