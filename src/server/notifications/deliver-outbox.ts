import type { Job } from "../jobs/job-runner";
import { type EmailSender, postWebhook } from "./senders";

// Retries back off: 1, 2, 4 … minutes, up to 8 attempts, then the message is marked failed.
const MAX_ATTEMPTS = 8;
const BATCH = 100;

/** The job that delivers queued webhook calls and e-mails. */
export function deliverOutboxJob(email: EmailSender | null): Job {
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
      let sent = 0;
      for (const message of due) {
        try {
          if (message.channel === "webhook") {
            await postWebhook(message.target, message.secret ?? "", JSON.stringify(message.payload));
          } else {
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
          }
          await db
            .updateTable("outbound_message")
            .set({ status: "sent", sent_at: clock.now(), attempts: message.attempts + 1, last_error: null })
            .where("id", "=", message.id)
            .execute();
          sent++;
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
        }
      }
      return { due: due.length, sent };
    },
  };
}
