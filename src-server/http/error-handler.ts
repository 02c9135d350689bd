import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { MAX_PUSH_BYTES } from '../../src-shared/sync-protocol/index.js';
import { ApiError } from '../errors.js';

/** Every error leaves as `{ error: { code, message, … } }`; internals are logged, not sent. */
export function errorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const apiError = toApiError(err, request);
  if (apiError.status >= 500) request.log.error({ err }, 'request failed');
  else request.log.info({ code: apiError.code, message: apiError.message }, 'request refused');
  return reply.status(apiError.status).send(apiError.toBody());
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply
    .status(404)
    .send(new ApiError('not_found', `No route ${request.method} ${request.url.split('?')[0]}`).toBody());
}

function toApiError(err: FastifyError, request: FastifyRequest): ApiError {
  if (err instanceof ApiError) return err;
  if (hasZodFastifySchemaValidationErrors(err)) return validationError(err, request);
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new ApiError(
      'payload_too_large',
      `The request body is over ${MAX_PUSH_BYTES} bytes; send smaller batches`,
    );
  }
  if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) {
    return new ApiError('bad_request', 'The request body is not valid JSON');
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return new ApiError(err.statusCode === 404 ? 'not_found' : 'bad_request', err.message);
  }
  return new ApiError('internal', 'Internal server error');
}

type ValidationFailure = FastifyError & {
  validation: { instancePath: string; message?: string }[];
  validationContext?: string;
};

/** A 400 that names the op (by id) or the query parameter, and the problem. */
function validationError(err: ValidationFailure, request: FastifyRequest): ApiError {
  const [first, ...rest] = err.validation;
  const more = rest.length > 0 ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : '';
  const segments = (first?.instancePath ?? '').split('/').filter(Boolean);
  const problem = first?.message ?? 'invalid';
  if (err.validationContext !== 'body') {
    const field = segments.join('.') || '(none)';
    return new ApiError(
      'bad_request',
      `Bad ${err.validationContext ?? 'request'} parameter ${field}: ${problem}${more}`,
      {
        field,
      },
    );
  }
  const [list, index, ...fieldPath] = segments;
  const field = fieldPath.join('.') || undefined;
  const entry = listEntry(request.body, list, index);
  if (entry) {
    const noun = list === 'ops' ? 'Op' : 'Branch';
    const name = entry.id ?? `#${index}`;
    const subject = list === 'ops' ? { opId: entry.id } : { branchId: entry.id };
    return new ApiError(
      'bad_request',
      `${noun} ${name} (${list}[${index}]): ${field ?? 'body'}: ${problem}${more}`,
      {
        ...subject,
        field,
      },
    );
  }
  const where = segments.join('.') || 'body';
  return new ApiError('bad_request', `Bad request body at ${where}: ${problem}${more}`, { field: where });
}

function listEntry(
  body: unknown,
  list: string | undefined,
  index: string | undefined,
): { id?: string } | null {
  if ((list !== 'ops' && list !== 'branches') || index === undefined || !/^\d+$/.test(index)) return null;
  const items = (body as Record<string, unknown> | null)?.[list];
  const entry = Array.isArray(items) ? (items[Number(index)] as unknown) : undefined;
  if (typeof entry !== 'object' || entry === null) return {};
  const id = (entry as { id?: unknown }).id;
  return typeof id === 'string' ? { id: id.slice(0, 64) } : {};
}
