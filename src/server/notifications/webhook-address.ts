import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";
import type { LocalisedText } from "../errors";

/**
 * Where a webhook may be delivered. A webhook URL is chosen by an
 * administrator but fetched by the server, so without this check it reaches
 * what only the server can reach: the database, the MQTT broker, the cloud
 * metadata service (169.254.169.254, fd00:ec2::254), the admin interfaces of
 * the local network.
 */
export interface WebhookPolicy {
  /**
   * Exact `host:port` pairs (as written in the URL, IPv6 in brackets) that may
   * resolve to an internal address: an on-site receiver, or a test's local one.
   * Empty by default; set with WEBHOOK_ALLOW_HOSTS.
   */
  allowHosts: readonly string[];
  /** Name resolution; replaceable so a test can make a name resolve anywhere. */
  resolve?: (hostname: string) => Promise<{ address: string; family: number }[]>;
}

export const DEFAULT_WEBHOOK_POLICY: WebhookPolicy = { allowHosts: [] };

/** The address a delivery connects to: checked once, then used for the connection itself. */
export interface WebhookTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

export class WebhookTargetRefused extends Error {
  constructor(readonly text: LocalisedText) {
    super(text.en);
  }
}

// Only globally routable unicast passes: ipaddr.js names every special-purpose block
// of the IANA registries (RFC 6890), e.g. private (RFC 1918), uniqueLocal (fc00::/7),
// carrierGradeNat (RFC 6598), linkLocal (169.254/16, fe80::/10), loopback, multicast,
// unspecified, broadcast, and the IPv6 forms that embed an IPv4 address (6to4, NAT64, Teredo).
const RANGE_WORDS: Record<string, { zh: string; en: string }> = {
  loopback: { zh: "本机回环地址", en: "a loopback address" },
  private: { zh: "内网地址（RFC 1918）", en: "a private address (RFC 1918)" },
  uniqueLocal: { zh: "内网地址（fc00::/7）", en: "a private address (fc00::/7)" },
  linkLocal: { zh: "链路本地地址（含云元数据服务）", en: "a link-local address (cloud metadata lives there)" },
  carrierGradeNat: { zh: "运营商级 NAT 地址", en: "a carrier-grade NAT address" },
  multicast: { zh: "组播地址", en: "a multicast address" },
  unspecified: { zh: "未指定地址", en: "the unspecified address" },
  broadcast: { zh: "广播地址", en: "the broadcast address" },
};

/** Why an address may not receive webhooks, or null when it is a public unicast address. */
export function forbiddenRange(address: string): string | null {
  if (!ipaddr.isValid(address)) return "invalid";
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  return range === "unicast" ? null : range;
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, "");
const portOf = (url: URL) => url.port || (url.protocol === "https:" ? "443" : "80");

/**
 * Resolves a webhook URL and checks every address it resolves to. The
 * returned address is the one to connect to, so a second lookup cannot
 * rebind the name to an internal address between check and use.
 */
export async function resolveWebhookTarget(text: string, policy: WebhookPolicy): Promise<WebhookTarget> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new WebhookTargetRefused({ "zh-CN": `“${text}”不是有效的 URL`, en: `"${text}" is not a valid URL` });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new WebhookTargetRefused({
      "zh-CN": "Webhook 地址只能使用 http 或 https",
      en: "A webhook URL must use http or https",
    });
  }
  const host = hostOf(url);
  const allowed = policy.allowHosts.includes(`${url.hostname}:${portOf(url)}`.toLowerCase());
  let addresses: { address: string; family: number }[];
  if (ipaddr.isValid(host)) addresses = [{ address: host, family: host.includes(":") ? 6 : 4 }];
  else {
    try {
      addresses = await (policy.resolve ?? ((name) => lookup(name, { all: true, verbatim: true })))(host);
    } catch {
      addresses = [];
    }
    if (addresses.length === 0) {
      throw new WebhookTargetRefused({
        "zh-CN": `无法解析主机名 ${host}，请检查 Webhook 地址`,
        en: `The host name ${host} does not resolve; check the webhook URL`,
      });
    }
  }
  if (!allowed) {
    for (const { address } of addresses) {
      const range = forbiddenRange(address);
      if (range === null) continue;
      const words = RANGE_WORDS[range] ?? { zh: `保留地址（${range}）`, en: `a reserved address (${range})` };
      throw new WebhookTargetRefused({
        "zh-CN": `Webhook 地址 ${url.host} 指向${words.zh} ${address}，为防止访问内部网络已拒绝；请使用可从公网访问的接收地址`,
        en: `The webhook host ${url.host} resolves to ${words.en}, ${address}; internal addresses are refused so that webhooks cannot reach inside the network. Use a publicly reachable receiver`,
      });
    }
  }
  const chosen = addresses[0];
  return { url, address: chosen.address, family: chosen.family === 6 ? 6 : 4 };
}

/** WEBHOOK_ALLOW_HOSTS: comma-separated `host:port` pairs; a bare host is an error (the port must be exact). */
export function parseAllowHosts(value: string | undefined): string[] | string {
  if (!value?.trim()) return [];
  const hosts = value
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const bad = hosts.find((h) => !/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+):\d{1,5}$/.test(h));
  return bad === undefined ? hosts : bad;
}
