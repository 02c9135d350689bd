import type { ConnectionTestResult } from '../../../src-shared/bridge/index.js';

/** What the connection screen says after "Test connection". */
export function testResultText(result: ConnectionTestResult): string {
  return result.ok ? `Connected as ${result.userName}` : result.error;
}

/** A bridge failure as one sentence (BridgeErrors carry a message written for people). */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
