import { useCallback, useEffect, useRef, useState } from "react";
import type { AlarmStatus } from "../../../domain/monitoring/alarm-lifecycle";
import { api } from "../../api/client";
import type { Answer, ItemOf } from "../../api/contract";
import { type Locale, useLocale } from "../../i18n";

export type Device = ItemOf<"/api/v1/devices">;
/** How a device publishes over MQTT; null when the installation runs no broker. */
export type MqttAccess = NonNullable<Answer<"/api/v1/devices/{id}/credential", "post">["mqtt"]>;
export type RegisteredDevice = Answer<"/api/v1/devices", "post">;
export type DeadLetter = ItemOf<"/api/v1/ingest/dead-letters">;
export type Reading = Answer<"/api/v1/devices/{id}/readings">["readings"][number];
export type Alarm = ItemOf<"/api/v1/alarms">;
export type AlarmDisposal = Alarm["disposals"][number];

export type AlarmFilter = { territoryId?: string; enterpriseId?: string; severity?: number; status?: AlarmStatus };

/** Open alarms (not yet cleared and acknowledged) before closed ones, then most severe, then newest. */
export function sortAlarms(alarms: readonly Alarm[]): Alarm[] {
  const closed = (a: Alarm) => (a.status === "cleared" ? 1 : 0);
  return [...alarms].sort(
    (a, b) => closed(a) - closed(b) || a.severity - b.severity || b.raisedAt.localeCompare(a.raisedAt),
  );
}

/** Whether an alarm event should be announced: new, or more severe than before, at severity 1 or 2. */
export function isUrgentChange(previous: Alarm | undefined, next: Alarm): boolean {
  if (next.severity > 2 || next.status === "cleared") return false;
  if (!previous) return next.status === "active_unacknowledged";
  return next.severity < previous.severity;
}

/** Whether a streamed alarm belongs in the list the user filtered. */
export function matchesFilter(alarm: Alarm, filter: AlarmFilter): boolean {
  if (filter.enterpriseId && alarm.enterpriseId !== filter.enterpriseId) return false;
  if (filter.severity && alarm.severity !== filter.severity) return false;
  if (filter.status && alarm.status !== filter.status) return false;
  // The stream carries no territory path: with a territory filter the feed reloads the list instead.
  return true;
}

// Practice: readings once a minute, so five minutes of silence means the device is offline (the server's inactivity rule).
const OFFLINE_AFTER_MS = 5 * 60_000;

export type DeviceState = "normal" | "alarm" | "offline" | "calibration" | "never";

/** The state a device row shows, the most pressing first: in alarm, offline, calibration overdue, normal. */
export function deviceStateOf(
  device: Device,
  openAlarmDeviceIds: ReadonlySet<string | null>,
  now = Date.now(),
): DeviceState {
  if (openAlarmDeviceIds.has(device.id)) return "alarm";
  if (!device.lastTs) return "never";
  if (now - new Date(device.lastTs).getTime() > OFFLINE_AFTER_MS) return "offline";
  if (device.calibrationDue && device.calibrationDue < new Date(now).toISOString().slice(0, 10)) return "calibration";
  return "normal";
}

let audioContext: AudioContext | null = null;

/** Two short beeps from the Web Audio API; silent (never throws) where audio is blocked or missing. */
export function beep(): void {
  try {
    const Context =
      window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Context) return;
    audioContext ??= new Context();
    const context = audioContext;
    context.resume().catch(() => undefined);
    for (const start of [0, 0.25]) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = "square";
      oscillator.frequency.value = 880;
      gain.gain.value = 0.08;
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(context.currentTime + start);
      oscillator.stop(context.currentTime + start + 0.15);
    }
  } catch {
    // Autoplay policy or no audio device: the flashing row is the signal.
  }
}

export type FeedMode = "live" | "polling";

const POLL_MS = 10_000;

/**
 * EventSource cannot send Accept-Language, so the stream speaks the browser's language; when that differs from the
 * app's, streamed messages are replaced by a reload of the list in the app's language.
 */
