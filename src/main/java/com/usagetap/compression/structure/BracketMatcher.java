package com.usagetap.compression.structure;

/**
 * Pairs each opening brace or square bracket of a text with the bracket that closes it, the way a
 * JSON reader would, without parsing what lies between. "Bracket" below means either kind.
 *
 * <p>The rule, for an opening bracket at {@code p} outside claimed segments: read on from {@code p}
 * with a stack of the brackets still open, {@code p}'s at the bottom, and a flag for being inside a
 * JSON string. Outside a string, {@code "} starts a string, an opening bracket is pushed, and a
 * closing one pops the top bracket when that is of the same kind; the closer of {@code p} is the
 * one that pops {@code p}'s bracket. Inside a string, a backslash makes the next character plain,
 * {@code "} ends the string and every other character, brackets included, is plain. Other
 * characters, parentheses among them, are plain everywhere. {@code p} has no closer when, before
 * its closer: a closing bracket is not of the same kind as the top one; a string holds a character
 * below U+0020 (a JSON string cannot, so a stray quote in prose ends at the end of its line); the
 * stack would hold more than {@value EmbeddedJson#MAX_DEPTH} brackets; the span from {@code p}
 * would be longer than {@value EmbeddedJson#MAX_LENGTH} characters; a claimed segment begins; or
 * the text ends.
 *
 * <p>Design: one pass from {@code p} settles every bracket it pushes, not only {@code p}'s, because
 * each pushed bracket, read from on its own, would see the same characters in the same string state
 * with the same stack above it. A bracket that breaks the depth or length bound is the bottom one,
 * so it is dropped from the bottom while the pass goes on for the rest. A pass is therefore rerun
 * only from a bracket that an earlier pass read inside a string. Every character a pass reads is
 * taken from a {@link WorkBudget}; when that runs out the pass stops, and the brackets it had not
 * settled have no closer.
 */
final class BracketMatcher {
  /** What {@link #closerOf} returns for a bracket without a closer. */
  static final int NONE = -1;

  private static final int UNSETTLED = 0;
  private static final int FAILED = -1;

  private final String text;
  private final Claims claimed;
  private final WorkBudget budget;

  /** Per opening bracket: {@link #UNSETTLED}, {@link #FAILED}, or its closer's index plus one. */
  private final int[] closers;

  /** The open brackets of the current pass, a ring so that the bottom one drops in O(1). */
  private final int[] stack = new int[EmbeddedJson.MAX_DEPTH];

  private int bottom;
  private int size;

  BracketMatcher(String text, Claims claimed, WorkBudget budget) {
    this.text = text;
    this.claimed = claimed;
    this.budget = budget;
    this.closers = new int[text.length()];
  }

  /**
   * The index of the bracket that closes the one at {@code opener}, or {@link #NONE}, by the rule
   * of the class comment; also {@link #NONE} once the budget is spent.
   *
   * @param opener the index of an opening bracket outside claimed segments
   */
  int closerOf(int opener) {
    if (closers[opener] == UNSETTLED && !budget.isSpent()) {
      pass(opener);
    }
    return closers[opener] > 0 ? closers[opener] - 1 : NONE;
  }

  private void pass(int from) {
    int claim = claimed.nextStart(from);
    int limit = claim < 0 ? text.length() : claim;
    size = 0;
    push(from);
    boolean inString = false;
    boolean escaped = false;
    for (int i = from + 1; i < limit && size > 0; i++) {
      if (!budget.take(1)) {
        return;
      }
      while (size > 0 && i - stack[bottom] >= EmbeddedJson.MAX_LENGTH) {
        dropBottom();
      }
      if (size == 0) {
        break;
      }

      char c = text.charAt(i);
      if (inString) {
        if (c < 0x20) {
          break;
        }
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        push(i);
      } else if (c == '}' || c == ']') {
        int top = stack[(bottom + size - 1) % stack.length];
        if (text.charAt(top) != (c == '}' ? '{' : '[')) {
          break;
        }
        closers[top] = i + 1;
        size--;
      }
    }

    // A mismatched closer, a control character in a string, a claim or the end of the text: each
    // bracket still open would meet the same fault if read from on its own.
    while (size > 0) {
      dropBottom();
    }
  }

  /** Pushes the bracket at {@code index}; past the depth bound the bottom bracket fails first. */
  private void push(int index) {
    if (size == stack.length) {
      dropBottom();
    }
    stack[(bottom + size) % stack.length] = index;
    size++;
  }

  /** Settles the bottom bracket of the stack as having no closer. */
  private void dropBottom() {
    closers[stack[bottom]] = FAILED;
    bottom = (bottom + 1) % stack.length;
    size--;
  }
}
