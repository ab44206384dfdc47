/**
 * Google ID tokens for Cloud Run's IAM check, minted from a service account key.
 *
 * The flow is Google's for a service account outside Google Cloud: sign a JWT assertion with the
 * account's key (RS256, RFC 7515 and 7523), exchange it at the OAuth 2.0 token endpoint for an
 * access token, then ask the IAM Credentials API's `generateIdToken` for an ID token whose
 * audience is the Cloud Run service. Signing is WebCrypto's RSASSA-PKCS1-v1_5 with SHA-256.
 *
 * One isolate keeps one token and uses it until {@link REFRESH_MARGIN_MS} before its `exp`; if
 * the refresh then fails, the old token serves until {@link EXPIRY_SAFETY_MS} before its `exp`,
 * so a short Google outage costs nothing while a token lives. Concurrent requests that find it
 * due share a single refresh; each waits for it under its own timer, since a refresh started by
 * another request is that request's I/O, which the runtime may cancel with it, so no request
 * hangs on another's fetch. A refresh that outlives its deadline is abandoned and the next
 * request starts another.
 *
 * Security: the key, the assertion, the access token and the ID token are never put in an error
 * message, and failures carry a fixed label (`detail`) rather than anything Google answered.
 */
import type { GoogleIamSettings } from "./config";
import { UNAVAILABLE_MESSAGE, type Fetcher } from "./origin";
import { EdgeError } from "./responses";

/** How long before its `exp` a token is replaced, so none is sent about to expire. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

/** How long before its `exp` a token is no longer sent, even when no new one can be had. */
export const EXPIRY_SAFETY_MS = 30_000;

/** Longest a refresh (both Google calls) may take before the waiting requests give up. */
export const REFRESH_TIMEOUT_MS = 5_000;

/** Lifetime asked for the assertion; Google accepts at most an hour. */
const ASSERTION_LIFETIME_SECONDS = 3600;

/** The scope `generateIdToken` needs. */
const CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";

/** Why no ID token could be had: `detail` is a fixed label, safe to log. */
export class CredentialError extends Error {
  constructor(readonly detail: string) {
    super(`origin credential unavailable: ${detail}`);
    this.name = "CredentialError";
  }
}

interface CachedToken {
  readonly key: string;
  readonly token: string;
  /** When the token is due for replacement, in the clock's milliseconds. */
  readonly refreshAt: number;
  /** The token's `exp`, in milliseconds. */
  readonly expiresAt: number;
}

interface Refresh {
  readonly key: string;
  readonly startedAt: number;
  readonly token: Promise<string>;
}

/** The isolate's ID token, refreshed on demand; one per isolate. */
export class IdTokens {
  private current: CachedToken | undefined;
  private refresh: Refresh | undefined;
  private signingKey: { pem: string; key: Promise<CryptoKey> } | undefined;

  constructor(private readonly timeoutMs: number = REFRESH_TIMEOUT_MS) {}

  /**
   * A valid ID token for `settings.audience`, the cached one while it is fresh.
   *
   * @throws EdgeError `origin_unavailable`, with a {@link CredentialError} as its cause, when
   *     Google refuses, answers something unreadable or does not answer within the timeout
   */
  async get(settings: GoogleIamSettings, fetcher: Fetcher, now: () => number): Promise<string> {
    // A token is for one account and one audience; another configuration needs its own.
    const key = `${settings.serviceAccountEmail} ${settings.audience}`;
    const started = now();
    const current = this.current;
    if (current !== undefined && current.key === key && started < current.refreshAt) {
      return current.token;
    }

    let refresh = this.refresh;
    if (
      refresh === undefined ||
      refresh.key !== key ||
      started - refresh.startedAt >= this.timeoutMs
    ) {
      refresh = this.start(settings, fetcher, now, key, started);
    }
    try {
      return await this.waitFor(refresh.token);
    } catch (failure) {
      // A token past its refresh time but short of its expiry still opens the origin.
      const usable = current?.key === key && now() < current.expiresAt - EXPIRY_SAFETY_MS;
      if (current !== undefined && usable) {
        return current.token;
      }
      throw failure;
    }
  }

  /**
   * Forgets the cached token, so the next request mints another: for a token the origin
   * refused, which a new one may replace (a revoked key, a binding just granted).
   */
  discard(): void {
    this.current = undefined;
  }

  private start(
    settings: GoogleIamSettings,
    fetcher: Fetcher,
    now: () => number,
    key: string,
    startedAt: number,
  ): Refresh {
    const token = this.mint(settings, fetcher, now).then((minted) => {
      this.current = { key, ...minted };
      return minted.token;
    });
    const refresh = { key, startedAt, token };
    this.refresh = refresh;
    const clear = () => {
      if (this.refresh === refresh) {
        this.refresh = undefined;
      }
    };
    // Every waiter may have given up by the time it settles; the outcome is still handled.
    token.then(clear, clear);
    return refresh;
  }

