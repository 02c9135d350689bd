/**
 * The only two IPC channels: every bridge call goes through one, every pushed
 * event through the other, so the trusted-sender check lives in one handler.
 */
export const CALL_CHANNEL = 'tether:call';
export const EVENT_CHANNEL = 'tether:event';
