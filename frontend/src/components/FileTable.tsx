import { useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp, ArrowUpDown, Archive, File, Film } from 'lucide-react';
import type { FileView } from '../bridge';
import { useI18n } from '../i18n';
import { Checkbox } from './Field';

export type SortKey = 'name' | 'size' | 'modifiedMs' | 'storageClass';
type Direction = 'ascending' | 'descending';

export interface FileTableProps {
  /** Accessible name of the table. */
  label: string;
  files: readonly FileView[];
  selected: ReadonlySet<string>;
  onSelectionChange(next: Set<string>): void;
  className?: string;
}

const ROW_HEIGHT = 36;
const COLUMNS: SortKey[] = ['name', 'size', 'modifiedMs', 'storageClass'];

function compare(a: FileView, b: FileView, key: SortKey): number {
  if (key === 'size' || key === 'modifiedMs') return a[key] - b[key];
  return a[key].localeCompare(b[key], undefined, { numeric: true, sensitivity: 'base' });
}

/** A folder's files: sortable columns, a video-only switch, check boxes to pick files. Virtualised. */
export function FileTable({ label, files, selected, onSelectionChange, className = 'h-96' }: FileTableProps) {
  const { t, fmt } = useI18n();
  const [videoOnly, setVideoOnly] = useState(true);
  const [sort, setSort] = useState<{ key: SortKey; dir: Direction }>({ key: 'modifiedMs', dir: 'descending' });
  const scrollRef = useRef<HTMLDivElement>(null);

  const shown = useMemo(() => {
    const list = videoOnly ? files.filter((f) => f.isVideo) : [...files];
    const sign = sort.dir === 'ascending' ? 1 : -1;
    return list.sort((a, b) => sign * compare(a, b, sort.key) || a.key.localeCompare(b.key));
  }, [files, videoOnly, sort]);

  const selectable = useMemo(() => shown.filter((f) => !f.archived), [shown]);
  const allSelected = selectable.length > 0 && selectable.every((f) => selected.has(f.key));
  const someSelected = selectable.some((f) => selected.has(f.key));

  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items.length > 0 ? items[0].start : 0;
  const padBottom = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;

  const toggle = (key: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(key);
    else next.delete(key);
    onSelectionChange(next);
  };

  const toggleAll = (on: boolean) => onSelectionChange(on ? new Set(selectable.map((f) => f.key)) : new Set());

  const changeVideoOnly = (on: boolean) => {
    setVideoOnly(on);
    if (on) onSelectionChange(new Set([...selected].filter((key) => files.find((f) => f.key === key)?.isVideo)));
  };

  const sortBy = (key: SortKey) =>
    setSort((prev) => ({ key, dir: prev.key === key && prev.dir === 'ascending' ? 'descending' : 'ascending' }));

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2">
      <div className="flex items-center justify-between gap-3">
        <Checkbox label={t('files.videoOnly')} checked={videoOnly} onChange={(e) => changeVideoOnly(e.target.checked)} />
        <p className="text-sm text-slate-700" aria-live="polite">
          {t('files.count', { count: shown.length })}
          {selected.size > 0 && ` · ${t('files.selectedCount', { count: selected.size })}`}
        </p>
      </div>
      <div ref={scrollRef} className={`overflow-auto rounded-md border border-slate-300 bg-white ${className}`}>
        <table aria-label={label} aria-rowcount={shown.length + 1} className="w-full table-fixed border-collapse text-sm">
          <colgroup>
            <col className="w-10" />
            <col />
            <col className="w-32" />
            <col className="w-44" />
            <col className="w-36" />
          </colgroup>
          <thead className="sticky top-0 z-10 bg-slate-100 text-left text-xs font-semibold text-slate-700">
            <tr aria-rowindex={1} className="h-9">
              <th scope="col" className="px-3">
                <input
                  type="checkbox"
                  aria-label={t('files.selectAll')}
                  className="size-4 accent-blue-600"
                  checked={allSelected}
                  ref={(el) => {
                    if (el) el.indeterminate = someSelected && !allSelected;
                  }}
                  disabled={selectable.length === 0}
                  onChange={(e) => toggleAll(e.target.checked)}
                />
              </th>
              {COLUMNS.map((key) => (
                <th key={key} scope="col" aria-sort={sort.key === key ? sort.dir : 'none'} className={`px-2 ${key === 'size' ? 'text-right' : ''}`}>
                  <button type="button" onClick={() => sortBy(key)} className={`inline-flex items-center gap-1 whitespace-nowrap rounded px-1 py-0.5 hover:bg-slate-200 ${key === 'size' ? 'flex-row-reverse' : ''}`}>
                    {t(`files.col.${key}`)}
                    {sort.key !== key ? <ArrowUpDown aria-hidden className="size-3.5 text-slate-500" /> : sort.dir === 'ascending' ? <ArrowUp aria-hidden className="size-3.5" /> : <ArrowDown aria-hidden className="size-3.5" />}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {padTop > 0 && (
              <tr aria-hidden style={{ height: padTop }}>
                <td colSpan={5} />
              </tr>
            )}
            {items.map((item) => {
              const f = shown[item.index];
              const isSelected = selected.has(f.key);
              return (
                <tr key={f.key} aria-rowindex={item.index + 2} className={`border-t border-slate-100 ${isSelected ? 'bg-blue-50' : 'hover:bg-slate-50'}`} style={{ height: ROW_HEIGHT }}>
                  <td className="px-3">
                    <input type="checkbox" aria-label={t('files.select', { name: f.name })} className="size-4 accent-blue-600" checked={isSelected} disabled={f.archived} onChange={(e) => toggle(f.key, e.target.checked)} />
                  </td>
                  <td className="truncate px-2" title={f.key}>
                    <span className="inline-flex max-w-full items-center gap-2">
                      {f.isVideo ? <Film aria-hidden className="size-4 shrink-0 text-blue-700" /> : <File aria-hidden className="size-4 shrink-0 text-slate-500" />}
                      <span className="truncate">{f.name}</span>
                    </span>
                  </td>
                  <td className="px-2 text-right tabular-nums text-slate-800">{fmt.bytes(f.size)}</td>
                  <td className="truncate px-2 text-slate-800">{fmt.dateTime(f.modifiedMs)}</td>
                  <td className="truncate px-2 text-slate-700">
                    {f.archived ? (
                      <span className="inline-flex items-center gap-1 text-amber-800" title={t('files.archivedHint')}>
                        <Archive aria-hidden className="size-3.5" />
                        {t('files.archived')}
                      </span>
                    ) : (
                      f.storageClass || 'STANDARD'
                    )}
                  </td>
                </tr>
              );
            })}
            {padBottom > 0 && (
              <tr aria-hidden style={{ height: padBottom }}>
                <td colSpan={5} />
              </tr>
            )}
          </tbody>
        </table>
        {shown.length === 0 && <p className="p-6 text-center text-sm text-slate-600">{videoOnly && files.length > 0 ? t('files.noVideos') : t('files.empty')}</p>}
      </div>
    </div>
  );
}
