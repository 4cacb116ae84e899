/** Typed errors that the shared HTTP error middleware maps to the contract's status codes. */
export type FieldIssue = { path: string; message: string };

export class ValidationError extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super(`Invalid request: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'ValidationError';
  }
}
export class NotFoundError extends Error {
  constructor(what = 'resource') {
    super(`${what} not found`);
    this.name = 'NotFoundError';
  }
}
export class ConflictError extends Error {
  override name = 'ConflictError';
}
export class ForbiddenError extends Error {
  override name = 'ForbiddenError';
}
export class UnauthorizedError extends Error {
  override name = 'UnauthorizedError';
}
