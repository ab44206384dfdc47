// The least a Worker in front of the origin can do, for the load run's floor: each request goes
// to the origin with the same method, path, query, Content-Type and body bytes, and the origin's
// answer comes back as it is, status, headers and body. It parses nothing, checks nothing and
// adds no header of its own, so the time it adds over the origin alone is what any Worker pays
// for the hop through workerd on this machine; the edge Worker's excess over it is its own code.
//
// Served by edge/scripts/workerd-config.mjs --module, which embeds this file as it is: it must
// stay one module with no imports. ORIGIN_BASE_URL is its only binding.
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const headers = new Headers();
    const contentType = request.headers.get("Content-Type");
    if (contentType !== null) {
      headers.set("Content-Type", contentType);
    }
    // Read whole, so the origin gets the body with its length, as the client sent it, and not
    // re-framed as chunks.
    const body =
      request.method === "GET" || request.method === "HEAD"
        ? undefined
        : await request.arrayBuffer();
    return fetch(new URL(url.pathname + url.search, env.ORIGIN_BASE_URL), {
      method: request.method,
      headers,
      body,
    });
  },
};
