// Typed functions for every method app.go binds. The generated wailsjs bindings are typed with
// Wails' model classes; the bridge keeps its own interfaces (types.ts) and only checks that every
// method it calls exists in the generated module and returns a promise.
import * as App from '../../wailsjs/go/main/App';
import { call } from './errors';
import type {
  AppState,
  BucketView,
  ConnectionInput,
  ConnectionView,
  DownloadRequest,
  HistoryPage,
  HistoryQuery,
  LevelView,
  PreviewView,
  ProfileView,
  RunView,
  Settings,
  SourceInput,
  SourceView,
  TestResult,
} from './types';

interface GoApp {
  GetState(): Promise<AppState>;
  SetLanguage(lang: string): Promise<void>;
  ListConnections(): Promise<ConnectionView[] | null>;
  TestConnection(input: ConnectionInput): Promise<TestResult>;
  AddConnection(input: ConnectionInput): Promise<ConnectionView>;
  RenameConnection(id: number, name: string): Promise<void>;
  RotateKey(id: number, accessKeyId: string, secret: string): Promise<ConnectionView>;
  RemoveConnection(id: number): Promise<void>;
  ListProfiles(): Promise<ProfileView[] | null>;
  ImportProfile(name: string): Promise<ConnectionView>;
  ListBuckets(connId: number): Promise<BucketView[] | null>;
  ListLevel(connId: number, bucket: string, prefix: string, pageToken: string): Promise<LevelView>;
  PreviewFolder(connId: number, bucket: string, prefix: string): Promise<PreviewView>;
  GeneratePolicy(bucket: string, includeListAllBuckets: boolean): Promise<string>;
  ChooseFolder(title: string): Promise<string>;
  OpenFolder(path: string): Promise<void>;
  ListSources(): Promise<SourceView[] | null>;
  SaveSource(input: SourceInput): Promise<SourceView>;
  RemoveSource(id: number): Promise<void>;
  SetSourcePaused(id: number, paused: boolean): Promise<void>;
  PauseAll(paused: boolean): Promise<void>;
  SyncNow(id: number): Promise<void>;
  CancelSync(id: number): Promise<void>;
  HistoryPage(query: HistoryQuery): Promise<HistoryPage>;
  ListRuns(sourceId: number, limit: number): Promise<RunView[] | null>;
  GetSettings(): Promise<Settings>;
  SaveSettings(settings: Settings): Promise<void>;
  StartDownload(req: DownloadRequest): Promise<string>;
  CancelDownload(batchId: string): Promise<void>;
}

type AnyBoundMethod = (...args: never[]) => Promise<unknown>;
// Fails to compile when the generated bindings lack (or renamed) a method the UI relies on.
const generated: Record<keyof GoApp, AnyBoundMethod> = App;
const go = generated as unknown as GoApp;

const list = <T>(rows: T[] | null | undefined): T[] => rows ?? [];

export const getState = () => call<AppState>(() => go.GetState());
export const setLanguage = (lang: string) => call<void>(() => go.SetLanguage(lang));

export const listConnections = async () =>
  list(await call<ConnectionView[] | null>(() => go.ListConnections()));
export const testConnection = (input: ConnectionInput) =>
  call<TestResult>(() => go.TestConnection(input));
export const addConnection = (input: ConnectionInput) =>
  call<ConnectionView>(() => go.AddConnection(input));
export const renameConnection = (id: number, name: string) =>
  call<void>(() => go.RenameConnection(id, name));
export const rotateKey = (id: number, accessKeyId: string, secret: string) =>
  call<ConnectionView>(() => go.RotateKey(id, accessKeyId, secret));
export const removeConnection = (id: number) => call<void>(() => go.RemoveConnection(id));
export const listProfiles = async () =>
  list(await call<ProfileView[] | null>(() => go.ListProfiles()));
export const importProfile = (name: string) =>
  call<ConnectionView>(() => go.ImportProfile(name));

export const listBuckets = async (connId: number) =>
  list(await call<BucketView[] | null>(() => go.ListBuckets(connId)));
export async function listLevel(
  connId: number,
  bucket: string,
  prefix: string,
  pageToken = '',
): Promise<LevelView> {
  const level = await call<LevelView>(() => go.ListLevel(connId, bucket, prefix, pageToken));
  return { folders: list(level.folders), files: list(level.files), nextToken: level.nextToken ?? '' };
}
export const previewFolder = (connId: number, bucket: string, prefix: string) =>
  call<PreviewView>(() => go.PreviewFolder(connId, bucket, prefix));
export const generatePolicy = (bucket: string, includeListAllBuckets: boolean) =>
  call<string>(() => go.GeneratePolicy(bucket, includeListAllBuckets));

export const chooseFolder = (title: string) => call<string>(() => go.ChooseFolder(title));
export const openFolder = (path: string) => call<void>(() => go.OpenFolder(path));

export const listSources = async () =>
  list(await call<SourceView[] | null>(() => go.ListSources()));
export const saveSource = (input: SourceInput) => call<SourceView>(() => go.SaveSource(input));
export const removeSource = (id: number) => call<void>(() => go.RemoveSource(id));
export const setSourcePaused = (id: number, paused: boolean) =>
  call<void>(() => go.SetSourcePaused(id, paused));
export const pauseAll = (paused: boolean) => call<void>(() => go.PauseAll(paused));
export const syncNow = (id: number) => call<void>(() => go.SyncNow(id));
export const cancelSync = (id: number) => call<void>(() => go.CancelSync(id));

export async function historyPage(query: HistoryQuery): Promise<HistoryPage> {
  const page = await call<HistoryPage>(() => go.HistoryPage(query));
  return { rows: list(page.rows), total: page.total ?? 0 };
}
export const listRuns = async (sourceId: number, limit: number) =>
  list(await call<RunView[] | null>(() => go.ListRuns(sourceId, limit)));

export const getSettings = () => call<Settings>(() => go.GetSettings());
export const saveSettings = (settings: Settings) => call<void>(() => go.SaveSettings(settings));

export const startDownload = (req: DownloadRequest) => call<string>(() => go.StartDownload(req));
export const cancelDownload = (batchId: string) => call<void>(() => go.CancelDownload(batchId));
