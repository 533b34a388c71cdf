// The one place where errors become RFC 9457 application/problem+json. Verbs throw DomainError
// subclasses; zod validation and Fastify's own errors are mapped here too. A 5xx never echoes
// internals, and no message carries a submitted value.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, type FieldIssue, UnavailableError } from '../shared/errors.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  requestId: string;
  errors?: FieldIssue[];
  [extra: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

// Fastify's own error codes that clients can act on, with our stable names.
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_REQ_FILE_TOO_LARGE: 'body_too_large',
  FST_PARTS_LIMIT: 'body_too_large',
  FST_FILES_LIMIT: 'too_many_files',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'empty_body',
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_content_length',
};

export function problem(status: number, code: string, detail: string, requestId: string, more: Partial<Problem> = {}): Problem {
  return { type: `urn:daicho:problem:${code}`, title: TITLES[status] ?? 'Error', status, detail, code, requestId, ...more };
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).type('application/problem+json').send(p);
}

function toProblem(err: FastifyError | Error, request: FastifyRequest): Problem {
  const rid = String(request.id);
  if (err instanceof DomainError) {
    if (err.status >= 500) {
      return problem(err.status, err.code, err.status === 503 ? err.message : 'The server could not complete the request.', rid);
    }
    return problem(err.status, err.code, err.message, rid, { ...(err.issues ? { errors: err.issues } : {}), ...err.extra });
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const errors: FieldIssue[] = err.validation.flatMap((v) => {
      const base = v.instancePath.split('/').filter(Boolean);
      const keys = (v.params as { keys?: string[] }).keys;
      // An unknown field is reported by its own path, so the client sees exactly what to drop.
      const paths = v.keyword === 'unrecognized_keys' && keys ? keys.map((k) => [...base, k]) : [base];
      return paths.map((p) => ({
        path: [err.validationContext, ...p].filter(Boolean).join('.'),
        code: v.keyword,
        message: v.message ?? 'invalid',
      }));
    });
    return problem(400, 'validation_failed', 'The request has invalid fields.', rid, { errors });
  }
  const fe = err as FastifyError;
  const status = fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500 ? fe.statusCode : 500;
  if (status < 500) {
    const code = (fe.code && FASTIFY_CODES[fe.code]) ?? (status === 413 ? 'body_too_large' : 'bad_request');
    return problem(status, code, status === 413 ? 'The request body is too large.' : 'The request could not be read.', rid);
  }
  return problem(500, 'internal_error', 'The server could not complete the request.', rid);
}

export default fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((err: FastifyError, request, reply) => {
      const p = toProblem(err, request);
      if (p.status >= 500) request.log.error({ err, code: p.code }, 'request failed');
      else request.log.info({ code: p.code, status: p.status }, 'request refused');
      if (err instanceof UnavailableError) reply.header('retry-after', String(err.retryAfterSeconds));
      return sendProblem(reply, p);
    });
    app.setNotFoundHandler((request, reply) =>
      sendProblem(reply, problem(404, 'route_not_found', 'No such route.', String(request.id))),
    );
  },
  { name: 'error-handler' },
);
