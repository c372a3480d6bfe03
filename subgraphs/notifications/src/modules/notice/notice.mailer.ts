import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { NotificationSettings } from '../../settings.js';

/** One e-mail to one address. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

export type SendMail = (mail: Mail) => Promise<void>;

/**
 * Sends over SMTP when `smtpUrl` is set; otherwise writes each message as `<timestamp>-<id>.eml` into
 * `mailDir`, so a hub started without a mail server still shows what it would have sent. A failure's
 * message never carries the address (SMTP replies often quote it; job errors are logged and stored).
 */
export function createMailer(settings: NotificationSettings): SendMail {
  const transport = settings.smtpUrl
    ? nodemailer.createTransport(settings.smtpUrl)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return async (mail) => {
    try {
      const info = await transport.sendMail({ from: settings.mailFrom, ...mail });
      if (!settings.smtpUrl) {
        await mkdir(settings.mailDir, { recursive: true });
        await writeFile(join(settings.mailDir, `${Date.now()}-${randomUUID()}.eml`), info.message as Buffer);
      }
    } catch (error) {
      throw new Error(`sending a notice failed: ${(error as Error).message.split(mail.to).join('<recipient>')}`);
    }
  };
}
