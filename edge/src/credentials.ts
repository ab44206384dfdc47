/**
 * What the edge proves itself to the origin with, added to every origin call (forwarded requests
 * and the health probe) after the client's headers have been filtered, so a client's own
 * `Authorization` or `X-Origin-Auth` never reaches the origin.
 *
 * `shared-secret` sends `ORIGIN_SHARED_SECRET` in `X-Origin-Auth`, which the origin checks.
 * `google-iam` sends `Authorization: Bearer <ID token>`, which Cloud Run's IAM check verifies
 * before the origin sees the request; the token comes from {@link IdTokens}. When
 * `ORIGIN_SHARED_SECRET` is set too, it is sent beside the token, so the move from one mode to
 * the other needs no window in which the origin refuses the edge, and the origin's own check can
 * stay as a second lock.
 */
import type { Config } from "./config";
import { CredentialError, IdTokens } from "./google";
import { UNAVAILABLE_MESSAGE, type Fetcher } from "./origin";
import { EdgeError } from "./responses";

/** The header the origin reads the shared secret from. */
export const ORIGIN_AUTH_HEADER = "X-Origin-Auth";

/** What a credential needs from the Worker's surroundings. */
export interface CredentialContext {
  readonly idTokens: IdTokens;
  /** Reaches Google's token and IAM endpoints; `fetch` in production. */
  readonly fetcher: Fetcher;
  readonly now: () => number;
}

/**
 * The headers that authenticate one origin call under `config`.
 *
 * @throws EdgeError `origin_unavailable` when no ID token can be had in time (google-iam)
 */
export async function credentialHeaders(
  config: Config,
  context: CredentialContext,
): Promise<Record<string, string>> {
  const auth = config.originAuth;
  switch (auth.mode) {
    case "none":
      return {};
    case "shared-secret":
      return { [ORIGIN_AUTH_HEADER]: auth.secret };
    case "google-iam": {
      const token = await context.idTokens.get(auth, context.fetcher, context.now);
      const bearer = { Authorization: `Bearer ${token}` };
      return auth.secret === undefined ? bearer : { ...bearer, [ORIGIN_AUTH_HEADER]: auth.secret };
    }
  }
}

/**
 * Refuses an answer by which the origin refuses the edge's credential: under a mode other than
 * `none`, a `401` or `403` means the edge is misconfigured (a stale secret, a missing IAM
 * binding), which no client can mend, so it is answered as the origin being unavailable. A
 * refused ID token is discarded, so the next request mints another.
 *
 * @throws EdgeError `origin_unavailable`, with a {@link CredentialError} naming the status
 */
export function requireAccepted(config: Config, status: number, idTokens: IdTokens): void {
  if (config.originAuthMode === "none" || (status !== 401 && status !== 403)) {
    return;
  }
  if (config.originAuthMode === "google-iam") {
    idTokens.discard();
  }
  const cause = new CredentialError(`origin_refused_${status}`);
  throw new EdgeError("origin_unavailable", UNAVAILABLE_MESSAGE, {}, cause);
}
