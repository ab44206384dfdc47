/** One timed response. */
record Sample(long nanos, int originalTokens, int compressedTokens) {}