  /** Waits for a refresh under this request's own timer. */
  private async waitFor(token: Promise<string>): Promise<string> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CredentialError("timeout")), this.timeoutMs);
    });
    try {
      return await Promise.race([token, deadline]);
    } catch (failure) {
      const cause = failure instanceof CredentialError ? failure : new CredentialError("failed");
      throw new EdgeError("origin_unavailable", UNAVAILABLE_MESSAGE, {}, cause);
    } finally {
      if (timer !== undefined) {
        clearTimeout(timer);
      }
    }
  }

  /** Both Google calls, aborted together when the deadline passes. */
  private async mint(
    settings: GoogleIamSettings,
    fetcher: Fetcher,
    now: () => number,
  ): Promise<{ token: string; refreshAt: number; expiresAt: number }> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const assertion = await this.sign(settings, now());
      const accessToken = await exchange(settings, assertion, fetcher, controller.signal);
      const token = await generateIdToken(settings, accessToken, fetcher, controller.signal);
      const expiresAt = expiryOf(token);
      return { token, refreshAt: expiresAt - REFRESH_MARGIN_MS, expiresAt };
    } finally {
      clearTimeout(timer);
    }
  }

  private async sign(settings: GoogleIamSettings, nowMs: number): Promise<string> {
    if (this.signingKey?.pem !== settings.privateKeyPem) {
      const key = importKey(settings.privateKeyPem);
      // A key that fails to import is tried again on the next refresh, not remembered.
      key.catch(() => {
        if (this.signingKey?.key === key) {
          this.signingKey = undefined;
        }
      });
      this.signingKey = { pem: settings.privateKeyPem, key };
    }
    const issuedAt = Math.floor(nowMs / 1000);
    const claims = {
      iss: settings.serviceAccountEmail,
      scope: CLOUD_PLATFORM_SCOPE,
      aud: settings.tokenUrl,
      iat: issuedAt,
      exp: issuedAt + ASSERTION_LIFETIME_SECONDS,
    };
    return signJwt(await this.signingKey.key, claims);
  }
}

/** Signs `claims` as a compact JWS with RS256. */
export async function signJwt(key: CryptoKey, claims: Record<string, unknown>): Promise<string> {
  const header = base64UrlText(JSON.stringify({ alg: "RS256", typ: "JWT" }));
  const payload = base64UrlText(JSON.stringify(claims));
  const input = `${header}.${payload}`;
  const signature = await crypto.subtle.sign(
    "RSASSA-PKCS1-v1_5",
    key,
    new TextEncoder().encode(input),
  );
  return `${input}.${base64Url(new Uint8Array(signature))}`;
}

async function importKey(pem: string): Promise<CryptoKey> {
  const body = pem
    .replace("-----BEGIN PRIVATE KEY-----", "")
    .replace("-----END PRIVATE KEY-----", "")
    .replace(/\s+/g, "");
  try {
    const der = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
    return await crypto.subtle.importKey(
      "pkcs8",
      der,
      { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
      false,
      ["sign"],
    );
  } catch {
    throw new CredentialError("private_key_unusable");
  }
}

/** The assertion exchanged for an access token (RFC 7523, section 2.1). */
async function exchange(
  settings: GoogleIamSettings,
  assertion: string,
  fetcher: Fetcher,
  signal: AbortSignal,
): Promise<string> {
  const form = new URLSearchParams({
    grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
    assertion,
  });
  const answer = await call(fetcher, "token_endpoint", settings.tokenUrl, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: form.toString(),
    signal,
  });
  return field(answer, "access_token", "token_endpoint");
}

async function generateIdToken(
  settings: GoogleIamSettings,
  accessToken: string,
  fetcher: Fetcher,
  signal: AbortSignal,
): Promise<string> {
  const account = encodeURIComponent(settings.serviceAccountEmail);
  const url = `${settings.iamCredentialsUrl}/v1/projects/-/serviceAccounts/${account}:generateIdToken`;
  const answer = await call(fetcher, "iam_credentials", url, {
    method: "POST",
    headers: { Authorization: `Bearer ${accessToken}`, "Content-Type": "application/json" },
    body: JSON.stringify({ audience: settings.audience, includeEmail: true }),
    signal,
  });
  return field(answer, "token", "iam_credentials");
}

/** One Google call: a `2xx` JSON object, or a CredentialError naming the step and status. */
async function call(
  fetcher: Fetcher,
  step: string,
  url: string,
  init: RequestInit,
): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetcher(new Request(url, { ...init, redirect: "manual" }));
  } catch {
    throw new CredentialError(init.signal?.aborted ? `${step}_timeout` : `${step}_unreachable`);
  }
  // The body of a refusal can echo what was sent; it is dropped unread.
  if (response.status < 200 || response.status > 299) {
    await response.body?.cancel();
    throw new CredentialError(`${step}_status_${response.status}`);
  }
  try {
    const parsed: unknown = await response.json();
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // Falls through to the error below: what cannot be read is as bad as a wrong shape.
  }
  throw new CredentialError(`${step}_malformed`);
}

function field(answer: Record<string, unknown>, name: string, step: string): string {
  const value = answer[name];
  if (typeof value !== "string" || value === "") {
    throw new CredentialError(`${step}_malformed`);
  }
  return value;
}

/** The `exp` of a JWT, in milliseconds; the token is Google's, so only its shape is checked. */
function expiryOf(token: string): number {
  const payload = token.split(".")[1];
  try {
    const claims: unknown = JSON.parse(fromBase64UrlText(payload ?? ""));
    const exp = (claims as Record<string, unknown>)["exp"];
    if (typeof exp === "number" && Number.isFinite(exp)) {
      return exp * 1000;
    }
  } catch {
    // Falls through to the error below.
  }
  throw new CredentialError("id_token_malformed");
}

function base64UrlText(text: string): string {
  return base64Url(new TextEncoder().encode(text));
}

function base64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64UrlText(text: string): string {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}
