import { describe, expect, it } from "vitest";
import { firstValue } from "../src/requests";
import { EDGE, envelope, harness, onlyLog, post } from "./harness";

/** A body that arrives as a stream of chunks, with no Content-Length. */
function streamed(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    pull(controller) {
      const next = chunks.shift();
      if (next === undefined) {
        controller.close();
      } else {
        controller.enqueue(encoder.encode(next));
      }
    },
  });
}

describe("content type", () => {
  it.each([
    "application/json",
    "application/json; charset=utf-8",
    "Application/JSON; charset=UTF-8",
    'application/json; charset="utf8"',
    "application/json; boundary=x; flag",
    " application/json ",
    "\t application/json \t; charset = utf-8 \t",
  ])("%s_isAccepted", async (contentType) => {
    const h = harness();
    const response = await h.handle(post("/compress", "{}", { "Content-Type": contentType }));

    expect(response.status).toBe(200);
    expect(h.received[0]?.headers.get("Content-Type")).toBe(contentType.trim());
  });

  it.each([
    ["text/plain", "Content-Type must be application/json, not text/plain."],
    ["application/jsonx", "Content-Type must be application/json, not application/jsonx."],
    [
      "application/x-www-form-urlencoded",
      "Content-Type must be application/json, not application/x-www-form-urlencoded.",
    ],
    [
      "application/json; charset=latin1",
      "Request bodies must be UTF-8 JSON; charset latin1 is refused.",
    ],
    [
      "application/json; charset=utf-16",
      "Request bodies must be UTF-8 JSON; charset utf-16 is refused.",
    ],
    ["text/\u00e9", "Content-Type must be application/json, not a value outside visible ASCII."],
    ["text/a\tb", "Content-Type must be application/json, not a value outside visible ASCII."],
    [
      "\u00a0application/json",
      "Content-Type must be application/json, not a value outside visible ASCII.",
    ],
    [
      "application/json; charset=\u00e9",
      "Request bodies must be UTF-8 JSON; a charset outside visible ASCII is refused.",
    ],
  ])("%s_isUnsupportedMediaType", async (contentType, message) => {
    const h = harness();
    const response = await h.handle(post("/compress", "{}", { "Content-Type": contentType }));

    expect(response.status).toBe(415);
    expect(await envelope(response)).toMatchObject({ error: "unsupported_media_type", message });
    expect(h.received).toEqual([]);
  });

  it("missing content type_isUnsupportedMediaType", async () => {
    const h = harness();
    const request = new Request(EDGE + "/compress", {
      method: "POST",
      body: new Uint8Array([0x7b, 0x7d]),
    });
    const response = await h.handle(request);

    expect(response.status).toBe(415);
    expect((await envelope(response)).message).toBe(
      "Content-Type must be application/json; none was sent.",
    );
  });

  it("wrong media type with an oversized body_isUnsupportedMediaTypeFirst", async () => {
    const h = harness();
    const response = await h.handle(
      post("/compress", "x".repeat(4096), { "Content-Type": "text/plain" }),
    );

    expect(response.status).toBe(415);
  });
});

describe("body size", () => {
  const limitMessage = "Request body is larger than the limit of 1024 bytes.";

  it("body of exactly MAX_BODY_BYTES_isForwarded", async () => {
    const h = harness();
    const body = `{"text":"${"a".repeat(1024 - 11)}"}`;
    expect(new TextEncoder().encode(body).byteLength).toBe(1024);

    const response = await h.handle(post("/compress", body));

    expect(response.status).toBe(200);
    expect(h.received[0]?.body.byteLength).toBe(1024);
  });

  it("declared body over MAX_BODY_BYTES_isPayloadTooLarge", async () => {
    const h = harness();
    const response = await h.handle(post("/compress", `{"text":"${"a".repeat(1014)}"}`));

    expect(response.status).toBe(413);
    expect(await envelope(response)).toMatchObject({
      error: "payload_too_large",
      message: limitMessage,
    });
    expect(h.received).toEqual([]);
  });

  it("multibyte characters_countAsBytesNotCharacters", async () => {
    const h = harness();
    // 400 characters of three bytes each: 1200 bytes.
    const response = await h.handle(post("/compress", `{"text":"${"€".repeat(400)}"}`));

    expect(response.status).toBe(413);
  });

  it("streamed body without Content-Length over the limit_isPayloadTooLarge", async () => {
    const h = harness();
    const chunks = ['{"text":"', ...Array.from({ length: 20 }, () => "a".repeat(100)), '"}'];
    const request = new Request(EDGE + "/compress", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: streamed(chunks),
    });
    expect(request.headers.get("Content-Length")).toBeNull();

    const response = await h.handle(request);

    expect(response.status).toBe(413);
    expect((await envelope(response)).message).toBe(limitMessage);
    expect(h.received).toEqual([]);
  });

  it("streamed body within the limit_isForwardedWhole", async () => {
    const h = harness();
    const chunks = ['{"text":', '"chunked', ' body"}'];
    const request = new Request(EDGE + "/compress", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: streamed([...chunks]),
    });

    const response = await h.handle(request);

    expect(response.status).toBe(200);
    expect(new TextDecoder().decode(h.received[0]?.body)).toBe(chunks.join(""));
    expect(onlyLog(h)["body_bytes"]).toBe(chunks.join("").length);
  });
});

