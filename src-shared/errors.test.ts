import { describe, expect, it } from 'vitest';
import { ValidationError, isValidationError } from './errors.js';

describe('ValidationError', () => {
  it('carries a readable message, its name and the field it is about', () => {
    const error = new ValidationError('A path needs a namespace and a name', 'path');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ValidationError');
    expect(error.message).toBe('A path needs a namespace and a name');
    expect(error.field).toBe('path');
    expect(String(error)).toBe('ValidationError: A path needs a namespace and a name');
  });

  it('leaves field unset when the error is not about one input', () => {
    const error = new ValidationError('Nothing to save');
    expect(error.field).toBeUndefined();
    expect(error.message).toBe('Nothing to save');
  });

  it('is told apart from other errors', () => {
    expect(isValidationError(new ValidationError('x'))).toBe(true);
    expect(isValidationError(new Error('x'))).toBe(false);
    expect(isValidationError('x')).toBe(false);
  });
});
