import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as bridge from '../../bridge';
import { renderWithI18n } from '../../test/render';
import { SetupWizard } from './SetupWizard';

vi.mock('../../bridge', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../bridge')>();
  return {
    ...actual,
    setLanguage: vi.fn(async () => undefined),
    generatePolicy: vi.fn(async (bucket: string) => `{"Resource":"arn:aws:s3:::${bucket}"}`),
    testConnection: vi.fn(),
    addConnection: vi.fn(),
    removeConnection: vi.fn(async () => undefined),
    listBuckets: vi.fn(async () => [{ name: 'shop-cams', createdMs: 0 }]),
    listLevel: vi.fn(async (_c: number, _b: string, prefix: string) => ({
      folders: prefix ? [] : [{ prefix: 'front/', name: 'front' }],
      files: [],
      nextToken: '',
    })),
    previewFolder: vi.fn(async () => ({
      videoCount: 12,
      totalBytes: 5 * 1024 * 1024,
      newest: [{ key: 'front/a.mp4', name: 'a.mp4', etag: 'e', storageClass: 'STANDARD', size: 1024, modifiedMs: 1_700_000_000_000, isVideo: true, archived: false }],
      pagesRead: 1,
      truncated: false,
      estimatedListRequests: 3,
    })),
    chooseFolder: vi.fn(async () => '/home/lan/Cameras'),
    getSettings: vi.fn(async () => ({ lang: 'en', concurrency: 4, bandwidthLimitKBps: 0, startAtLogin: false, notifications: true })),
    saveSettings: vi.fn(async () => undefined),
    saveSource: vi.fn(),
    syncNow: vi.fn(async () => undefined),
    listSources: vi.fn(async () => []),
  };
});

const api = vi.mocked(bridge);

const tested = { account: '123456789012', arn: 'arn:aws:iam::123456789012:user/vpack', isRoot: false, bucketCount: 3, canListBuckets: true, bucketOk: true, missingPermission: '' };
const connection = { id: 7, name: 'Shop', endpoint: '', region: '', accessKeyId: 'AKIAEXAMPLE123', accountId: '123456789012', arn: tested.arn, pathStyle: false, isRoot: false, lastValidatedMs: 0, createdMs: 0, keyAgeDays: 0 };

function renderWizard() {
  const onFinish = vi.fn();
  const view = renderWithI18n(<SetupWizard hasSavedConnections={false} onFinish={onFinish} />);
  return { ...view, onFinish };
}

const next = () => screen.getByRole('button', { name: /^(Next|I have my key)/ });

async function toCredentials(user: ReturnType<typeof renderWizard>['user']) {
  await user.click(next());
  await user.click(next());
  await screen.findByRole('heading', { name: 'Connect with your access key' });
}

async function fillKeys(user: ReturnType<typeof renderWizard>['user'], secret = 'wJalrXUtnFEMI/K7MDENG') {
  await user.type(screen.getByRole('textbox', { name: 'Access key ID' }), ' AKIAEXAMPLE123 ');
  await user.type(screen.getByLabelText('Secret access key'), secret);
}

beforeEach(() => {
  vi.clearAllMocks();
  api.testConnection.mockResolvedValue(tested);
  api.addConnection.mockResolvedValue(connection);
  api.saveSource.mockImplementation(async (input) => ({ ...input, id: 11, paused: false, connectionName: 'Shop', lastRun: null, nextRunMs: 0, running: false }));
});

