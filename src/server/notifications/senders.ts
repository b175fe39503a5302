import { createHmac } from "node:crypto";
import nodemailer from "nodemailer";

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

/** Posts one webhook payload, signed with the webhook's secret so the receiver can check it. */
export async function postWebhook(url: string, secret: string, body: string, timeoutMs = 10_000): Promise<void> {
  const signature = createHmac("sha256", secret).update(body).digest("hex");
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-dualguard-signature": `sha256=${signature}` },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`webhook answered ${response.status}`);
}
