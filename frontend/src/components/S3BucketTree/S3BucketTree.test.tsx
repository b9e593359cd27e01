import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../bridge/errors';
import { renderWithI18n } from '../../test/render';
import type { FolderPage, TreeBucket } from './model';
import { S3BucketTree } from './S3BucketTree';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const folders = (prefix: string, names: string[]) => names.map((name) => ({ name, prefix: `${prefix}${name}/` }));

function setup(opts: {
  buckets?: TreeBucket[] | (() => Promise<TreeBucket[]>);
  loadFolders?: (bucket: string, prefix: string, token: string) => Promise<FolderPage>;
}) {
  const loadBuckets = typeof opts.buckets === 'function' ? vi.fn(opts.buckets) : vi.fn(async () => (opts.buckets as TreeBucket[] | undefined) ?? [{ name: 'cams' }]);
  const loadFolders = vi.fn(opts.loadFolders ?? (async () => ({ folders: [], nextToken: '' })));
  const onSelect = vi.fn();
  const view = renderWithI18n(<S3BucketTree label="Buckets" loadBuckets={loadBuckets} loadFolders={loadFolders} onSelect={onSelect} />);
  return { ...view, loadBuckets, loadFolders, onSelect };
}

describe('S3BucketTree', () => {
  it('lists buckets and loads a level only when its node is opened', async () => {
    const { user, loadFolders } = setup({
      buckets: [{ name: 'cams' }, { name: 'logs' }],
      loadFolders: async (_b, prefix) => ({ folders: prefix ? [] : folders(prefix, ['front-door', 'garage']), nextToken: '' }),
    });
    const cams = await screen.findByRole('treeitem', { name: 'cams' });
    expect(screen.getByRole('treeitem', { name: 'logs' })).toHaveAttribute('aria-expanded', 'false');
    expect(loadFolders).not.toHaveBeenCalled();

    await user.click(cams);
    expect(await screen.findByRole('treeitem', { name: 'front-door' })).toHaveAttribute('aria-level', '2');
    expect(loadFolders).toHaveBeenCalledWith('cams', '', '');
    expect(cams).toHaveAttribute('aria-expanded', 'true');

    await user.click(screen.getByRole('treeitem', { name: 'garage' }));
    expect(loadFolders).toHaveBeenLastCalledWith('cams', 'garage/', '');
    expect(await screen.findByRole('treeitem', { name: 'No folders here' })).toHaveAttribute('aria-level', '3');
  });

  it('reports the selection as bucket and prefix', async () => {
    const { user, onSelect } = setup({
      loadFolders: async (_b, prefix) => ({ folders: folders(prefix, ['cam1']), nextToken: '' }),
    });
    await user.click(await screen.findByRole('treeitem', { name: 'cams' }));
    expect(onSelect).toHaveBeenLastCalledWith({ bucket: 'cams', prefix: '' });
    await user.click(await screen.findByRole('treeitem', { name: 'cam1' }));
    expect(onSelect).toHaveBeenLastCalledWith({ bucket: 'cams', prefix: 'cam1/' });
  });

  it('shows a loading row while a level loads', async () => {
    const pending = deferred<FolderPage>();
    const { user } = setup({ loadFolders: () => pending.promise });
    await user.click(await screen.findByRole('treeitem', { name: 'cams' }));
    expect(screen.getByRole('treeitem', { name: 'Loading…' })).toHaveAttribute('aria-busy', 'true');
    await act(async () => pending.resolve({ folders: folders('', ['a']), nextToken: '' }));
    expect(screen.queryByRole('treeitem', { name: 'Loading…' })).not.toBeInTheDocument();
    expect(screen.getByRole('treeitem', { name: 'a' })).toBeInTheDocument();
  });

  it('pages through a large level with "Load more"', async () => {
    const { user, loadFolders } = setup({
      loadFolders: async (_b, _p, token) =>
        token === ''
          ? { folders: folders('', ['2024-01-01', '2024-01-02']), nextToken: 'page-2' }
          : { folders: folders('', ['2024-01-03']), nextToken: '' },
    });
    await user.click(await screen.findByRole('treeitem', { name: 'cams' }));
    const more = await screen.findByRole('treeitem', { name: 'Load more folders' });
    await user.click(more);
    expect(loadFolders).toHaveBeenLastCalledWith('cams', '', 'page-2');
    expect(await screen.findByRole('treeitem', { name: '2024-01-03' })).toHaveAttribute('aria-posinset', '3');
    expect(screen.queryByRole('treeitem', { name: 'Load more folders' })).not.toBeInTheDocument();
  });

  it('shows a failed level with its message and retries it', async () => {
    let calls = 0;
    const { user } = setup({
      loadFolders: async () => {
        calls++;
        if (calls === 1) throw JSON.stringify({ code: 'net.timeout', key: 'error.net.timeout', hint: 'hint.net.timeout' });
        return { folders: folders('', ['recovered']), nextToken: '' };
      },
    });
    await user.click(await screen.findByRole('treeitem', { name: 'cams' }));
    const failed = await screen.findByRole('treeitem', { name: /Could not load folders.*Retry/ });
    await user.click(failed);
    expect(await screen.findByRole('treeitem', { name: 'recovered' })).toBeInTheDocument();
    expect(calls).toBe(2);
  });

  it('marks a bucket the key cannot list as locked, with a hint', async () => {
    const { user } = setup({
      buckets: [{ name: 'secret-bucket' }],
      loadFolders: async () => {
        throw new AppError('s3.access_denied', 'error.s3.access_denied', { bucket: 'secret-bucket' }, 'hint.s3.access_denied');
      },
    });
    await user.click(await screen.findByRole('treeitem', { name: 'secret-bucket' }));
    expect(await screen.findByRole('treeitem', { name: /secret-bucket — locked/ })).toBeInTheDocument();
    expect(screen.getByRole('treeitem', { name: /cannot list this bucket/ })).toBeInTheDocument();
  });

  it('offers to type a bucket name when the buckets cannot be listed', async () => {
    const { user, onSelect } = setup({
      buckets: async () => {
        throw JSON.stringify({ code: 's3.access_denied', key: 'error.s3.access_denied' });
      },
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('s3.access_denied');
    await user.type(screen.getByRole('textbox', { name: 'Bucket name' }), 'my-cams');
    await user.click(screen.getByRole('button', { name: 'Add bucket' }));
    expect(await screen.findByRole('treeitem', { name: 'my-cams' })).toBeInTheDocument();
    expect(onSelect).toHaveBeenCalledWith({ bucket: 'my-cams', prefix: '' });
  });

  it('moves with arrow keys, Home and End, opens with Right, closes with Left, selects with Enter', async () => {
    const { user, onSelect } = setup({
      buckets: [{ name: 'alpha' }, { name: 'beta' }, { name: 'gamma' }],
      loadFolders: async (_b, prefix) => ({ folders: folders(prefix, ['one', 'two']), nextToken: '' }),
    });
    const tree = await screen.findByRole('tree', { name: 'Buckets' });
    const active = () => document.getElementById(tree.getAttribute('aria-activedescendant') ?? '')?.textContent;
    tree.focus();
    await waitFor(() => expect(active()).toBe('alpha'));
    await user.keyboard('{ArrowDown}');
    expect(active()).toBe('beta');
    await user.keyboard('{End}');
    expect(active()).toBe('gamma');
    await user.keyboard('{Home}');
    expect(active()).toBe('alpha');

    await user.keyboard('{ArrowRight}');
    await screen.findByRole('treeitem', { name: 'one' });
    await user.keyboard('{ArrowRight}');
    expect(active()).toBe('one');
    await user.keyboard('{Enter}');
    expect(onSelect).toHaveBeenLastCalledWith({ bucket: 'alpha', prefix: 'one/' });
    await user.keyboard('{ArrowLeft}');
    await user.keyboard('{ArrowLeft}');
    await user.keyboard('{ArrowLeft}');
    expect(active()).toBe('alpha');
    expect(screen.getByRole('treeitem', { name: 'alpha' })).toHaveAttribute('aria-expanded', 'false');
  });

  it('jumps to a node by typing the start of its name', async () => {
    const { user } = setup({ buckets: [{ name: 'alpha' }, { name: 'backup' }, { name: 'cameras' }, { name: 'cars' }] });
    const tree = await screen.findByRole('tree');
    const active = () => document.getElementById(tree.getAttribute('aria-activedescendant') ?? '')?.textContent;
    tree.focus();
    await user.keyboard('car');
    expect(active()).toBe('cars');
    await new Promise((r) => setTimeout(r, 700));
    await user.keyboard('b');
    expect(active()).toBe('backup');
  });

  it('stays fast with 10,000 folders in one level and renders only a window of rows', async () => {
    const names = Array.from({ length: 10_000 }, (_, i) => `cam-${String(i).padStart(5, '0')}`);
    const { user } = setup({ loadFolders: async () => ({ folders: folders('', names), nextToken: '' }) });
    const cams = await screen.findByRole('treeitem', { name: 'cams' });
    const started = performance.now();
    await user.click(cams);
    await screen.findByRole('treeitem', { name: 'cam-00000' });
    const elapsed = performance.now() - started;

    const tree = screen.getByRole('tree');
    const rendered = within(tree).getAllByRole('treeitem');
    expect(rendered.length).toBeLessThan(60);
    expect(elapsed).toBeLessThan(1500);
    expect(screen.getByRole('treeitem', { name: 'cam-00000' })).toHaveAttribute('aria-setsize', '10000');

    tree.focus();
    await user.keyboard('{End}');
    expect(await screen.findByRole('treeitem', { name: 'cam-09999' })).toHaveAttribute('aria-posinset', '10000');
    expect(within(tree).getAllByRole('treeitem').length).toBeLessThan(60);
  });
});