describe("request ids", () => {
  it.each(["abc", "x".repeat(128), "!~", "req-1:2/3?4#5"])(
    "client id %s_isKeptAndForwarded",
    async (id) => {
      const h = harness();
      const response = await h.handle(post("/compress", "{}", { "X-Request-ID": id }));

      expect(response.headers.get("X-Request-ID")).toBe(id);
      expect(h.received[0]?.headers.get("X-Request-ID")).toBe(id);
      expect(onlyLog(h)["request_id"]).toBe(id);
    },
  );

  it.each([
    ["too long", "x".repeat(129)],
    ["with a space", "a b"],
    ["with a tab", "a\tb"],
    ["with DEL", "a\x7fb"],
  ])("client id %s_isReplacedByANewOne", async (_, id) => {
    const h = harness();
    const response = await h.handle(post("/compress", "{}", { "X-Request-ID": id }));

    expect(response.headers.get("X-Request-ID")).toBe("generated-1");
    expect(h.received[0]?.headers.get("X-Request-ID")).toBe("generated-1");
  });

  it("no client id_isGenerated", async () => {
    const h = harness();
    const response = await h.handle(post("/compress", "{}"));

    expect(response.headers.get("X-Request-ID")).toBe("generated-1");
  });

  it("refused request_carriesTheIdInHeaderAndBody", async () => {
    const h = harness();
    const response = await h.handle(post("/nowhere", "{}", { "X-Request-ID": "trace-7" }));

    expect(response.headers.get("X-Request-ID")).toBe("trace-7");
    expect((await envelope(response)).request_id).toBe("trace-7");
  });
});

describe("tenants", () => {
  it("tenant header_isForwardedAndLogged", async () => {
    const h = harness();
    await h.handle(post("/compress", '{"text":"hi"}', { "X-Tenant-ID": "acme.prod" }));

    expect(h.received[0]?.headers.get("X-Tenant-ID")).toBe("acme.prod");
    expect(onlyLog(h)["tenant_id"]).toBe("acme.prod");
  });

  it("tenant in the body only_isLogged", async () => {
    const h = harness();
    await h.handle(post("/compress", '{"text":"hi","tenant_id":"acme-prod"}'));

    expect(h.received[0]?.headers.get("X-Tenant-ID")).toBeNull();
    expect(onlyLog(h)["tenant_id"]).toBe("acme-prod");
  });

  it("header and body disagreeing_isLeftToTheOrigin", async () => {
    const h = harness();
    const response = await h.handle(
      post("/compress", '{"text":"hi","tenant_id":"b"}', { "X-Tenant-ID": "a" }),
    );

    expect(response.status).toBe(200);
    expect(h.received).toHaveLength(1);
  });

  it.each(["no spaces allowed", "x".repeat(129), ""])(
    "malformed tenant %j_isForwardedButNotLogged",
    async (tenant) => {
      const h = harness();
      await h.handle(post("/compress", JSON.stringify({ text: "hi", tenant_id: tenant })));

      expect(h.received).toHaveLength(1);
      expect(onlyLog(h)["tenant_id"]).toBeNull();
    },
  );
});

