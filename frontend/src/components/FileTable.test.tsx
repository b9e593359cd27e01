import { screen, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { FileView } from '../bridge';
import { renderWithI18n } from '../test/render';
import { FileTable } from './FileTable';

const file = (name: string, size: number, modifiedMs: number, extra: Partial<FileView> = {}): FileView => ({
  key: `cam/${name}`,
  name,
  etag: name,
  storageClass: 'STANDARD',
  size,
  modifiedMs,
  isVideo: /\.(mp4|dav)$/.test(name),
  archived: false,
  ...extra,
});

const FILES = [
  file('b.mp4', 300, 2000),
  file('a.mp4', 100, 3000),
  file('notes.txt', 5, 1000),
  file('old.dav', 200, 500, { storageClass: 'GLACIER', archived: true }),
];

function Harness({ files = FILES }: { files?: FileView[] }) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  return (
    <>
      <FileTable label="Files" files={files} selected={selected} onSelectionChange={setSelected} />
      <output aria-label="picked">{[...selected].sort().join(',')}</output>
    </>
  );
}

const names = () =>
  within(screen.getByRole('table', { name: 'Files' }))
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('cell')[1].textContent);

describe('FileTable', () => {
  it('shows videos only, newest first, until the switch is turned off', async () => {
    const { user } = renderWithI18n(<Harness />);
    expect(names()).toEqual(['a.mp4', 'b.mp4', 'old.dav']);
    await user.click(screen.getByRole('checkbox', { name: 'Videos only' }));
    expect(names()).toEqual(['a.mp4', 'b.mp4', 'notes.txt', 'old.dav']);
  });

  it('sorts by a column and reverses on a second click', async () => {
    const { user } = renderWithI18n(<Harness />);
    await user.click(screen.getByRole('button', { name: 'Size' }));
    expect(names()).toEqual(['a.mp4', 'old.dav', 'b.mp4']);
    expect(screen.getByRole('columnheader', { name: 'Size' })).toHaveAttribute('aria-sort', 'ascending');
    await user.click(screen.getByRole('button', { name: 'Size' }));
    expect(names()).toEqual(['b.mp4', 'old.dav', 'a.mp4']);
    expect(screen.getByRole('columnheader', { name: 'Size' })).toHaveAttribute('aria-sort', 'descending');
  });

  it('selects several files, all at once, but never an archived one', async () => {
    const { user } = renderWithI18n(<Harness />);
    await user.click(screen.getByRole('checkbox', { name: 'Select a.mp4' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select b.mp4' }));
    expect(screen.getByRole('status', { name: 'picked' })).toHaveTextContent('cam/a.mp4,cam/b.mp4');
    expect(screen.getByRole('checkbox', { name: 'Select old.dav' })).toBeDisabled();
    await user.click(screen.getByRole('checkbox', { name: 'Select all files' }));
    expect(screen.getByRole('status', { name: 'picked' })).toHaveTextContent('');
    await user.click(screen.getByRole('checkbox', { name: 'Select all files' }));
    expect(screen.getByRole('status', { name: 'picked' })).toHaveTextContent('cam/a.mp4,cam/b.mp4');
  });

  it('renders a window of rows for a folder of 20,000 files', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => file(`v${String(i).padStart(5, '0')}.mp4`, i, i));
    renderWithI18n(<Harness files={many} />);
    expect(screen.getByText('20,000 files')).toBeInTheDocument();
    expect(screen.getAllByRole('row').length).toBeLessThan(60);
  });
});
