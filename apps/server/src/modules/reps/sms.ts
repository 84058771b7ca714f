/**
 * Text messages to reps go through one adapter. The development transport writes the message to the
 * server log (stdout, one JSON line like the rest of the log), so sign-up works without a gateway; a
 * deployment installs its provider's transport with `setSmsTransport` at start-up.
 */
import { maskPhone } from '@qinglian/contracts';

export interface SmsTransport {
  send(phone: string, text: string): Promise<void>;
}

/** Writes the message to the log instead of sending it. */
export const logTransport: SmsTransport = {
  async send(phone, text) {
    process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), msg: 'sms (development transport)', to: maskPhone(phone), text })}\n`);
  },
};

let transport: SmsTransport = logTransport;

/** Replaces the transport (a gateway in production, a capture in tests). */
export function setSmsTransport(t: SmsTransport): void {
  transport = t;
}

/** Sends a text message through the installed transport. */
export const sendSms = (phone: string, text: string) => transport.send(phone, text);
