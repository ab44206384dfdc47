/** Several clients sending the same payload at once. */
record ConcurrencyResult(
    String name, int clients, int requests, double wallMs, double medianMs, double p90Ms) {

  double throughput() {
    return requests * 1000.0 / wallMs;
  }
}
