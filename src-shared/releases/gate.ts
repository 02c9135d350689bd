/** What the promotion gate needs to know about a change. */
export interface GateChange {
  id: string;
  title: string;
  proofs: readonly { result: 'passed' | 'failed' }[];
}

export interface GateVerdict {
  ready: boolean;
  /** Why not, one line per problem (empty when ready). */
  reasons: string[];
}

/**
 * "Ready for promotion": the release has changes and each change has at
 * least `requiredProofs` passing proofs (a failed proof neither counts nor
 * blocks: someone may prove the change again).
 */
export function promotionGate(changes: readonly GateChange[], requiredProofs: number): GateVerdict {
  if (changes.length === 0) return { ready: false, reasons: ['The release has no changes yet'] };
  const reasons = changes.flatMap((change) => {
    const passed = change.proofs.filter((proof) => proof.result === 'passed').length;
    if (passed >= requiredProofs) return [];
    return [`${change.id} ${change.title}: ${passed} of ${requiredProofs} passing proofs`];
  });
  return { ready: reasons.length === 0, reasons };
}

/** The gate as one line for people. */
export function gateLine(verdict: GateVerdict): string {
  return verdict.ready
    ? 'Ready for promotion: yes'
    : `Ready for promotion: no (${verdict.reasons.join('; ')})`;
}
