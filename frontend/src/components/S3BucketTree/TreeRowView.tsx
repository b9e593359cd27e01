import { AlertCircle, ChevronDown, ChevronRight, Database, Folder, FolderOpen, Loader2, Lock, MoreHorizontal } from 'lucide-react';
import { useI18n } from '../../i18n';
import { describeError } from '../ErrorNotice';
import type { TreeRow } from './model';

export const ROW_HEIGHT = 32;
const INDENT = 18;

interface TreeRowViewProps {
  row: TreeRow;
  domId: string;
  active: boolean;
  selected: boolean;
  top: number;
  onActivate(row: TreeRow, viaChevron: boolean): void;
}

/** One row of the tree: a bucket or folder node, or a level's loading/error/empty/more line. */
export function TreeRowView({ row, domId, active, selected, top, onActivate }: TreeRowViewProps) {
  const { t } = useI18n();
  const indent = (row.level - 1) * INDENT + 8;
  const base = `absolute left-0 right-0 flex cursor-default select-none items-center gap-1.5 pr-2 text-sm ${active ? 'ring-2 ring-inset ring-blue-600' : ''}`;
  const style = { top, height: ROW_HEIGHT, paddingLeft: indent };

  if (row.kind === 'node') {
    const Icon = row.level === 1 ? Database : row.expanded ? FolderOpen : Folder;
    return (
      <div
        id={domId}
        role="treeitem"
        aria-level={row.level}
        aria-posinset={row.posInSet}
        aria-setsize={row.setSize}
        aria-expanded={row.expanded}
        aria-selected={selected}
        aria-label={row.locked ? `${row.name} — ${t('tree.lockedLabel')}` : row.name}
        className={`${base} ${selected ? 'bg-blue-100 font-medium text-blue-950' : 'text-slate-800 hover:bg-slate-100'}`}
        style={style}
        onClick={() => onActivate(row, false)}
      >
        <span
          aria-hidden
          data-chevron
          className="inline-flex size-5 shrink-0 items-center justify-center rounded text-slate-600 hover:bg-slate-200"
          onClick={(e) => {
            e.stopPropagation();
            onActivate(row, true);
          }}
        >
          {row.expanded ? <ChevronDown className="size-4" /> : <ChevronRight className="size-4" />}
        </span>
        <Icon aria-hidden className={`size-4 shrink-0 ${row.level === 1 ? 'text-blue-700' : 'text-amber-600'}`} />
        <span className="truncate" title={row.name}>
          {row.name}
        </span>
        {row.locked && <Lock aria-hidden className="ml-1 size-3.5 shrink-0 text-slate-600" />}
      </div>
    );
  }

  const pseudo = `${base} text-slate-600`;
  const common = { id: domId, role: 'treeitem', 'aria-level': row.level, style } as const;

  switch (row.kind) {
    case 'loading':
      return (
        <div {...common} aria-busy className={pseudo}>
          <Loader2 aria-hidden className="size-4 animate-spin" />
          {t('tree.loading')}
        </div>
      );
    case 'empty':
      return (
        <div {...common} aria-disabled className={`${pseudo} italic`}>
          {t('tree.empty')}
        </div>
      );
    case 'locked':
      return (
        <div {...common} className={`${pseudo} text-amber-900`} onClick={() => onActivate(row, false)} title={t('tree.lockedHint')}>
          <Lock aria-hidden className="size-4 shrink-0" />
          <span className="truncate">{t('tree.lockedHint')}</span>
          <span className="ml-auto shrink-0 rounded border border-slate-300 bg-white px-1.5 text-xs text-slate-800">{t('common.retry')}</span>
        </div>
      );
    case 'error': {
      const message = row.error ? describeError(t, row.error).message : '';
      return (
        <div {...common} aria-label={`${t('tree.loadFailed', { message })} ${t('common.retry')}`} className={`${pseudo} text-red-800`} onClick={() => onActivate(row, false)} title={message}>
          <AlertCircle aria-hidden className="size-4 shrink-0" />
          <span className="truncate">{t('tree.loadFailed', { message })}</span>
          <span aria-hidden className="ml-auto shrink-0 rounded border border-slate-300 bg-white px-1.5 text-xs text-slate-800">{t('common.retry')}</span>
        </div>
      );
    }
    case 'more': {
      const message = row.error ? describeError(t, row.error).message : '';
      return (
        <div {...common} aria-busy={row.busy || undefined} className={`${pseudo} font-medium text-blue-800 hover:bg-slate-100`} onClick={() => onActivate(row, false)}>
          {row.busy ? <Loader2 aria-hidden className="size-4 animate-spin" /> : <MoreHorizontal aria-hidden className="size-4" />}
          <span className="truncate">{row.busy ? t('tree.loading') : message ? t('tree.moreFailed', { message }) : t('tree.loadMore')}</span>
        </div>
      );
    }
  }
}
