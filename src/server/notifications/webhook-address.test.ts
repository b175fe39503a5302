import { createServer, type IncomingMessage, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postWebhook, signWebhook, verifyWebhookSignature } from "./senders";
import { forbiddenRange, resolveWebhookTarget, WebhookTargetRefused } from "./webhook-address";

interface Receiver {
  server: Server;
  port: number;
  hits: { url: string; headers: IncomingMessage["headers"]; body: string }[];
}

/** A real HTTP receiver on 127.0.0.1 that answers with the given handler. */
async function startReceiver(
  answer: (response: import("node:http").ServerResponse, port: number) => void = (r) => r.end("ok"),
): Promise<Receiver> {
  const hits: Receiver["hits"] = [];
  let port = 0;
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      hits.push({ url: request.url ?? "", headers: request.headers, body });
      answer(response, port);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as { port: number }).port;
  return { server, port, hits };
}

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  return error instanceof WebhookTargetRefused ? error.text.en : `not refused: ${String(error)}`;
};

describe("webhook targets", () => {
  let receiver: Receiver;
  let redirecting: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
    redirecting = await startReceiver((response) => {
      response.statusCode = 302;
      response.setHeader("location", `http://127.0.0.1:${receiver.port}/elsewhere`);
      response.end();
    });
  });
  afterAll(async () => {
    for (const r of [receiver, redirecting]) await new Promise((resolve) => r?.server.close(resolve));
  });

  it.each([
    ["127.0.0.1", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.5.4", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "linkLocal"],
    ["100.64.0.1", "carrierGradeNat"],
    ["224.0.0.1", "multicast"],
    ["0.0.0.0", "unspecified"],
    ["255.255.255.255", "broadcast"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "linkLocal"],
    ["fd00:ec2::254", "uniqueLocal"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:10.0.0.1", "private"],
    ["64:ff9b::a00:1", "rfc6052"],
    ["2002:a00:1::", "6to4"],
  ])("classes %s as %s", (address, range) => {
    expect(forbiddenRange(address)).toBe(range);
  });

  it("lets public unicast addresses through", () => {
    expect(forbiddenRange("93.184.216.34")).toBeNull();
    expect(forbiddenRange("2606:2800:220:1:248:1893:25c8:1946")).toBeNull();
  });

  it("refuses loopback, private, metadata and mapped addresses, and a name resolving to loopback, without sending anything", async () => {
    const policy = { allowHosts: [] };
    const port = receiver.port;
    for (const url of [
      `http://127.0.0.1:${port}/hook`,
      "http://10.0.0.1/hook",
      "http://169.254.169.254/latest/meta-data/",
      `http://[::1]:${port}/hook`,
      `http://[::ffff:127.0.0.1]:${port}/hook`,
      "http://[fd00:ec2::254]/latest/meta-data/",
      `http://localhost:${port}/hook`,
      // 2130706433 is 127.0.0.1 written as one number; the URL parser normalises it.
      `http://2130706433:${port}/hook`,
    ]) {
      const message = await refusal(postWebhook({ url, secret: "s", body: "{}", deliveryId: "d", policy }));
      expect(message, url).toMatch(/resolves to .* address|resolves to the/);
    }
    expect(receiver.hits).toHaveLength(0);
  });

  it("allows exactly the listed host and port, and nothing else on that host", async () => {
    const policy = { allowHosts: [`127.0.0.1:${receiver.port}`] };
    await postWebhook({
      url: `http://127.0.0.1:${receiver.port}/ok`,
      secret: "s",
      body: "{}",
      deliveryId: "d",
      policy,
    });
    expect(receiver.hits.map((h) => h.url)).toEqual(["/ok"]);
    expect(await refusal(resolveWebhookTarget(`http://127.0.0.1:${receiver.port + 1}/`, policy))).toContain("loopback");
  });

  it("connects to the address it checked, not to a second lookup of the name", async () => {
    // The name resolves once, to the allowed local receiver; a rebinding DNS answer later could not be used.
    let lookups = 0;
    const policy = {
      allowHosts: [`hooks.example.test:${receiver.port}`],
      resolve: async () => {
        lookups++;
        return [{ address: "127.0.0.1", family: 4 }];
      },
    };
    const before = receiver.hits.length;
    await postWebhook({
      url: `http://hooks.example.test:${receiver.port}/pinned`,
      secret: "s",
      body: "{}",
      deliveryId: "d",
      policy,
    });
    expect(lookups).toBe(1);
    expect(receiver.hits.slice(before).map((h) => [h.url, h.headers.host])).toEqual([
      ["/pinned", `hooks.example.test:${receiver.port}`],
    ]);
  });

  it("does not follow a redirect", async () => {
    const policy = { allowHosts: [`127.0.0.1:${redirecting.port}`, `127.0.0.1:${receiver.port}`] };
    const before = receiver.hits.length;
    const failure = await postWebhook({
      url: `http://127.0.0.1:${redirecting.port}/hook`,
      secret: "s",
      body: "{}",
      deliveryId: "d",
      policy,
    }).then(
      () => "delivered",
      (e: Error) => e.message,
    );
    expect(failure).toBe("webhook answered 302; redirects are not followed");
    expect(redirecting.hits).toHaveLength(1);
    expect(receiver.hits.length).toBe(before);
  });

  it("signs the timestamp with the body, so a receiver detects tampering and an old delivery", async () => {
    const policy = { allowHosts: [`127.0.0.1:${receiver.port}`] };
    const body = JSON.stringify({ kind: "hidden_danger.overdue" });
    const sentAt = new Date("2026-05-01T08:00:00Z");
    const before = receiver.hits.length;
    await postWebhook({
      url: `http://127.0.0.1:${receiver.port}/signed`,
      secret: "whsec",
      body,
      deliveryId: "delivery-1",
      policy,
      now: sentAt,
    });
    const hit = receiver.hits[before];
    const header = String(hit.headers["x-dualguard-signature"]);
    expect(header).toBe(signWebhook("whsec", body, sentAt.getTime() / 1000));
    expect(hit.headers["x-dualguard-delivery"]).toBe("delivery-1");
    const at = sentAt.getTime() / 1000;
    expect(verifyWebhookSignature(header, "whsec", hit.body, at + 10)).toBe("valid");
    expect(verifyWebhookSignature(header, "whsec", hit.body, at + 3600)).toBe("stale");
    expect(verifyWebhookSignature(header, "whsec", hit.body.replace("overdue", "closed"), at)).toBe("invalid");
    expect(verifyWebhookSignature(header, "other", hit.body, at)).toBe("invalid");
    // Replaying the body under a fresh timestamp needs the secret.
    const forged = header.replace(/t=\d+/, `t=${at + 3600}`);
    expect(verifyWebhookSignature(forged, "whsec", hit.body, at + 3600)).toBe("invalid");
  });
});
