import type { Job } from "../jobs/job-runner";
import { type EmailSender, postWebhook } from "./senders";
import { DEFAULT_WEBHOOK_POLICY, type WebhookPolicy } from "./webhook-address";

// Retries back off: 1, 2, 4 … minutes, up to 8 attempts, then the message is marked failed.
const MAX_ATTEMPTS = 8;
const BATCH = 100;
// Deliveries to one receiver at a time; receivers are served side by side.
const PER_TARGET = 2;

export interface OutboxOptions {
  webhookPolicy?: WebhookPolicy;
  webhookTimeoutMs?: number;
}

/** Which receiver a message goes to: the webhook's origin, or the mail server. */
function targetOf(message: { channel: string; target: string }): string {
  if (message.channel !== "webhook") return "smtp";
  try {
    return new URL(message.target).origin;
  } catch {
    return message.target;
  }
}

/**
 * The job that delivers queued webhook calls and e-mails. Receivers are
 * served in parallel, each by at most PER_TARGET deliveries at once; after a
 * receiver fails, its remaining messages wait for the next run, so one slow or
 * dead receiver costs one timeout per run and delays nobody else.
 */
export function deliverOutboxJob(email: EmailSender | null, options: OutboxOptions = {}): Job {
  return {
    name: "deliver-outbox",
    everySeconds: 10,
    async run({ db, clock }) {
      const now = clock.now();
      const due = await db
        .selectFrom("outbound_message")
        .leftJoin("webhook", "webhook.id", "outbound_message.webhook_id")
        .select([
          "outbound_message.id",
          "outbound_message.channel",
          "outbound_message.target",
          "outbound_message.payload",
          "outbound_message.attempts",
          "webhook.secret",
        ])
        .where("outbound_message.status", "=", "pending")
        .where("outbound_message.next_attempt_at", "<=", now)
        .orderBy("outbound_message.next_attempt_at")
        .limit(BATCH)
        .execute();
      type Message = (typeof due)[number];

      const deliver = async (message: Message) => {
        if (message.channel === "webhook") {
          await postWebhook({
            url: message.target,
            secret: message.secret ?? "",
            body: JSON.stringify(message.payload),
            deliveryId: message.id,
            policy: options.webhookPolicy ?? DEFAULT_WEBHOOK_POLICY,
            timeoutMs: options.webhookTimeoutMs,
            now: clock.now(),
          });
          return;
        }
        if (!email) throw new Error("SMTP_URL is not set: e-mail cannot be sent");
        const payload = message.payload as {
          subject: Record<string, string>;
          body: Record<string, string>;
          link: string | null;
        };
        await email.send({
          to: message.target,
          subject: `${payload.subject["zh-CN"]} / ${payload.subject.en}`,
          text: `${payload.body["zh-CN"]}\n\n${payload.body.en}${payload.link ? `\n\n${payload.link}` : ""}`,
        });
      };

      let sent = 0;
      const attempt = async (message: Message): Promise<boolean> => {
        try {
          await deliver(message);
          await db
            .updateTable("outbound_message")
            .set({ status: "sent", sent_at: clock.now(), attempts: message.attempts + 1, last_error: null })
            .where("id", "=", message.id)
            .execute();
          sent++;
          return true;
        } catch (error) {
          const attempts = message.attempts + 1;
          await db
            .updateTable("outbound_message")
            .set({
              attempts,
              last_error: error instanceof Error ? error.message : String(error),
              status: attempts >= MAX_ATTEMPTS ? "failed" : "pending",
              next_attempt_at: new Date(now.getTime() + 60_000 * 2 ** (attempts - 1)),
            })
            .where("id", "=", message.id)
            .execute();
          return false;
        }
      };

      const queues = new Map<string, Message[]>();
      for (const message of due) {
        const key = targetOf(message);
        queues.set(key, [...(queues.get(key) ?? []), message]);
      }
      await Promise.all(
        [...queues.values()].map(async (queue) => {
          let failed = false;
          const lane = async () => {
            for (let message = queue.shift(); message && !failed; message = queue.shift()) {
              if (!(await attempt(message))) failed = true;
            }
          };
          await Promise.all(Array.from({ length: Math.min(PER_TARGET, queue.length) }, lane));
        }),
      );
      return { due: due.length, sent };
    },
  };
}
