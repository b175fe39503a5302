import type { FastifyBaseLogger, FastifyReply } from "fastify";
import type { Kysely } from "kysely";
import type { Locale } from "../../../domain/text";
import { recheckPrincipal } from "../../auth/authenticate";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { AppError } from "../../errors";
import { findChangedAlarms } from "./find-alarms";
import { presentAlarm } from "./present-alarm";

/** Open alarm streams one user may hold in one server process (a console on a few screens). */
export const MAX_STREAMS_PER_USER = 3;

/**
 * The live alarm streams of one server process. Each stream polls its own caller's scope every second, so alarms
 * raised by any server process reach every console; it ends within a second of the caller losing access, and all
 * end before the server closes, so a graceful shutdown is not held up by them.
 */
export class AlarmStreams {
  private readonly streams = new Set<{ end(): void }>();
  private readonly perUser = new Map<string, number>();

  constructor(private readonly db: Kysely<DB>) {}

  endAll(): void {
    for (const stream of [...this.streams]) stream.end();
  }

  /**
   * Turns the reply into a server-sent event stream: an `alarm` event whenever an alarm in the caller's scope
   * changes, a `ping` every 15 s, and `end` when the caller's access ends.
   */
  open(initial: Principal, locale: Locale, reply: FastifyReply, log: FastifyBaseLogger): void {
    let principal = initial;
    const userId = principal.userId;
    const open = this.perUser.get(userId) ?? 0;
    if (open >= MAX_STREAMS_PER_USER) {
      throw new AppError("RATE_LIMITED", {
        "zh-CN": `您已打开 ${open} 个实时报警连接（上限 ${MAX_STREAMS_PER_USER} 个）；请关闭其他报警台页面后重试`,
        en: `You already have ${open} live alarm streams open (at most ${MAX_STREAMS_PER_USER}); close another alarm console tab and try again`,
      });
    }
    this.perUser.set(userId, open + 1);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    raw.write("retry: 3000\n\n");
    let cursor = new Date();
    let busy = false;
    let ended = false;
    const seen = new Map<string, number>();
    const poll = async () => {
      if (busy || ended) return;
      busy = true;
      try {
        // Asked again at every poll: a revoked session or token, a disabled account or a narrowed scope takes effect within a second.
        const current = await recheckPrincipal(this.db, principal);
        if (!current?.permissions.includes("monitoring:read")) {
          raw.write(`event: end\ndata: ${JSON.stringify({ reason: "access-ended" })}\n\n`);
          stream.end();
          return;
        }
        principal = current;
        for (const row of await findChangedAlarms(this.db, principal.scope, cursor)) {
          const version = row.changed_at.getTime();
          if (seen.get(row.id) === version) continue;
          seen.set(row.id, version);
          raw.write(`event: alarm\nid: ${row.id}:${version}\ndata: ${JSON.stringify(presentAlarm(row, locale))}\n\n`);
          if (row.changed_at > cursor) cursor = row.changed_at;
        }
      } catch (error) {
        log.warn({ err: error }, "alarm stream poll failed");
      } finally {
        busy = false;
      }
    };
    const timer = setInterval(poll, 1000);
    const ping = setInterval(() => raw.write(`event: ping\ndata: ${Date.now()}\n\n`), 15_000);
    const release = () => {
      if (ended) return;
      ended = true;
      clearInterval(timer);
      clearInterval(ping);
      this.streams.delete(stream);
      const left = (this.perUser.get(userId) ?? 1) - 1;
      if (left > 0) this.perUser.set(userId, left);
      else this.perUser.delete(userId);
    };
    const stream = {
      end() {
        release();
        raw.end();
      },
    };
    this.streams.add(stream);
    // The response closes when the client goes away (or after end()).
    raw.on("close", release);
  }
}
