import { createHmac, timingSafeEqual } from "node:crypto";
import type { LookupFunction } from "node:net";
import nodemailer from "nodemailer";
import { DEFAULT_WEBHOOK_POLICY, resolveWebhookTarget, type WebhookPolicy } from "./webhook-address";

/** Sends one e-mail; the SMTP implementation is configured by SMTP_URL. */
export interface EmailSender {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

export function smtpSender(smtpUrl: string, from = "DualGuard <noreply@dualguard.local>"): EmailSender {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
    },
  };
}

export const SIGNATURE_HEADER = "x-dualguard-signature";
// A receiver refuses signatures older than this, so a captured delivery cannot be replayed later.
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`: the timestamp is signed with the body. */
export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac("sha256", secret).update(`${unixSeconds}.${body}`).digest("hex");
  return `t=${unixSeconds},v1=${mac}`;
}

/** What a receiver does: recompute the HMAC over "t.body" and refuse a stale timestamp. */
export function verifyWebhookSignature(
  header: string,
  secret: string,
  body: string,
  nowSeconds: number,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): "valid" | "stale" | "invalid" {
  const fields = new Map(header.split(",").map((part) => part.trim().split("=", 2) as [string, string]));
  const t = Number(fields.get("t"));
  const given = Buffer.from(fields.get("v1") ?? "", "hex");
  const expected = Buffer.from(signWebhook(secret, body, t).split("v1=")[1], "hex");
  if (!Number.isInteger(t) || given.length !== expected.length || !timingSafeEqual(given, expected)) return "invalid";
  return Math.abs(nowSeconds - t) > toleranceSeconds ? "stale" : "valid";
}

export interface WebhookDelivery {
  url: string;
  secret: string;
  body: string;
  /** The outbox row's id, sent so a receiver can drop a delivery it has already processed. */
  deliveryId: string;
  policy?: WebhookPolicy;
  timeoutMs?: number;
  now?: Date;
}

// Longest answer body read (and thrown away) from a receiver.
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * Posts one signed webhook payload. The host is resolved and checked once and
 * the connection goes to that checked address; redirects are not followed;
 * the whole exchange has one deadline.
 */
export async function postWebhook(delivery: WebhookDelivery): Promise<void> {
  const target = await resolveWebhookTarget(delivery.url, delivery.policy ?? DEFAULT_WEBHOOK_POLICY);
  const { request } = target.url.protocol === "https:" ? await import("node:https") : await import("node:http");
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const unixSeconds = Math.floor((delivery.now ?? new Date()).getTime() / 1000);
  const status = await new Promise<number>((resolve, reject) => {
    const outgoing = request(
      target.url,
      {
        method: "POST",
        lookup: pinned,
        agent: false,
        signal: AbortSignal.timeout(delivery.timeoutMs ?? 5_000),
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(delivery.body),
          "user-agent": "DualGuard-Webhook",
          "x-dualguard-delivery": delivery.deliveryId,
          [SIGNATURE_HEADER]: signWebhook(delivery.secret, delivery.body, unixSeconds),
        },
      },
      (answer) => {
        let read = 0;
        answer.on("data", (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_ANSWER_BYTES) answer.destroy();
        });
        answer.on("close", () => resolve(answer.statusCode ?? 0));
        answer.on("error", () => resolve(answer.statusCode ?? 0));
      },
    );
    outgoing.on("error", (error) =>
      reject(
        error.name === "AbortError" || error.name === "TimeoutError"
          ? new Error(`webhook did not answer within ${(delivery.timeoutMs ?? 5_000) / 1000} s`)
          : error,
      ),
    );
    outgoing.end(delivery.body);
  });
  if (status >= 300 && status < 400) throw new Error(`webhook answered ${status}; redirects are not followed`);
  if (status < 200 || status >= 300) throw new Error(`webhook answered ${status}`);
}
