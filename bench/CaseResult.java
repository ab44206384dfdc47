/** Sequential measurements of one payload, or the reason it was skipped. */
record CaseResult(
    String name,
    int bodyBytes,
    int requestedTokens,
    int rounds,
    double medianMs,
    double p90Ms,
    int tokensIn,
    int tokensOut,
    String skipped) {

  static CaseResult skip(Payload payload, String reason) {
    return new CaseResult(
        payload.name(), payload.body().length, payload.requestedTokens(), 0, 0, 0, 0, 0, reason);
  }

  boolean measured() {
    return skipped == null;
  }

  double requestsPerSecond() {
    return 1000.0 / medianMs;
  }

  double tokensPerSecond() {
    return tokensIn * 1000.0 / medianMs;
  }

  double msPerThousandTokens() {
    return medianMs * 1000.0 / tokensIn;
  }
}
