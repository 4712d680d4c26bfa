// What one fuzz input came to. A Failure is a broken property (named by `what`); any other
// exception escaping a check is a crash.
export type Outcome = { ok: true; code?: string };

export class Failure extends Error {
  constructor(
    readonly what: string,
    message: string,
  ) {
    super(message);
  }
}
