import { classifyAwsError } from './aws-failure';

describe('classifyAwsError', () => {
  it.each([
    [{ name: 'AccessDenied', message: 'denied' }, 'denied'],
    [{ name: 'UnauthorizedOperation', message: 'no' }, 'denied'],
    [{ name: 'AccessDeniedException', message: 'no' }, 'denied'],
    [{ name: 'AuthFailure', message: 'not enabled' }, 'region-disabled'],
    [{ name: 'OptInRequired', message: 'opt in' }, 'region-disabled'],
    [{ name: 'Throttling', message: 'Rate exceeded' }, 'throttled'],
    [{ name: 'TimeoutError', message: 'socket' }, 'timeout'],
    [{ name: 'AbortError', message: 'aborted' }, 'aborted'],
    [new Error('something else'), 'error'],
  ])('sorts %o as %s', (error, kind) => {
    expect(classifyAwsError(error).kind).toBe(kind);
  });
});
