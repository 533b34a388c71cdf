// Typed domain errors. Verbs throw these; src/plugins/error-handler.ts is the one place that turns
// them into RFC 9457 problem+json. A message names fields, never the values a person submitted.

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. "counterparty.dateOfBirth" or "items.0.unitPrice". */
  path: string;
  /** Stable machine code, e.g. "required", "my_number_forbidden". */
  code: string;
  /** Human-readable, without the submitted value. */
  message: string;
}

export class DomainError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues?: FieldIssue[];
  /** Extra, non-personal facts the client needs (e.g. retainedUntil). */
  readonly extra?: Record<string, unknown>;

  constructor(
    status: number,
    code: string,
    message: string,
    opts: { issues?: FieldIssue[]; extra?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.status = status;
    this.code = code;
    this.issues = opts.issues;
    this.extra = opts.extra;
  }
}

/** 400: the input is malformed or breaks a rule of the law. */
export class ValidationError extends DomainError {
  constructor(code: string, message: string, issues: FieldIssue[] = [], extra?: Record<string, unknown>) {
    super(400, code, message, { issues, extra });
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(code = 'unauthenticated', message = 'A valid bearer token is required.') {
    super(401, code, message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(code = 'forbidden', message = 'Your role may not do this.') {
    super(403, code, message);
  }
}

/** 404. Also used for records in a store the caller may not see, so their existence is not revealed. */
export class NotFoundError extends DomainError {
  constructor(entity: string, code = 'not_found') {
    super(404, code, `${entity} not found.`);
  }
}

/** 409: the request is well formed but the record's state forbids it (blocked, locked, already done). */
export class ConflictError extends DomainError {
  constructor(code: string, message: string, extra?: Record<string, unknown>, issues?: FieldIssue[]) {
    super(409, code, message, { extra, issues });
  }
}

/** 422: the record cannot be completed yet; issues list exactly what is missing. */
export class IncompleteError extends DomainError {
  constructor(code: string, message: string, issues: FieldIssue[], extra?: Record<string, unknown>) {
    super(422, code, message, { issues, extra });
  }
}

/** 503 with Retry-After: a bounded resource (OCR queue) is full. */
export class UnavailableError extends DomainError {
  readonly retryAfterSeconds: number;
  constructor(code: string, message: string, retryAfterSeconds = 5) {
    super(503, code, message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** 500 that must never echo internals: integrity failures (wrong key, tampered blob, broken chain). */
export class IntegrityError extends DomainError {
  constructor(code: string, message: string) {
    super(500, code, message);
  }
}
