package com.usagetap.compression.compress;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Many patterns searched for at once: fed a sequence one symbol at a time, it says after each
 * symbol how long the longest pattern ending there is.
 *
 * <p>Design: the Aho-Corasick automaton (Aho and Corasick, "Efficient string matching", CACM 1975),
 * a trie of the patterns with a failure link from each state to the longest proper suffix of its
 * path that is also a trie path. Reading a symbol descends at most one level and each failure step
 * climbs at least one, so a whole input costs at most twice its length in steps whatever the
 * patterns, where searching for each pattern apart would cost the input's length once per pattern
 * and {@link String#indexOf} can cost the input's length times the pattern's on repetitive text.
 * Only the longest match per position is kept because callers cover spans: the shorter patterns
 * ending at the same place lie inside it.
 *
 * <p>A state's children sit sorted in one shared array and are found by binary search, so a step
 * costs a logarithm of the fan-out, allocates nothing, and has no hash that chosen input could make
 * collide.
 */
final class PatternAutomaton {
  static final int START = 0;

  /** The outgoing edges of state {@code s} are {@code [firstEdge[s], firstEdge[s + 1])}. */
  private final int[] firstEdge;

  private final int[] edgeSymbols;
  private final int[] edgeTargets;
  private final int[] failure;
  private final int[] longest;

  private PatternAutomaton(
      int[] firstEdge, int[] edgeSymbols, int[] edgeTargets, int[] failure, int[] longest) {
    this.firstEdge = firstEdge;
    this.edgeSymbols = edgeSymbols;
    this.edgeTargets = edgeTargets;
    this.failure = failure;
    this.longest = longest;
  }

  /**
   * Builds the automaton of {@code patterns}, in time linear in their total length plus the cost of
   * sorting them. Empty patterns and repeats are ignored.
   *
   * @param patterns sequences of non-negative symbols
   */
  static PatternAutomaton of(List<int[]> patterns) {
    List<int[]> sorted = new ArrayList<>(patterns);
    sorted.sort(Arrays::compare);
    int capacity = 1;
    int longestPattern = 0;
    for (int[] pattern : sorted) {
      capacity += pattern.length;
      longestPattern = Math.max(longestPattern, pattern.length);
    }

    // In sorted order a pattern shares with the one before it exactly the trie path of their
    // common prefix, so the trie grows without looking children up, and the children of each
    // state are created in the order of their symbols.
    int[] parent = new int[capacity];
    int[] symbol = new int[capacity];
    int[] depth = new int[capacity];
    boolean[] ends = new boolean[capacity];
    int[] path = new int[longestPattern + 1];
    int[] previous = new int[0];
    int states = 1;
    for (int[] pattern : sorted) {
      int shared = Arrays.mismatch(previous, pattern);
      for (int d = shared < 0 ? pattern.length : shared; d < pattern.length; d++) {
        int t = states++;
        parent[t] = path[d];
        symbol[t] = pattern[d];
        depth[t] = d + 1;
        path[d + 1] = t;
      }
      ends[path[pattern.length]] = pattern.length > 0;
      previous = pattern;
    }

    // Edges grouped by parent, stably, so each state's edges stay in the order of their symbols.
    int[] firstEdge = new int[states + 1];
    for (int t = 1; t < states; t++) {
      firstEdge[parent[t] + 1]++;
    }
    for (int s = 0; s < states; s++) {
      firstEdge[s + 1] += firstEdge[s];
    }
    int[] edgeSymbols = new int[states - 1];
    int[] edgeTargets = new int[states - 1];
    int[] filled = Arrays.copyOf(firstEdge, states);
    for (int t = 1; t < states; t++) {
      int e = filled[parent[t]]++;
      edgeSymbols[e] = symbol[t];
      edgeTargets[e] = t;
    }

    // Failure links in order of depth, so the links a state's link is made from already exist.
    PatternAutomaton automaton =
        new PatternAutomaton(firstEdge, edgeSymbols, edgeTargets, new int[states], new int[states]);
    for (int t : byDepth(depth, states)) {
      int link =
          parent[t] == START ? START : automaton.next(automaton.failure[parent[t]], symbol[t]);
      automaton.failure[t] = link;
      automaton.longest[t] = ends[t] ? depth[t] : automaton.longest[link];
    }
    return automaton;
  }

  boolean isEmpty() {
    return edgeSymbols.length == 0;
  }

  /** The state reached from {@code state} by reading {@code symbol}. */
  int next(int state, int symbol) {
    while (true) {
      int from = firstEdge[state];
      int to = firstEdge[state + 1];
      if (from < to) {
        int at = Arrays.binarySearch(edgeSymbols, from, to, symbol);
        if (at >= 0) {
          return edgeTargets[at];
        }
      }
      if (state == START) {
        return START;
      }
      state = failure[state];
    }
  }

  /** The length of the longest pattern that ends with the symbol that led to {@code state}. */
  int longestMatch(int state) {
    return longest[state];
  }

  /** States other than the start, shallowest first (a counting sort on depth). */
  private static int[] byDepth(int[] depth, int states) {
    int maxDepth = 0;
    for (int t = 1; t < states; t++) {
      maxDepth = Math.max(maxDepth, depth[t]);
    }
    // first[d] ends up as the number of states shallower than d: where depth d's run begins.
    int[] first = new int[maxDepth + 2];
    for (int t = 1; t < states; t++) {
      first[depth[t] + 1]++;
    }
    for (int d = 0; d <= maxDepth; d++) {
      first[d + 1] += first[d];
    }
    int[] order = new int[states - 1];
    for (int t = 1; t < states; t++) {
      order[first[depth[t]]++] = t;
    }
    return order;
  }
}
