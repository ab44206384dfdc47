/** One request body to send repeatedly. */
record Payload(String name, String path, byte[] body, int requestedTokens) {}
