// pino-roll ships no types; this is the part of its API main uses (a SonicBoom stream that rolls files).
declare module 'pino-roll' {
  import type { DestinationStream } from 'pino';
  interface PinoRollOptions {
    file: string;
    size?: string | number;
    frequency?: string | number;
    extension?: string;
    mkdir?: boolean;
    sync?: boolean;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
  }
  type RollStream = DestinationStream & { end(): void; once(event: 'close', listener: () => void): void };
  export default function pinoRoll(options: PinoRollOptions): Promise<RollStream>;
}
