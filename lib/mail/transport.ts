import 'server-only';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { env, type Env } from '@/lib/env';

// The SMTP connection for outgoing mail. Mail is optional: without SMTP_URL or SMTP_HOST
// there is no transport and callers skip sending instead of failing.

export type SmtpSettings = Pick<Env, 'SMTP_URL' | 'SMTP_HOST' | 'SMTP_PORT' | 'SMTP_USER' | 'SMTP_PASSWORD' | 'SMTP_SECURE'>;

// Mail goes out after the response; a dead server must not hold a connection for minutes.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as const;

/** Transport options from the SMTP settings, or null when mail is off. SMTP_URL wins over SMTP_HOST. */
export function smtpOptions(settings: SmtpSettings): SMTPTransport.Options | null {
  if (settings.SMTP_URL) return { url: settings.SMTP_URL, ...TIMEOUTS };
  if (!settings.SMTP_HOST) return null;
  // Implicit TLS on 465, STARTTLS (negotiated by nodemailer) otherwise, unless SMTP_SECURE says.
  const secure = settings.SMTP_SECURE ? settings.SMTP_SECURE === 'true' : settings.SMTP_PORT === 465;
  return {
    host: settings.SMTP_HOST,
    port: settings.SMTP_PORT ?? (secure ? 465 : 587),
    secure,
    auth: settings.SMTP_USER ? { user: settings.SMTP_USER, pass: settings.SMTP_PASSWORD ?? '' } : undefined,
    ...TIMEOUTS,
  };
}

let transport: Transporter<SMTPTransport.SentMessageInfo> | null | undefined;

/** The one transport of this process, or null when no SMTP server is configured. */
export function mailTransport(): Transporter<SMTPTransport.SentMessageInfo> | null {
  if (transport === undefined) {
    const options = smtpOptions(env());
    transport = options ? nodemailer.createTransport(options) : null;
  }
  return transport;
}

/** Sends one message from MAIL_FROM; throws when mail is off or the server refused it (a job then retries). */
export async function deliverMail(message: Omit<SendMailOptions, 'from'>): Promise<void> {
  const current = mailTransport();
  if (!current) throw new Error('mail is off (no SMTP_URL or SMTP_HOST)');
  try {
    await current.sendMail({ from: env().MAIL_FROM, ...message });
  } catch (error) {
    throw new Error(`could not send "${String(message.subject ?? '')}": ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Sends one message from MAIL_FROM. False (and one log line) when mail is off or the server refused it. */
export async function sendMail(message: Omit<SendMailOptions, 'from'>): Promise<boolean> {
  try {
    await deliverMail(message);
    return true;
  } catch (error) {
    if (mailTransport()) console.error(`mail: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}
