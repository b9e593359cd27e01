import { describe, expect, it } from 'vitest';
import {
  extensionsOf,
  initialDraft,
  inputFingerprint,
  isAbsolutePath,
  monthlyListEstimate,
  optionsFromSource,
  toSourceInput,
  validateStep,
  VIDEO_EXTENSIONS,
  type WizardDraft,
} from './draft';

const keys = { accessKeyId: 'AKIAEXAMPLE123', secretAccessKey: 'abc/def+ghi' };

function draft(patch: Partial<WizardDraft> = {}, conn: Partial<WizardDraft['connInput']> = {}, options: Partial<WizardDraft['options']> = {}): WizardDraft {
  const d = initialDraft();
  return { ...d, ...patch, connInput: { ...d.connInput, ...conn }, options: { ...d.options, ...options } };
}

const testedFor = (d: WizardDraft): WizardDraft => ({
  ...d,
  tested: { account: '1', arn: 'arn', isRoot: false, bucketCount: 1, canListBuckets: true, bucketOk: true, missingPermission: '' },
  testedInput: inputFingerprint(d.connInput),
});

describe('validateStep', () => {
  it.each([
    { name: 'welcome always passes', step: 0, d: draft(), want: {} },
    { name: 'prepare passes with no bucket typed', step: 1, d: draft(), want: {} },
    { name: 'prepare rejects a bucket name with spaces', step: 1, d: draft({ policyBucket: 'my bucket' }), want: { policyBucket: 'wizard.validation.bucketName' } },
    { name: 'credentials need a key id and a secret', step: 2, d: draft(), want: { accessKeyId: 'wizard.validation.required', secretAccessKey: 'wizard.validation.required' } },
    { name: 'credentials reject a secret with a space inside', step: 2, d: draft({}, { ...keys, secretAccessKey: 'abc def' }), want: { secretAccessKey: 'wizard.validation.secretSpaces' } },
    { name: 'credentials reject an endpoint that is not a URL', step: 2, d: draft({}, { ...keys, endpoint: 'minio:9000' }), want: { endpoint: 'wizard.validation.endpoint' } },
    { name: 'credentials must be tested first', step: 2, d: draft({}, keys), want: { test: 'wizard.validation.testFirst' } },
    { name: 'credentials pass once tested', step: 2, d: testedFor(draft({}, keys)), want: {} },
    { name: 'a test of other keys does not count', step: 2, d: { ...testedFor(draft({}, keys)), connInput: { ...draft().connInput, ...keys, accessKeyId: 'AKIAOTHER' } }, want: { test: 'wizard.validation.testFirst' } },
    { name: 'pasted spaces around keys do not need a new test', step: 2, d: { ...testedFor(draft({}, keys)), connInput: { ...draft().connInput, ...keys, accessKeyId: ' AKIAEXAMPLE123 ' } }, want: {} },
    { name: 'a profile must be imported', step: 2, d: draft({ mode: 'profile' }), want: { connection: 'wizard.validation.chooseConnection' } },
    { name: 'a bucket must be chosen', step: 3, d: draft(), want: { bucket: 'wizard.validation.chooseBucket' } },
    { name: 'a bucket root is a valid choice', step: 3, d: draft({ bucket: 'cams', prefix: '' }), want: {} },
    { name: 'the local folder is required', step: 4, d: draft(), want: { localDir: 'wizard.validation.localDirRequired' } },
    { name: 'the local folder must be absolute', step: 4, d: draft({}, {}, { localDir: 'videos' }), want: { localDir: 'wizard.validation.localDirAbsolute' } },
    { name: 'a custom interval below 5 minutes is refused', step: 4, d: draft({}, {}, { localDir: '/srv/cams', schedule: 'custom', customMinutes: '2' }), want: { customMinutes: 'wizard.validation.interval' } },
    { name: 'a custom interval must be whole minutes', step: 4, d: draft({}, {}, { localDir: 'D:\\Cams', schedule: 'custom', customMinutes: '7.5' }), want: { customMinutes: 'wizard.validation.interval' } },
    { name: 'a custom interval longer than a day is refused (the scheduler runs daily at most)', step: 4, d: draft({}, {}, { localDir: '/srv/cams', schedule: 'custom', customMinutes: '1441' }), want: { customMinutes: 'wizard.validation.interval' } },
    { name: 'a custom interval of exactly a day passes', step: 4, d: draft({}, {}, { localDir: '/srv/cams', schedule: 'custom', customMinutes: '1440' }), want: {} },
    { name: 'video-only needs at least one type', step: 4, d: draft({}, {}, { localDir: '/srv/cams', extensions: [] }), want: { extensions: 'wizard.validation.extensions' } },
    { name: 'the day window must be positive', step: 4, d: draft({}, {}, { localDir: '/srv/cams', sinceEnabled: true, sinceDays: '0' }), want: { sinceDays: 'wizard.validation.sinceDays' } },
    { name: 'good options pass', step: 4, d: draft({}, {}, { localDir: '\\\\nas\\cams', schedule: 'custom', customMinutes: '45' }), want: {} },
  ])('$name', ({ step, d, want }) => {
    expect(validateStep(step, d)).toEqual(want);
  });
});

describe('toSourceInput', () => {
  it('sends null extensions for the default video list, [] for every file, else the chosen ones', () => {
    expect(extensionsOf(draft().options)).toBeNull();
    expect(extensionsOf(draft({}, {}, { videoOnly: false }).options)).toEqual([]);
    expect(extensionsOf(draft({}, {}, { extensions: ['.dav', '.mp4'] }).options)).toEqual(['.mp4', '.dav']);
  });

  it('builds the source the wizard saves', () => {
    const d = draft(
      { bucket: 'cams', prefix: 'shop/', connection: { id: 7 } as WizardDraft['connection'] },
      {},
      { localDir: ' /srv/cams ', schedule: 360, sinceEnabled: true, sinceDays: '14' },
    );
    expect(toSourceInput(d)).toEqual({
      id: 0,
      connectionId: 7,
      bucket: 'cams',
      prefix: 'shop/',
      localDir: '/srv/cams',
      extensions: null,
      sinceDays: 14,
      intervalMinutes: 360,
      enabled: true,
    });
  });

  it('round-trips a saved source into the edit form', () => {
    const options = optionsFromSource({ localDir: '/x', intervalMinutes: 45, extensions: ['.mp4'], sinceDays: 0 });
    expect(options).toMatchObject({ schedule: 'custom', customMinutes: '45', videoOnly: true, extensions: ['.mp4'], sinceEnabled: false });
    expect(optionsFromSource({ localDir: '/x', intervalMinutes: 60, extensions: null, sinceDays: 3 }).extensions).toEqual(VIDEO_EXTENSIONS);
  });
});

describe('helpers', () => {
  it('recognises absolute paths on Windows, macOS and Linux', () => {
    expect(['/home/a', 'C:\\Cams', 'd:/cams', '\\\\nas\\share'].map(isAbsolutePath)).toEqual([true, true, true, true]);
    expect(['cams', '.\\cams', 'C:cams', ''].map(isAbsolutePath)).toEqual([false, false, false, false]);
  });

  it('estimates LIST requests a month from the schedule', () => {
    expect(monthlyListEstimate(3, 60)).toEqual({ requests: 3 * 720, usd: 3 * 720 * 0.000005 });
    expect(monthlyListEstimate(0, 1440).requests).toBe(30);
  });
});
