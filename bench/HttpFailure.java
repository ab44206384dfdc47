/** A non-200 answer; ends the case. */
final class HttpFailure extends Exception {
  final int status;

  HttpFailure(int status, String body) {
    super("HTTP " + status + ": " + body.substring(0, Math.min(200, body.length())).strip());
    this.status = status;
  }
}
