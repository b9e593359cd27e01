import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Plus, RefreshCw } from 'lucide-react';
import { useI18n } from '../../i18n';
import { Button } from '../Button';
import { EmptyState } from '../EmptyState';
import { ErrorNotice } from '../ErrorNotice';
import { Loading } from '../Loading';
import { flatten, nodeId, typeAheadIndex, type TreeBucket, type TreeRow, type TreeSelection } from './model';
import { ROW_HEIGHT, TreeRowView } from './TreeRowView';
import { useTreeData, type TreeLoaders } from './useTreeData';

export interface S3BucketTreeProps extends TreeLoaders {
  /** Accessible name of the tree. */
  label: string;
  selected?: TreeSelection | null;
  onSelect(selection: TreeSelection): void;
  /** Called before a refresh so the caller can drop its cached levels. */
  onRefresh?(): void;
  /** Buckets the user already named (e.g. when this key may not list all buckets). */
  extraBuckets?: readonly string[];
  className?: string;
}

const TYPE_AHEAD_RESET_MS = 600;

/**
 * Buckets and their folders, loaded one level at a time as nodes open. An ARIA tree with
 * aria-activedescendant focus (the tree keeps focus, rows may be virtualised away), arrow keys,
 * Home/End, Enter to select and type-ahead; "Load more" rows page through large levels.
 */
