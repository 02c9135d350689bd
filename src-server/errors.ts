import type { ErrorBody, ErrorCode } from '../src-shared/sync-protocol/index.js';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  too_many_requests: 429,
  unavailable: 503,
  internal: 500,
};

export interface ErrorSubject {
  opId?: string;
  branchId?: string;
  field?: string;
}

/** An error meant for the caller: the HTTP layer sends it as `{ error: { code, message, … } }`. */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly subject: ErrorSubject = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = STATUS[code];
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...this.subject } };
  }
}

export const badRequest = (message: string, subject?: ErrorSubject) =>
  new ApiError('bad_request', message, subject);
export const forbidden = (message: string, subject?: ErrorSubject) =>
  new ApiError('forbidden', message, subject);
export const notFound = (message: string, subject?: ErrorSubject) =>
  new ApiError('not_found', message, subject);
export const conflict = (message: string, subject?: ErrorSubject) =>
  new ApiError('conflict', message, subject);
