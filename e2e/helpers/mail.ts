import { expect } from '@playwright/test';

// Reading the e2e mail sink (e2e/helpers/mail-sink.mjs) over its HTTP API. The sink is
// shared by every spec of the run, so tests never clear it: each reads only the mail
// sent to its own, unique addresses.

export type SinkMessage = {
  to: string;
  from: string;
  envelopeTo: string[];
  subject: string;
  text: string;
  html: string | null;
  headers: { 'list-unsubscribe': string | null; 'list-unsubscribe-post': string | null };
  date: string;
};

function sinkUrl(): string {
  const url = process.env.MAIL_SINK_URL;
  if (!url) throw new Error('e2e: MAIL_SINK_URL is not set; run the e2e tests through `npm run test:e2e`');
  return url;
}

/** Every message the sink has received for `address` (envelope recipient), oldest first. */
export async function mailTo(address: string): Promise<SinkMessage[]> {
  const res = await fetch(`${sinkUrl()}/messages?to=${encodeURIComponent(address)}`);
  if (!res.ok) throw new Error(`e2e: the mail sink answered ${res.status}`);
  return (await res.json()) as SinkMessage[];
}

/** Waits until `address` has received `count` messages (mail goes out after the response) and returns them. */
export async function waitForMail(address: string, count = 1, timeout = 15_000): Promise<SinkMessage[]> {
  await expect
    .poll(async () => (await mailTo(address)).length, { message: `${count} email(s) to ${address}`, timeout })
    .toBeGreaterThanOrEqual(count);
  return mailTo(address);
}

/** The first absolute URL in `text` that starts with `prefix`. */
export function linkIn(text: string, prefix: string): string {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`${escaped}[^\\s<>"]*`).exec(text);
  if (!match) throw new Error(`e2e: no link starting with ${prefix} in:\n${text}`);
  return match[0];
}

/** The confirmation link of a sign-up email, as a path on the site. */
export function confirmationPath(message: SinkMessage): string {
  return linkIn(message.text, '/signup/confirm?token=');
}

/** The `n`-th message (1-based) to `address`, once it has arrived. */
export async function nthMail(address: string, n = 1): Promise<SinkMessage> {
  const message = (await waitForMail(address, n))[n - 1];
  if (!message) throw new Error(`e2e: no message ${n} to ${address}`);
  return message;
}
