// Cancellation: the error thrown when a caller's signal is aborted (name 'AbortError').
export function abortError(file: string): Error {
  const e = new Error(`${file}: import cancelled`);
  e.name = 'AbortError';
  return e;
}
