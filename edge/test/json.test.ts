import { describe, expect, it } from "vitest";
import { parseJsonBody } from "../src/json";
import { EdgeError } from "../src/responses";
import golden from "./golden/json-bodies.json";
import { envelope, harness } from "./harness";

interface GoldenCase {
  body_base64: string;
  status: number;
  error: string | null;
  message?: string;
}

function bytes(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** A readable name for a case: its body, shortened, with control characters escaped. */
function named(c: GoldenCase): [string, GoldenCase] {
  const text = JSON.stringify(new TextDecoder().decode(bytes(c.body_base64)));
  return [text.length > 60 ? text.slice(0, 57) + "..." : text, c];
}

const cases = (golden.cases as GoldenCase[]).map(named);
const refused = cases.filter(([, c]) => c.status === 400);
const accepted = cases.filter(([, c]) => c.status !== 400);

describe("JSON bodies, as recorded from the origin (scripts/record_json_goldens.py)", () => {
  it("golden file_holdsBothKinds", () => {
    expect(refused.length).toBeGreaterThan(50);
    expect(accepted.length).toBeGreaterThan(10);
  });

  it.each(refused)("%s_isRefusedWithTheOriginsMessage", async (_, c) => {
    const h = harness();
    const response = await h.handle(
      new Request("https://edge.test/tokens/estimate", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: bytes(c.body_base64),
      }),
    );

    expect(response.status).toBe(400);
    expect(await envelope(response)).toMatchObject({ error: "invalid_json", message: c.message });
    expect(h.received).toEqual([]);
  });

  it.each(accepted)("%s_isForwardedForTheOriginToJudge", async (_, c) => {
    const h = harness();
    const body = bytes(c.body_base64);
    await h.handle(
      new Request("https://edge.test/tokens/estimate", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body,
      }),
    );

    expect(h.received).toHaveLength(1);
    expect(h.received[0]?.body).toEqual(body);
  });
});

describe("parseJsonBody", () => {
  it("object_isReturnedWithItsValues", () => {
    const value = parseJsonBody(new TextEncoder().encode('{"a":[1,"x",true,null],"b":{}}'));

    expect(value).toEqual({ a: [1, "x", true, null], b: {} });
  });

  it("__proto__ key_isAnOrdinaryProperty", () => {
    const value = parseJsonBody(new TextEncoder().encode('{"__proto__":{"polluted":1}}'));

    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value as object)).toEqual(["__proto__"]);
  });

  it("escapes_areDecoded", () => {
    const value = parseJsonBody(
      new TextEncoder().encode('"\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00"'),
    );

    expect(value).toBe('"\\/\b\f\n\r\t\u00e9\u{1f600}');
  });

  it("refusal_isAnInvalidJsonEdgeError", () => {
    expect(() => parseJsonBody(new TextEncoder().encode("{"))).toThrow(EdgeError);
  });
});