function streamSpeaksOtherLanguage(locale: Locale): boolean {
  const browserEnglish = (navigator.languages?.[0] ?? navigator.language ?? "").toLowerCase().startsWith("en");
  return browserEnglish !== (locale === "en");
}

/**
 * Keeps a list of alarms current: loads it, then applies `alarm` events from the SSE stream; when the stream errors it
 * falls back to polling GET /alarms every 10 s (and tries the stream again on the next mount).
 */
export function useAlarmFeed(
  filter: AlarmFilter,
  onUrgent: (alarm: Alarm) => void,
  enabled = true,
): {
  alarms: Alarm[];
  loading: boolean;
  error: unknown;
  mode: FeedMode;
  reload: () => void;
  replace: (alarm: Alarm) => void;
} {
  const [alarms, setAlarms] = useState<Alarm[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const [mode, setMode] = useState<FeedMode>("live");
  const [locale] = useLocale();
  const known = useRef(new Map<string, Alarm>());
  const urgentRef = useRef(onUrgent);
  urgentRef.current = onUrgent;
  const filterKey = JSON.stringify(filter);
  const filterRef = useRef(filter);
  filterRef.current = filter;

  const load = useCallback(async (announce: boolean) => {
    const f = filterRef.current;
    try {
      const page = await api.get<{ items: Alarm[] }>("/alarms", {
        territoryId: f.territoryId,
        enterpriseId: f.enterpriseId,
        severity: f.severity,
        status: f.status,
        pageSize: 200,
      });
      if (announce) {
        for (const alarm of page.items) {
          if (isUrgentChange(known.current.get(alarm.id), alarm)) urgentRef.current(alarm);
        }
      }
      known.current = new Map(page.items.map((a) => [a.id, a]));
      setAlarms(sortAlarms(page.items));
      setError(undefined);
    } catch (caught) {
      setError(caught);
    } finally {
      setLoading(false);
    }
  }, []);

  const replace = useCallback((alarm: Alarm) => {
    known.current.set(alarm.id, alarm);
    setAlarms((current) => sortAlarms([alarm, ...current.filter((a) => a.id !== alarm.id)]));
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: filterKey stands for the filter's contents.
  useEffect(() => {
    if (!enabled) return;
    setLoading(true);
    void load(false);
    let source: EventSource | null = null;
    let poller: ReturnType<typeof setInterval> | null = null;
    let reloadTimer: ReturnType<typeof setTimeout> | null = null;
    const startPolling = () => {
      source?.close();
      source = null;
      setMode("polling");
      if (!poller) poller = setInterval(() => void load(true), POLL_MS);
    };
    if (typeof EventSource === "undefined") {
      startPolling();
    } else {
      source = new EventSource("/api/v1/alarms/stream", { withCredentials: true });
      setMode("live");
      source.addEventListener("alarm", (event) => {
        try {
          const alarm = JSON.parse((event as MessageEvent<string>).data) as Alarm;
          if (!matchesFilter(alarm, filterRef.current)) return;
          if (filterRef.current.territoryId) {
            // Only the server knows whether the alarm lies in the chosen territory: ask it again.
            if (reloadTimer) clearTimeout(reloadTimer);
            reloadTimer = setTimeout(() => void load(true), 300);
            return;
          }
          if (isUrgentChange(known.current.get(alarm.id), alarm)) urgentRef.current(alarm);
          replace(alarm);
          if (streamSpeaksOtherLanguage(locale)) {
            if (reloadTimer) clearTimeout(reloadTimer);
            reloadTimer = setTimeout(() => void load(false), 300);
          }
        } catch {
          // A malformed event is skipped; the next reload brings the truth.
        }
      });
      source.addEventListener("error", () => {
        // EventSource retries by itself while CONNECTING; a CLOSED stream (404, 401, wrong type) means poll instead.
        if (source?.readyState === EventSource.CLOSED) startPolling();
      });
    }
    return () => {
      source?.close();
      if (poller) clearInterval(poller);
      if (reloadTimer) clearTimeout(reloadTimer);
    };
  }, [filterKey, enabled, load, replace, locale]);

  return { alarms, loading, error, mode, reload: () => void load(false), replace };
}
