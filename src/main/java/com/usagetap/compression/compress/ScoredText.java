package com.usagetap.compression.compress;

/**
 * A scorer's verdict on one text: its words, a keep score in [0, 1] per word (higher is more worth
 * keeping), and the words the scorer requires kept at any aggressiveness.
 *
 * <p>The arrays are shared, not copied: the pipeline that receives them owns them.
 */
public final class ScoredText {
  private final Words words;
  private final float[] scores;
  private final boolean[] required;

  public ScoredText(Words words, float[] scores, boolean[] required) {
    if (scores.length < words.size() || required.length < words.size()) {
      throw new IllegalArgumentException(
          "scores and flags must cover all " + words.size() + " words");
    }
    this.words = words;
    this.scores = scores;
    this.required = required;
  }

  public Words words() {
    return words;
  }

  public float score(int word) {
    return scores[word];
  }

  public boolean isRequired(int word) {
    return required[word];
  }

  /** Marks a word as required; used for force tokens, which any scorer must honour. */
  void require(int word) {
    required[word] = true;
  }
}