describe('SetupWizard', () => {
  it('starts at the welcome step and marks it as current', () => {
    renderWizard();
    expect(screen.getByRole('heading', { name: 'Welcome to VPACK S3 Sync' })).toBeInTheDocument();
    const steps = within(screen.getByRole('navigation', { name: 'Setup steps' })).getAllByRole('listitem');
    expect(steps).toHaveLength(6);
    expect(steps[0]).toHaveAttribute('aria-current', 'step');
    expect(screen.getByRole('button', { name: 'Back' })).toBeDisabled();
  });

  it('switches the language and saves the choice', async () => {
    const { user } = renderWizard();
    await user.click(screen.getByRole('radio', { name: 'Tiếng Việt' }));
    expect(await screen.findByRole('heading', { name: 'Chào mừng bạn đến với VPACK S3 Sync' })).toBeInTheDocument();
    expect(api.setLanguage).toHaveBeenCalledWith('vi');
  });

  it('writes the least-privilege policy for the typed bucket and refuses a bad name', async () => {
    const { user } = renderWizard();
    await user.click(next());
    await user.type(screen.getByRole('textbox', { name: 'Your bucket name' }), 'shop-cams');
    expect(await screen.findByText('{"Resource":"arn:aws:s3:::shop-cams"}')).toBeInTheDocument();
    expect(api.generatePolicy).toHaveBeenLastCalledWith('shop-cams', true);
    expect(screen.getByRole('button', { name: 'Copy policy' })).toBeInTheDocument();

    await user.clear(screen.getByRole('textbox', { name: 'Your bucket name' }));
    await user.type(screen.getByRole('textbox', { name: 'Your bucket name' }), 'bad name');
    await user.click(next());
    expect(screen.getByText(/Bucket names use letters/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Prepare a read-only access key on AWS' })).toBeInTheDocument();
  });

  it('does not go past the key until it is filled in and tested', async () => {
    const { user } = renderWizard();
    await toCredentials(user);
    await user.click(next());
    expect(screen.getAllByText('Required.')).toHaveLength(2);

    await fillKeys(user);
    await user.click(next());
    expect(screen.getByRole('alert')).toHaveTextContent('Test the connection first.');
    expect(api.addConnection).not.toHaveBeenCalled();
  });

  it('shows who the key belongs to, and warns about a root key', async () => {
    api.testConnection.mockResolvedValueOnce({ ...tested, isRoot: true, arn: 'arn:aws:iam::123456789012:root' });
    const { user } = renderWizard();
    await toCredentials(user);
    await fillKeys(user);
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(await screen.findByText('arn:aws:iam::123456789012:root')).toBeInTheDocument();
    expect(screen.getByText('This is your AWS root account\'s key')).toBeInTheDocument();
    expect(api.testConnection).toHaveBeenCalledWith(expect.objectContaining({ accessKeyId: 'AKIAEXAMPLE123', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG' }));
  });

  it('shows the classified error of a failed test with its code', async () => {
    api.testConnection.mockRejectedValueOnce(new bridge.AppError('auth.bad_secret', 'error.auth.bad_secret', {}, 'hint.auth.bad_secret'));
    const { user } = renderWizard();
    await toCredentials(user);
    await fillKeys(user, 'wrong');
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The secret access key does not match the access key ID.');
    expect(alert).toHaveTextContent('auth.bad_secret');
  });

  it('walks from a tested key to a saved source and starts the first sync', async () => {
    const { user } = renderWizard();
    await toCredentials(user);
    await fillKeys(user);
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText('Connected');
    await user.click(next());
    expect(api.addConnection).toHaveBeenCalledWith(expect.objectContaining({ name: 'AWS S3', accessKeyId: 'AKIAEXAMPLE123' }));

    await screen.findByRole('heading', { name: 'Choose the bucket and folder to sync' });
    await user.click(next());
    expect(screen.getByRole('alert')).toHaveTextContent('Select a bucket or a folder in the tree.');
    await user.click(await screen.findByRole('treeitem', { name: 'shop-cams' }));
    await user.click(await screen.findByRole('treeitem', { name: 'front' }));
    expect(await screen.findByText('a.mp4')).toBeInTheDocument();
    expect(api.previewFolder).toHaveBeenLastCalledWith(7, 'shop-cams', 'front/');
    await user.click(next());

    await screen.findByRole('heading', { name: 'Where to save, and how often' });
    await user.click(next());
    expect(screen.getByText('Choose the folder where videos will be saved.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Choose…' }));
    expect(screen.getByRole('textbox', { name: 'Local folder' })).toHaveValue('/home/lan/Cameras');
    await user.click(screen.getByRole('radio', { name: 'Every 6 hours' }));
    await user.click(next());

    await screen.findByRole('heading', { name: 'Review and start the first sync' });
    expect(screen.getByText('s3://shop-cams/front/')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Save and start the first sync' }));
    await waitFor(() => expect(api.syncNow).toHaveBeenCalledWith(11));
    expect(api.saveSource).toHaveBeenCalledWith({
      id: 0,
      connectionId: 7,
      bucket: 'shop-cams',
      prefix: 'front/',
      localDir: '/home/lan/Cameras',
      extensions: null,
      sinceDays: 0,
      intervalMinutes: 360,
      enabled: true,
    });
    expect(api.saveSettings).toHaveBeenCalledWith(expect.objectContaining({ startAtLogin: true }));
    expect(screen.getByRole('heading', { name: 'First sync in progress…' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Back' })).not.toBeInTheDocument();
  });
});
