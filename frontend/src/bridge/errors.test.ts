import { describe, expect, it } from 'vitest';
import { AppError, call, toAppError } from './errors';

describe('toAppError', () => {
  it.each([
    {
      name: 'apperr JSON from Go',
      reason: '{"code":"s3.access_denied","key":"error.s3.access_denied","details":{"bucket":"cams","action":"ListObjectsV2"},"hint":"hint.s3.access_denied"}',
      want: { code: 's3.access_denied', key: 'error.s3.access_denied', details: { bucket: 'cams', action: 'ListObjectsV2' }, hint: 'hint.s3.access_denied' },
    },
    {
      name: 'apperr JSON without details or hint',
      reason: '{"code":"auth.bad_secret","key":"error.auth.bad_secret"}',
      want: { code: 'auth.bad_secret', key: 'error.auth.bad_secret', details: {}, hint: '' },
    },
    {
      name: 'apperr JSON without a key gets the default key',
      reason: ' {"code":"net.timeout"} ',
      want: { code: 'net.timeout', key: 'error.net.timeout', details: {}, hint: '' },
    },
    {
      name: 'details that are not strings are stringified',
      reason: '{"code":"local.disk_full","key":"error.local.disk_full","details":{"free":1024,"path":null}}',
      want: { code: 'local.disk_full', key: 'error.local.disk_full', details: { free: '1024' }, hint: '' },
    },
    {
      name: 'a plain Go error string',
      reason: 'runtime error: index out of range',
      want: { code: 'internal', key: 'error.internal', details: { message: 'runtime error: index out of range' }, hint: 'hint.report_bug' },
    },
    {
      name: 'JSON that is not an apperr',
      reason: '{"message":"nope"}',
      want: { code: 'internal', key: 'error.internal', details: { message: '{"message":"nope"}' }, hint: 'hint.report_bug' },
    },
    {
      name: 'broken JSON',
      reason: '{"code":',
      want: { code: 'internal', key: 'error.internal', details: { message: '{"code":' }, hint: 'hint.report_bug' },
    },
    {
      name: 'a JS Error (e.g. the binding is missing)',
      reason: new TypeError("Cannot read properties of undefined (reading 'main')"),
      want: { code: 'internal', key: 'error.internal', details: { message: "Cannot read properties of undefined (reading 'main')" }, hint: 'hint.report_bug' },
    },
    {
      name: 'an object shaped like apperr',
      reason: { code: 'store.failed', key: 'error.store.failed', details: { op: 'save' } },
      want: { code: 'store.failed', key: 'error.store.failed', details: { op: 'save' }, hint: '' },
    },
    {
      name: 'undefined',
      reason: undefined,
      want: { code: 'internal', key: 'error.internal', details: {}, hint: 'hint.report_bug' },
    },
  ])('converts $name', ({ reason, want }) => {
    const err = toAppError(reason);
    expect(err).toBeInstanceOf(AppError);
    expect({ code: err.code, key: err.key, details: err.details, hint: err.hint }).toEqual(want);
  });

  it('returns an AppError unchanged', () => {
    const err = new AppError('op.cancelled', 'error.op.cancelled');
    expect(toAppError(err)).toBe(err);
  });
});

describe('call', () => {
  it('returns what the bound method resolves with', async () => {
    await expect(call<number>(() => Promise.resolve(42))).resolves.toBe(42);
  });

  it('throws an AppError when the bound method rejects', async () => {
    const failing = () => Promise.reject('{"code":"s3.bucket_not_found","key":"error.s3.bucket_not_found","details":{"bucket":"x"}}');
    await expect(call(failing)).rejects.toMatchObject({ code: 's3.bucket_not_found', details: { bucket: 'x' } });
  });

  it('throws an AppError when calling the binding throws synchronously', async () => {
    const missing = () => {
      throw new TypeError('window.go is undefined');
    };
    await expect(call(missing)).rejects.toBeInstanceOf(AppError);
  });
});
