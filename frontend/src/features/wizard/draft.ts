// The wizard's answers as one plain value, with the checks each step makes before Next and the
// SourceInput they become. Pure functions: tested without rendering.
import type { ConnectionInput, ConnectionView, SourceInput, TestResult } from '../../bridge';

export const STEP_COUNT = 6;
export const VIDEO_EXTENSIONS = ['.mp4', '.avi', '.mov', '.mkv', '.wmv', '.flv', '.webm', '.m4v', '.ts', '.mts', '.m2ts', '.3gp', '.dav'];
export const SCHEDULE_PRESETS = [15, 60, 360, 1440] as const;
export const MIN_INTERVAL = 5;
/** The scheduler runs a source at least daily (syncer.MaxInterval): a longer custom period would be silently shortened. */
export const MAX_INTERVAL = 24 * 60;
/** S3 Standard LIST price, USD per request ($0.005 per 1,000). */
export const LIST_PRICE_USD = 0.005 / 1000;

export type CredentialMode = 'keys' | 'profile' | 'saved';

export interface SourceOptions {
  localDir: string;
  schedule: number | 'custom';
  customMinutes: string;
  videoOnly: boolean;
  extensions: string[];
  sinceEnabled: boolean;
  sinceDays: string;
}

export interface WizardDraft {
  policyBucket: string;
  includeListAll: boolean;
  mode: CredentialMode;
  connInput: ConnectionInput;
  tested: TestResult | null;
  /** The input the test result belongs to; a changed field needs a new test. */
  testedInput: string;
  connection: ConnectionView | null;
  /** The connection this wizard saved from typed keys; replaced if the keys change. */
  addedConnection: ConnectionView | null;
  addedFor: string;
  bucket: string;
  prefix: string;
  options: SourceOptions;
  startAtLogin: boolean;
  /** LIST requests one sync of the chosen folder needs, from its preview. */
  listRequestsPerSync: number;
}

export const emptyConnectionInput = (): ConnectionInput => ({
  name: '',
  accessKeyId: '',
  secretAccessKey: '',
  sessionToken: '',
  region: '',
  endpoint: '',
  // Only used with a custom endpoint, where most S3-compatible servers need path-style URLs.
  pathStyle: true,
  bucket: '',
});

export const defaultOptions = (): SourceOptions => ({
  localDir: '',
  schedule: 60,
  customMinutes: '30',
  videoOnly: true,
  extensions: [...VIDEO_EXTENSIONS],
  sinceEnabled: false,
  sinceDays: '30',
});

export const initialDraft = (): WizardDraft => ({
  policyBucket: '',
  includeListAll: true,
  mode: 'keys',
  connInput: emptyConnectionInput(),
  tested: null,
  testedInput: '',
  connection: null,
  addedConnection: null,
  addedFor: '',
  bucket: '',
  prefix: '',
  options: defaultOptions(),
  startAtLogin: true,
  listRequestsPerSync: 1,
});

/** Error message keys by field name; empty when the step may go on. */
export type FieldErrors = Partial<Record<string, string>>;

// Lenient on purpose: legacy AWS buckets and S3-compatible stores allow capitals and "_".
const BUCKET_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,253}[A-Za-z0-9]$/;

export function validateBucketName(name: string): string | undefined {
  if (!name) return undefined;
  return BUCKET_NAME.test(name) ? undefined : 'wizard.validation.bucketName';
}

export function validateConnectionInput(input: ConnectionInput): FieldErrors {
  const errors: FieldErrors = {};
  const id = input.accessKeyId.trim();
  if (!id) errors.accessKeyId = 'wizard.validation.required';
  else if (/\s/.test(id) || id.length < 3 || id.length > 128) errors.accessKeyId = 'wizard.validation.accessKeyId';
  if (!input.secretAccessKey) errors.secretAccessKey = 'wizard.validation.required';
  else if (/\s/.test(input.secretAccessKey)) errors.secretAccessKey = 'wizard.validation.secretSpaces';
  const endpoint = input.endpoint.trim();
  if (endpoint) {
    try {
      const url = new URL(endpoint);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') errors.endpoint = 'wizard.validation.endpoint';
    } catch {
      errors.endpoint = 'wizard.validation.endpoint';
    }
  }
  const bucketError = validateBucketName(input.bucket.trim());
  if (bucketError) errors.bucket = bucketError;
  return errors;
}

/** The connection input with stray spaces removed (a pasted key often carries some). */
export function cleanConnectionInput(input: ConnectionInput): ConnectionInput {
  return {
    ...input,
    name: input.name.trim(),
    accessKeyId: input.accessKeyId.trim(),
    secretAccessKey: input.secretAccessKey.trim(),
    sessionToken: input.sessionToken.trim(),
    endpoint: input.endpoint.trim(),
    bucket: input.bucket.trim(),
  };
}

