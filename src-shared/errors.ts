/**
 * Bad input from a user, a file or a peer. The message is written for the
 * person who typed the input ("A path needs a namespace and a name"), and
 * `field` names the input it is about, so a form can show it in place.
 */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  readonly field?: string;

  constructor(message: string, field?: string) {
    super(message);
    this.field = field;
  }
}

export function isValidationError(error: unknown): error is ValidationError {
  return error instanceof ValidationError;
}
