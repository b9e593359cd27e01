// TypeScript mirrors of the Go structs that cross the Wails boundary (app.go). Field names are
// the Go JSON tags exactly; times are Unix milliseconds, sizes are bytes.

export interface AppState {
  lang: string;
  hasConnections: boolean;
  hasSources: boolean;
  demo: boolean;
  version: string;
  os: string;
}

export interface ConnectionInput {
  name: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  region: string;
  endpoint: string;
  pathStyle: boolean;
  /** Optional: validate the key on this bucket too. */
  bucket: string;
}

export interface ConnectionView {
  id: number;
  name: string;
  endpoint: string;
  region: string;
  accessKeyId: string;
  accountId: string;
  arn: string;
  pathStyle: boolean;
  isRoot: boolean;
  lastValidatedMs: number;
  createdMs: number;
  keyAgeDays: number;
}

export interface TestResult {
  account: string;
  arn: string;
  isRoot: boolean;
  bucketCount: number;
  canListBuckets: boolean;
  bucketOk: boolean;
  missingPermission: string;
}

export interface ProfileView {
  name: string;
  region: string;
  endpoint: string;
  accessKeyId: string;
  hasKeys: boolean;
}

export interface BucketView {
  name: string;
  createdMs: number;
}

export interface FolderView {
  prefix: string;
  name: string;
}

export interface FileView {
  key: string;
  name: string;
  etag: string;
  storageClass: string;
  size: number;
  modifiedMs: number;
  isVideo: boolean;
  archived: boolean;
}

export interface LevelView {
  folders: FolderView[] | null;
  files: FileView[] | null;
  nextToken: string;
}

export interface PreviewView {
  videoCount: number;
  totalBytes: number;
  newest: FileView[] | null;
  pagesRead: number;
  truncated: boolean;
  estimatedListRequests: number;
}

export interface SourceInput {
  id: number;
  connectionId: number;
  bucket: string;
  prefix: string;
  localDir: string;
  /** null = the default video extensions; [] = every file; otherwise these extensions. */
  extensions: string[] | null;
  sinceDays: number;
  intervalMinutes: number;
  enabled: boolean;
}

export type RunStatus = 'running' | 'ok' | 'partial' | 'failed' | 'cancelled';

export interface RunView {
  id: number;
  sourceId: number;
  trigger: string;
  startedMs: number;
  finishedMs: number;
  listed: number;
  matched: number;
  downloaded: number;
  skipped: number;
  failed: number;
  archived: number;
  bytes: number;
  listRequests: number;
  getRequests: number;
  headRequests: number;
  estimatedCostUsd: number;
  /** false when the store is not Amazon S3: the estimate uses AWS prices, so none is shown. */
  costEstimated: boolean;
  errorSummary: string;
  status: RunStatus;
}

export interface SourceView extends SourceInput {
  paused: boolean;
  connectionName: string;
  lastRun?: RunView | null;
  nextRunMs: number;
  running: boolean;
}

export interface SyncProgress {
  sourceId: number;
  /** "listing": walking the bucket, totals still growing; "downloading": totals known. */
  phase: 'listing' | 'downloading' | string;
  /** Objects listed so far. */
  listed: number;
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  rate: number;
  etaMs: number;
  currentKey: string;
}

export interface HistoryQuery {
  sourceId: number;
  search: string;
  fromMs: number;
  toMs: number;
  limit: number;
  offset: number;
}

export interface HistoryRow {
  id: number;
  sourceId: number;
  key: string;
  localPath: string;
  etag: string;
  size: number;
  modifiedMs: number;
  downloadedMs: number;
}

export interface HistoryPage {
  rows: HistoryRow[] | null;
  total: number;
}

export interface Settings {
  lang: string;
  concurrency: number;
  bandwidthLimitKBps: number;
  startAtLogin: boolean;
  notifications: boolean;
}

export interface DownloadRequest {
  connectionId: number;
  bucket: string;
  keys: string[];
  destDir: string;
}

export interface FailedFile {
  key: string;
  code: string;
  message: string;
}

export interface DownloadProgress {
  batchId: string;
  /** The file whose bytes moved last. */
  key: string;
  /** That file's bytes, when the backend reports them. */
  done?: number;
  total?: number;
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  rate: number;
  failed: FailedFile[] | null;
  finished: boolean;
  cancelled: boolean;
}
