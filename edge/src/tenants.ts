/**
 * The registered tenant profiles, as far as the edge acts on them.
 *
 * `TENANT_PROFILES` holds the text of the same file the origin reads from
 * `TENANT_PROFILES_FILE`: a JSON object keyed by tenant id whose values are profile objects. The
 * edge reads two fields of a profile, `cache_enabled` (whether its answers may be cached) and
 * `default_aggressiveness` (for the skip rule); the origin validates every other field when it
 * starts, and the edge checks the shape and these two as strictly as the origin does, so a file
 * one side refuses is not half-used by the other.
 */
import { ConfigError } from "./config";
import { parseJsonBody } from "./json";
import { isTenantId } from "./requests";

/** What the edge uses of one registered profile. */
export interface EdgeTenantProfile {
  /** False when the tenant's answers must not be cached; absent means the edge's default. */
  readonly cacheEnabled?: boolean;
  /** Used when a request gives no aggressiveness of its own. */
  readonly defaultAggressiveness?: number;
  /**
   * Present when the profile gives `force_keep_tokens`, `force_drop_phrases` or
   * `protected_headings`: rules the edge does not apply, so it leaves such a tenant's requests to
   * the origin wherever they could matter.
   */
  readonly hasLists?: true;
}

/** The origin's ceiling for any aggressiveness (`TenantProfile.MAX_AGGRESSIVENESS`). */
export const MAX_AGGRESSIVENESS = 0.9;

const VARIABLE = "TENANT_PROFILES";

/** The profile lists that change what the origin does with a text's words or sections. */
const LIST_FIELDS = ["force_keep_tokens", "force_drop_phrases", "protected_headings"];

/**
 * Parses the profiles text.
 *
 * @throws ConfigError naming the first fault: not a JSON object, a bad tenant id, a profile that
 *   is not an object, or a bad `cache_enabled` or `default_aggressiveness`
 */
export function parseTenantProfiles(text: string): ReadonlyMap<string, EdgeTenantProfile> {
  let root: unknown;
  try {
    root = parseJsonBody(new TextEncoder().encode(text));
  } catch {
    throw new ConfigError(VARIABLE, "is not valid JSON; expected the tenant profiles file.");
  }
  if (!isObject(root)) {
    throw new ConfigError(VARIABLE, "must be a JSON object keyed by tenant id.");
  }

  const profiles = new Map<string, EdgeTenantProfile>();
  for (const [tenant, value] of Object.entries(root)) {
    if (!isTenantId(tenant)) {
      throw new ConfigError(VARIABLE, `names "${tenant}", which is not a valid tenant id.`);
    }
    if (!isObject(value)) {
      throw new ConfigError(VARIABLE, `has a profile for ${tenant} that is not an object.`);
    }
    profiles.set(tenant, readProfile(tenant, value));
  }
  return profiles;
}

function readProfile(tenant: string, profile: Record<string, unknown>): EdgeTenantProfile {
  const cache = profile["cache_enabled"];
  if (cache !== undefined && cache !== null && typeof cache !== "boolean") {
    throw new ConfigError(VARIABLE, `${tenant}.cache_enabled must be true or false.`);
  }
  const aggressiveness = profile["default_aggressiveness"];
  if (
    aggressiveness !== undefined &&
    aggressiveness !== null &&
    (typeof aggressiveness !== "number" ||
      aggressiveness < 0 ||
      aggressiveness > MAX_AGGRESSIVENESS)
  ) {
    throw new ConfigError(
      VARIABLE,
      `${tenant}.default_aggressiveness must be a number from 0 to ${MAX_AGGRESSIVENESS}.`,
    );
  }
  const hasLists = LIST_FIELDS.some(
    (name) => profile[name] !== undefined && profile[name] !== null,
  );
  return {
    ...(typeof cache === "boolean" ? { cacheEnabled: cache } : {}),
    ...(hasLists ? { hasLists: true as const } : {}),
    ...(typeof aggressiveness === "number" ? { defaultAggressiveness: aggressiveness } : {}),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
