/**
 * Real peers for tests (`@ngo-hub/notifications/testing`): a webhook receiver over node:http and an
 * SMTP server (smtp-server) that keep what they get. Used by this subgraph's tests and the gateway's.
 */
export { type Received, startReceiver } from './receiver.js';
export { parseMail, type ReceivedMail, startMailInbox } from './mail-inbox.js';
