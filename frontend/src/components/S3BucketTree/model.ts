// The tree's data as plain values: node ids, per-level load state, and the flattening of what is
// expanded into the list of rows the virtualised view renders.
import type { AppError } from '../../bridge';

export interface TreeBucket {
  name: string;
  /** Known in advance to be unreadable with this key. */
  locked?: boolean;
}

export interface TreeFolder {
  prefix: string;
  name: string;
}

export interface FolderPage {
  folders: TreeFolder[];
  nextToken: string;
}

export interface TreeSelection {
  bucket: string;
  /** "" for the bucket's root; otherwise ends with "/". */
  prefix: string;
}

export interface LevelState {
  status: 'loading' | 'error' | 'ready';
  folders: TreeFolder[];
  nextToken: string;
  error?: AppError;
  loadingMore?: boolean;
  moreError?: AppError;
}

export type RowKind = 'node' | 'loading' | 'error' | 'locked' | 'empty' | 'more';

export interface TreeRow {
  kind: RowKind;
  /** Stable across renders: the node's id, or the parent's id plus the row kind. */
  id: string;
  /** The id of the node this row belongs under; "" for buckets. */
  parentId: string;
  bucket: string;
  prefix: string;
  name: string;
  /** 1 for buckets. */
  level: number;
  expanded: boolean;
  locked: boolean;
  posInSet: number;
  setSize: number;
  error?: AppError;
  busy?: boolean;
}

const SEP = '\u0000';

export const nodeId = (bucket: string, prefix: string): string => `${bucket}${SEP}${prefix}`;

export function isAccessDenied(error: AppError | undefined): boolean {
  return error?.code === 's3.access_denied';
}

interface FlattenInput {
  buckets: readonly TreeBucket[];
  levels: ReadonlyMap<string, LevelState>;
  expanded: ReadonlySet<string>;
}

/** The rows shown, in order: each expanded node is followed by its level's rows. */
export function flatten({ buckets, levels, expanded }: FlattenInput): TreeRow[] {
  const rows: TreeRow[] = [];

  const pushChildren = (bucket: string, prefix: string, parentId: string, level: number) => {
    const state = levels.get(parentId);
    const extra = { bucket, prefix, parentId, level, expanded: false, locked: false, posInSet: 1, setSize: 1, name: '' };
    if (!state || state.status === 'loading') {
      rows.push({ ...extra, kind: 'loading', id: `${parentId}${SEP}loading` });
      return;
    }
    if (state.status === 'error') {
      const kind: RowKind = level === 2 && isAccessDenied(state.error) ? 'locked' : 'error';
      rows.push({ ...extra, kind, id: `${parentId}${SEP}error`, error: state.error });
      return;
    }
    if (state.folders.length === 0 && !state.nextToken) {
      rows.push({ ...extra, kind: 'empty', id: `${parentId}${SEP}empty` });
      return;
    }
    const setSize = state.folders.length;
    state.folders.forEach((folder, i) => {
      const id = nodeId(bucket, folder.prefix);
      const isOpen = expanded.has(id);
      rows.push({
        kind: 'node',
        id,
        parentId,
        bucket,
        prefix: folder.prefix,
        name: folder.name,
        level,
        expanded: isOpen,
        locked: false,
        posInSet: i + 1,
        setSize,
      });
      if (isOpen) pushChildren(bucket, folder.prefix, id, level + 1);
    });
    if (state.nextToken || state.moreError) {
      rows.push({ ...extra, kind: 'more', id: `${parentId}${SEP}more`, busy: state.loadingMore, error: state.moreError });
    }
  };

  buckets.forEach((bucket, i) => {
    const id = nodeId(bucket.name, '');
    const state = levels.get(id);
    const isOpen = expanded.has(id);
    rows.push({
      kind: 'node',
      id,
      parentId: '',
      bucket: bucket.name,
      prefix: '',
      name: bucket.name,
      level: 1,
      expanded: isOpen,
      locked: Boolean(bucket.locked) || (state?.status === 'error' && isAccessDenied(state.error)),
      posInSet: i + 1,
      setSize: buckets.length,
    });
    if (isOpen) pushChildren(bucket.name, '', id, 2);
  });
  return rows;
}

/** The next node row after `from` (wrapping) whose name starts with text, or -1. */
export function typeAheadIndex(rows: readonly TreeRow[], from: number, text: string): number {
  const needle = text.toLocaleLowerCase();
  const n = rows.length;
  for (let step = 1; step <= n; step++) {
    const i = (from + step + n) % n;
    const row = rows[i];
    if (row.kind === 'node' && row.name.toLocaleLowerCase().startsWith(needle)) return i;
  }
  return -1;
}