describe("repeated headers", () => {
  /** A JSON POST whose headers are sent in this order, repeats included. */
  function postWith(headers: [string, string][]): Request {
    const sent = new Headers();
    for (const [name, value] of headers) {
      sent.append(name, value);
    }
    return new Request(EDGE + "/compress", { method: "POST", headers: sent, body: "{}" });
  }

  it("Content-Type sent twice_isAcceptedByItsFirstValueAndForwardedOnce", async () => {
    const h = harness();
    const response = await h.handle(
      postWith([
        ["Content-Type", "application/json"],
        ["Content-Type", "application/json"],
      ]),
    );

    expect(response.status).toBe(200);
    expect(h.received[0]?.headers.get("Content-Type")).toBe("application/json");
  });

  it("Content-Type with a second value that is not JSON_isJudgedByTheFirst", async () => {
    const h = harness();
    const refused = await h.handle(
      postWith([
        ["Content-Type", "text/plain"],
        ["Content-Type", "application/json"],
      ]),
    );

    expect(refused.status).toBe(415);
    expect((await envelope(refused)).message).toBe(
      "Content-Type must be application/json, not text/plain.",
    );
  });

  it("X-Request-ID sent twice_echoesTheFirst", async () => {
    const h = harness();
    const response = await h.handle(
      postWith([
        ["Content-Type", "application/json"],
        ["X-Request-ID", "first-id"],
        ["X-Request-ID", "second-id"],
      ]),
    );

    expect(response.headers.get("X-Request-ID")).toBe("first-id");
    expect(h.received[0]?.headers.get("X-Request-ID")).toBe("first-id");
    expect(onlyLog(h)["request_id"]).toBe("first-id");
  });

  it("X-Request-ID whose first value is not sane_isReplaced", async () => {
    const h = harness();
    const response = await h.handle(
      postWith([
        ["Content-Type", "application/json"],
        ["X-Request-ID", "x".repeat(129)],
        ["X-Request-ID", "second-id"],
      ]),
    );

    expect(response.headers.get("X-Request-ID")).toBe("generated-1");
  });

  it("X-Tenant-ID sent twice_isForwardedJoinedForTheOriginToRefuse", async () => {
    const h = harness();
    await h.handle(
      postWith([
        ["Content-Type", "application/json"],
        ["X-Tenant-ID", "acme"],
        ["X-Tenant-ID", "acme"],
      ]),
    );

    // The origin answers 422 for a joined value, as it does for a repeated header.
    expect(h.received[0]?.headers.get("X-Tenant-ID")).toBe("acme, acme");
    expect(onlyLog(h)["tenant_id"]).toBeNull();
  });

  it.each([
    [null, null],
    ["application/json", "application/json"],
    ["application/json, text/plain", "application/json"],
    ['application/json; x="a,b", text/plain', 'application/json; x="a,b"'],
    ['application/json; x="a\\",b", text/plain', 'application/json; x="a\\",b"'],
    ["a,b", "a"],
  ])("first value of %j_is%j", (value, expected) => {
    expect(firstValue(value)).toBe(expected);
  });
});

describe("refused bodies", () => {
  const limitMessage = "Request body is larger than the limit of 1024 bytes.";

  /** A body of `count` chunks of 100 bytes that counts how many were pulled and if cancelled. */
  function counted(count: number): {
    body: ReadableStream<Uint8Array>;
    pulled: () => number;
    cancelled: () => boolean;
  } {
    let pulled = 0;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (pulled === count) {
            controller.close();
            return;
          }
          pulled++;
          controller.enqueue(new TextEncoder().encode("a".repeat(100)));
        },
        cancel() {
          cancelled = true;
        },
      },
      { highWaterMark: 0 },
    );
    return { body, pulled: () => pulled, cancelled: () => cancelled };
  }

  it("declared length over the limit_isPayloadTooLargeWithoutReadingTheBody", async () => {
    const h = harness();
    const stream = counted(1000);
    const response = await h.handle(
      new Request(EDGE + "/compress", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Content-Length": "100000" },
        body: stream.body,
      }),
    );

    expect(response.status).toBe(413);
    expect((await envelope(response)).message).toBe(limitMessage);
    expect(stream.pulled()).toBe(0);
    expect(h.received).toEqual([]);
  });

  it("streamed body passing the limit_isPayloadTooLargeWithoutReadingTheRest", async () => {
    const h = harness();
    const stream = counted(1000);
    const response = await h.handle(
      new Request(EDGE + "/compress", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: stream.body,
      }),
    );

    expect(response.status).toBe(413);
    expect((await envelope(response)).message).toBe(limitMessage);
    // The limit of 1024 bytes is passed at the 11th chunk; the rest is never asked for.
    expect(stream.pulled()).toBeLessThan(20);
    expect(stream.cancelled()).toBe(true);
  });

  it("body stream that fails_isBadRequestAsOnTheOrigin", async () => {
    const h = harness();
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) {
          controller.error(new TypeError("Network connection lost."));
          return;
        }
        sent = true;
        controller.enqueue(new TextEncoder().encode('{"text":"cut'));
      },
    });
    const response = await h.handle(
      new Request(EDGE + "/compress", {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Request-ID": "cut-1" },
        body,
      }),
    );

    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: "bad_request",
      message: "The request body could not be read completely.",
      request_id: "cut-1",
    });
    expect(h.received).toEqual([]);
    const line = onlyLog(h);
    expect(line).toMatchObject({ status: 400, error: "bad_request", decision: "reject" });
    expect(line["reason"]).toBeUndefined();
  });
});