export function S3BucketTree({ label, selected, onSelect, onRefresh, extraBuckets = [], className = 'h-80', ...loaders }: S3BucketTreeProps) {
  const { t } = useI18n();
  const baseId = useId();
  const data = useTreeData(loaders);
  const [typed, setTyped] = useState<string[]>([]);
  const [typedName, setTypedName] = useState('');
  const [activeId, setActiveId] = useState<string | null>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const typeAhead = useRef({ text: '', at: 0 });

  const buckets = useMemo<TreeBucket[]>(() => {
    const seen = new Set<string>();
    const out: TreeBucket[] = [];
    for (const b of [...data.bucketsState.buckets, ...extraBuckets.map((name) => ({ name })), ...typed.map((name) => ({ name }))]) {
      if (b.name && !seen.has(b.name)) {
        seen.add(b.name);
        out.push(b);
      }
    }
    return out;
  }, [data.bucketsState.buckets, extraBuckets, typed]);

  const rows = useMemo(() => flatten({ buckets, levels: data.levels, expanded: data.expanded }), [buckets, data.levels, data.expanded]);
  const indexById = useMemo(() => new Map(rows.map((r, i) => [r.id, i])), [rows]);
  const activeIndex = activeId !== null ? (indexById.get(activeId) ?? -1) : -1;
  const selectedId = selected ? nodeId(selected.bucket, selected.prefix) : null;

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  // Keep the active row valid when rows disappear (collapse, refresh).
  useEffect(() => {
    if (activeId !== null && activeIndex === -1) setActiveId(rows[0]?.id ?? null);
  }, [activeId, activeIndex, rows]);

  const moveTo = useCallback(
    (index: number) => {
      const row = rows[index];
      if (!row) return;
      setActiveId(row.id);
      virtualizer.scrollToIndex(index, { align: 'auto' });
    },
    [rows, virtualizer],
  );

  const activate = useCallback(
    (row: TreeRow, viaChevron: boolean) => {
      setActiveId(row.id);
      scrollRef.current?.focus({ preventScroll: true });
      switch (row.kind) {
        case 'node':
          if (viaChevron) {
            if (row.expanded) data.collapse(row.bucket, row.prefix);
            else data.expand(row.bucket, row.prefix);
            return;
          }
          onSelect({ bucket: row.bucket, prefix: row.prefix });
          if (!row.expanded) data.expand(row.bucket, row.prefix);
          return;
        case 'error':
        case 'locked':
          data.retry(row.parentId);
          return;
        case 'more':
          data.loadMore(row.parentId);
          return;
        default:
      }
    },
    [data, onSelect],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (rows.length === 0) return;
    const index = activeIndex === -1 ? 0 : activeIndex;
    const row = rows[index];
    switch (e.key) {
      case 'ArrowDown':
        moveTo(activeIndex === -1 ? 0 : Math.min(index + 1, rows.length - 1));
        break;
      case 'ArrowUp':
        moveTo(Math.max(index - 1, 0));
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      case 'ArrowRight':
        if (row.kind !== 'node') break;
        if (!row.expanded) data.expand(row.bucket, row.prefix);
        else moveTo(index + 1);
        break;
      case 'ArrowLeft':
        if (row.kind === 'node' && row.expanded) data.collapse(row.bucket, row.prefix);
        else if (row.parentId) moveTo(indexById.get(row.parentId) ?? index);
        break;
      case 'Enter':
      case ' ':
        activate(row, false);
        break;
      default:
        if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
          const now = Date.now();
          const state = typeAhead.current;
          state.text = now - state.at > TYPE_AHEAD_RESET_MS ? e.key : state.text + e.key;
          state.at = now;
          const from = state.text.length > 1 ? index - 1 : index;
          const found = typeAheadIndex(rows, from, state.text);
          if (found >= 0) moveTo(found);
          break;
        }
        return;
    }
    e.preventDefault();
  };

  const refresh = () => {
    onRefresh?.();
    data.refresh();
  };

  const addTyped = () => {
    const name = typedName.trim();
    if (!name) return;
    setTyped((prev) => (prev.includes(name) ? prev : [...prev, name]));
    setTypedName('');
    onSelect({ bucket: name, prefix: '' });
  };

  const { bucketsState } = data;
  const items = virtualizer.getVirtualItems();
  const activeDomId = activeIndex >= 0 ? `${baseId}-row-${activeIndex}` : undefined;

  return (
    <div className="flex min-h-0 flex-col gap-2">
      <div className="flex items-center gap-1.5">
        <form
          className="flex min-w-0 flex-1 items-center gap-1.5"
          onSubmit={(e) => {
            e.preventDefault();
            addTyped();
          }}
        >
          <label htmlFor={`${baseId}-typed`} className="sr-only">
            {t('tree.typeBucket')}
          </label>
          <input
            id={`${baseId}-typed`}
            value={typedName}
            onChange={(e) => setTypedName(e.target.value)}
            placeholder={t('tree.typeBucketPlaceholder')}
            className="h-8 min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2.5 text-sm placeholder:text-slate-500"
            spellCheck={false}
            autoCapitalize="off"
          />
          <Button size="sm" type="submit" aria-label={t('tree.addBucket')} title={t('tree.addBucket')} icon={<Plus aria-hidden className="size-4" />} />
        </form>
        <Button size="sm" variant="ghost" onClick={refresh} aria-label={t('common.refresh')} title={t('tree.refreshHint')} icon={<RefreshCw aria-hidden className="size-4" />} />
      </div>

      {bucketsState.status === 'error' && (
        <ErrorNotice compact error={bucketsState.error} onRetry={data.reloadBuckets} />
      )}
      {bucketsState.status === 'loading' && buckets.length === 0 && <Loading label={t('tree.loadingBuckets')} className="p-3" />}
      {bucketsState.status === 'ready' && buckets.length === 0 && (
        <EmptyState title={t('tree.noBuckets')} description={t('tree.noBucketsHint')} />
      )}

      {buckets.length > 0 && (
        <div
          ref={scrollRef}
          role="tree"
          aria-label={label}
          aria-activedescendant={activeDomId}
          tabIndex={0}
          onKeyDown={onKeyDown}
          onFocus={() => {
            if (activeId === null && rows.length > 0) setActiveId(selectedId && indexById.has(selectedId) ? selectedId : rows[0].id);
          }}
          className={`relative overflow-auto rounded-md border border-slate-300 bg-white focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-600 ${className}`}
        >
          <div role="presentation" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = rows[item.index];
              return (
                <TreeRowView
                  key={row.id}
                  row={row}
                  domId={`${baseId}-row-${item.index}`}
                  top={item.start}
                  active={item.index === activeIndex}
                  selected={row.id === selectedId}
                  onActivate={activate}
                />
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}
