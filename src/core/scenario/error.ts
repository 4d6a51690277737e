/** Longest error message kept: long enough for the "unknown op; allowed: …" list. */
const MAX_MESSAGE = 600;

/**
 * A user-facing input error: names the field (`path`) and says what is allowed. Always one line
 * of bounded length, whatever the input echoed into it.
 */
export class ScenarioError extends Error {
  constructor(
    message: string,
    readonly path: string = '',
  ) {
    let m = (path ? `${path}: ${message}` : message).replace(/[\r\n\u2028\u2029]+/g, ' ');
    if (m.length > MAX_MESSAGE) m = m.slice(0, MAX_MESSAGE - 1) + '…';
    super(m);
    this.name = 'ScenarioError';
  }
}
