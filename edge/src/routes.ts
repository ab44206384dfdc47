/**
 * The public routes: an allowlist matched exactly, as the origin matches them.
 *
 * The origin routes its undecoded request path with no trailing-slash, repeated-slash or case
 * folding, so `/compress/`, `//compress`, `/Compress` and `/%63ompress` are all unknown paths
 * there. The edge compares `URL.pathname`, which the URL parser leaves percent-encoded, with
 * the same strings, so it refuses exactly what the origin refuses. The origin's private routes
 * (`/openapi.json`, `/docs`, `/metrics`) are deliberately absent.
 */
import { EdgeError } from "./responses";

export type RouteName = "health" | "compress" | "v1_compress" | "messages_compress" | "estimate";

export interface Route {
  readonly name: RouteName;
  readonly path: string;
  readonly method: "GET" | "POST";
}

const ROUTES: readonly Route[] = [
  { name: "health", path: "/health", method: "GET" },
  { name: "compress", path: "/compress", method: "POST" },
  { name: "v1_compress", path: "/v1/compress", method: "POST" },
  { name: "messages_compress", path: "/v1/messages/compress", method: "POST" },
  { name: "estimate", path: "/tokens/estimate", method: "POST" },
];

const BY_PATH = new Map(ROUTES.map((route) => [route.path, route]));

/**
 * The route for a request, checked in the contract's order: path, then method.
 *
 * @throws EdgeError `not_found` for any other path, `method_not_allowed` with `Allow` for another
 *     method on a known path (HEAD and OPTIONS included, as on the origin)
 */
export function matchRoute(method: string, pathname: string): Route {
  const route = findRoute(method, pathname);
  requireMethod(route, method);
  return route;
}

/**
 * The route at a path, whatever the method, so that a wrong method is still logged by its route.
 *
 * @throws EdgeError `not_found` for any path but a route's
 */
export function findRoute(method: string, pathname: string): Route {
  const route = BY_PATH.get(pathname);
  if (!route) {
    throw new EdgeError("not_found", `No route ${method} ${pathname}.`);
  }
  return route;
}

/**
 * Requires the route's own method.
 *
 * @throws EdgeError `method_not_allowed` with `Allow` for any other (HEAD and OPTIONS included, as
 *     on the origin)
 */
export function requireMethod(route: Route, method: string): void {
  if (method !== route.method) {
    throw new EdgeError(
      "method_not_allowed",
      `${method} is not allowed here; use ${route.method}.`,
      { Allow: route.method },
    );
  }
}