export const inputFingerprint = (input: ConnectionInput): string => JSON.stringify(cleanConnectionInput(input));

export function isAbsolutePath(path: string): boolean {
  return /^\//.test(path) || /^[A-Za-z]:[\\/]/.test(path) || /^\\\\[^\\]+\\[^\\]+/.test(path);
}

export function intervalOf(options: SourceOptions): number {
  return options.schedule === 'custom' ? Number(options.customMinutes) : options.schedule;
}

export function validateOptions(options: SourceOptions): FieldErrors {
  const errors: FieldErrors = {};
  const dir = options.localDir.trim();
  if (!dir) errors.localDir = 'wizard.validation.localDirRequired';
  else if (!isAbsolutePath(dir)) errors.localDir = 'wizard.validation.localDirAbsolute';
  if (options.schedule === 'custom') {
    const n = Number(options.customMinutes);
    if (!Number.isInteger(n) || n < MIN_INTERVAL || n > MAX_INTERVAL) errors.customMinutes = 'wizard.validation.interval';
  }
  if (options.videoOnly && options.extensions.length === 0) errors.extensions = 'wizard.validation.extensions';
  if (options.sinceEnabled) {
    const n = Number(options.sinceDays);
    if (!Number.isInteger(n) || n < 1 || n > 3650) errors.sinceDays = 'wizard.validation.sinceDays';
  }
  return errors;
}

/** null = the default video list, [] = every file, else the chosen extensions. */
export function extensionsOf(options: SourceOptions): string[] | null {
  if (!options.videoOnly) return [];
  const all = VIDEO_EXTENSIONS.every((ext) => options.extensions.includes(ext));
  return all ? null : VIDEO_EXTENSIONS.filter((ext) => options.extensions.includes(ext));
}

export function optionsFromSource(source: Pick<SourceInput, 'localDir' | 'intervalMinutes' | 'extensions' | 'sinceDays'>): SourceOptions {
  const preset = (SCHEDULE_PRESETS as readonly number[]).includes(source.intervalMinutes);
  const ext = source.extensions;
  return {
    localDir: source.localDir,
    schedule: preset ? source.intervalMinutes : 'custom',
    customMinutes: String(source.intervalMinutes),
    videoOnly: ext === null || ext.length > 0,
    extensions: ext && ext.length > 0 ? [...ext] : [...VIDEO_EXTENSIONS],
    sinceEnabled: source.sinceDays > 0,
    sinceDays: source.sinceDays > 0 ? String(source.sinceDays) : '30',
  };
}

export function toSourceInput(draft: WizardDraft, id = 0): SourceInput {
  return {
    id,
    connectionId: draft.connection?.id ?? 0,
    bucket: draft.bucket,
    prefix: draft.prefix,
    ...sourceFields(draft.options),
    enabled: true,
  };
}

export function sourceFields(options: SourceOptions): Pick<SourceInput, 'localDir' | 'extensions' | 'sinceDays' | 'intervalMinutes'> {
  return {
    localDir: options.localDir.trim(),
    extensions: extensionsOf(options),
    sinceDays: options.sinceEnabled ? Number(options.sinceDays) : 0,
    intervalMinutes: intervalOf(options),
  };
}

/** LIST requests a month for a folder needing `perSync` requests, at one sync per interval. */
export function monthlyListEstimate(perSync: number, intervalMinutes: number): { requests: number; usd: number } {
  const runs = intervalMinutes > 0 ? Math.ceil((30 * 24 * 60) / intervalMinutes) : 0;
  const requests = Math.max(perSync, 1) * runs;
  return { requests, usd: requests * LIST_PRICE_USD };
}

/** Which step's checks fail, as field errors; step indexes follow the wizard (0..5). */
export function validateStep(step: number, draft: WizardDraft): FieldErrors {
  switch (step) {
    case 1: {
      const e = validateBucketName(draft.policyBucket.trim());
      return e ? { policyBucket: e } : {};
    }
    case 2:
      if (draft.mode !== 'keys') return draft.connection ? {} : { connection: 'wizard.validation.chooseConnection' };
      if (draft.addedConnection && draft.addedFor === inputFingerprint(draft.connInput)) return {};
      {
        const errors = validateConnectionInput(draft.connInput);
        if (Object.keys(errors).length > 0) return errors;
        if (!draft.tested || draft.testedInput !== inputFingerprint(draft.connInput)) return { test: 'wizard.validation.testFirst' };
      }
      return {};
    case 3:
      return draft.bucket ? {} : { bucket: 'wizard.validation.chooseBucket' };
    case 4:
      return validateOptions(draft.options);
    default:
      return {};
  }
}
