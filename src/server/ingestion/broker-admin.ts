import { createHash, randomBytes } from "node:crypto";

/**
 * Device accounts on the broker, kept through RabbitMQ's management HTTP API:
 * one user per device, whose password is the device credential, allowed to
 * publish only to its own readings topic and to read nothing. Every account
 * DualGuard manages carries the tag below, so a reconciliation can tell them
 * from the broker's other users.
 */
export const DEVICE_ACCOUNT_TAG = "dualguard-device";

export interface DeviceAccount {
  /** The broker user name: the device's id. */
  username: string;
  /** RabbitMQ's salted SHA-256 of the credential (see brokerPasswordHash). */
  passwordHash: string;
  enterpriseId: string;
  deviceCode: string;
}

export interface BrokerAdmin {
  vhost: string;
  /** Creates or updates the device's account and its permissions. */
  putDevice(account: DeviceAccount): Promise<void>;
  /** Deletes the account (missing is fine); the broker closes the account's open connections with it. */
  deleteDevice(username: string): Promise<void>;
  /** The device accounts the broker holds, with their password hashes. */
  listDevices(): Promise<{ username: string; passwordHash: string }[]>;
}

/**
 * The hash RabbitMQ stores for `rabbit_password_hashing_sha256`: base64 of a
 * 4-byte salt followed by SHA-256(salt ‖ password). Giving the broker the hash,
 * not the credential, lets the database recreate a lost account.
 */
export function brokerPasswordHash(credential: string, salt: Buffer = randomBytes(4)): string {
  const digest = createHash("sha256")
    .update(Buffer.concat([salt, Buffer.from(credential, "utf8")]))
    .digest();
  return Buffer.concat([salt, digest]).toString("base64");
}

/** Whether a credential matches a stored broker hash (the salt is its first four bytes). */
export function matchesBrokerHash(credential: string, hash: string): boolean {
  const salt = Buffer.from(hash, "base64").subarray(0, 4);
  return brokerPasswordHash(credential, salt) === hash;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");

/**
 * The AMQP routing key a device's MQTT topic `dualguard/{enterprise}/{code}/readings`
 * becomes inside RabbitMQ: the MQTT plugin turns each "/" into "." and leaves the
 * dots a device code may have, so the code is everything between the enterprise
 * and the last word.
 */
export function readingsRoutingKey(enterpriseId: string, deviceCode: string): string {
  return `dualguard.${enterpriseId}.${deviceCode}.readings`;
}

export function deviceFromRoutingKey(routingKey: string): { enterpriseId: string; deviceCode: string } | null {
  const parts = routingKey.split(".");
  if (parts.length < 4 || parts[0] !== "dualguard" || parts[parts.length - 1] !== "readings") return null;
  return { enterpriseId: parts[1], deviceCode: parts.slice(2, -1).join(".") };
}

export function rabbitMqAdmin(adminUrl: string, vhost: string): BrokerAdmin {
  const url = new URL(adminUrl);
  const authorization = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString("base64")}`;
  const base = `${url.protocol}//${url.host}${url.pathname.replace(/\/$/, "")}/api`;
  const v = encodeURIComponent(vhost);
  const call = async (method: string, path: string, body?: unknown, allow404 = false) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization, "content-type": "application/json", "x-reason": "dualguard" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    if (response.ok || (allow404 && response.status === 404)) return response;
    throw new Error(`broker management API ${method} ${path}: ${response.status} ${await response.text()}`);
  };
  return {
    vhost,
    async putDevice(account) {
      const user = encodeURIComponent(account.username);
      await call("PUT", `/users/${user}`, {
        password_hash: account.passwordHash,
        hashing_algorithm: "rabbit_password_hashing_sha256",
        tags: DEVICE_ACCOUNT_TAG,
      });
      // Publish to amq.topic only, declare nothing, read nothing.
      await call("PUT", `/permissions/${v}/${user}`, { configure: "^$", write: "^amq\\.topic$", read: "^$" });
      await call("PUT", `/topic-permissions/${v}/${user}`, {
        exchange: "amq.topic",
        write: `^${escapeRegex(readingsRoutingKey(account.enterpriseId, account.deviceCode))}$`,
        read: "^$",
      });
    },
    async deleteDevice(username) {
      await call("DELETE", `/users/${encodeURIComponent(username)}`, undefined, true);
    },
    async listDevices() {
      const users = (await (await call("GET", "/users")).json()) as {
        name: string;
        password_hash: string;
        tags: string | string[];
      }[];
      return users
        .filter((u) => [u.tags].flat().join(",").split(",").includes(DEVICE_ACCOUNT_TAG))
        .map((u) => ({ username: u.name, passwordHash: u.password_hash }));
    },
  };
}
