import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import * as bridge from './bridge';

vi.mock('./bridge', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./bridge')>();
  return {
    ...actual,
    getState: vi.fn(),
    listSources: vi.fn(async () => []),
    listConnections: vi.fn(async () => []),
    historyPage: vi.fn(async () => ({ rows: [], total: 0 })),
    listRuns: vi.fn(async () => []),
    getSettings: vi.fn(async () => ({ lang: 'en', concurrency: 4, bandwidthLimitKBps: 0, startAtLogin: true, notifications: true })),
  };
});

const api = vi.mocked(bridge);
const state = { lang: 'en', hasConnections: true, hasSources: true, demo: false, version: '1.2.3', os: 'linux' };

const source = {
  id: 3,
  connectionId: 1,
  bucket: 'shop-cams',
  prefix: 'front/',
  localDir: '/home/lan/Cameras',
  extensions: null,
  sinceDays: 0,
  intervalMinutes: 60,
  enabled: true,
  paused: false,
  connectionName: 'Shop',
  lastRun: null,
  nextRunMs: Date.now() + 30 * 60_000,
  running: false,
};

beforeEach(() => vi.clearAllMocks());

describe('App', () => {
  it('opens the setup wizard on first launch, in the saved language', async () => {
    api.getState.mockResolvedValue({ ...state, hasSources: false, hasConnections: false, lang: 'vi' });
    render(<App />);
    expect(await screen.findByRole('heading', { name: 'Chào mừng bạn đến với VPACK S3 Sync' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('vi');
  });

  it('shows why it cannot start, with a retry', async () => {
    api.getState.mockRejectedValueOnce('{"code":"store.failed","key":"error.store.failed"}').mockResolvedValueOnce(state);
    render(<App />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('store.failed');
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('heading', { name: 'Sources' })).toBeInTheDocument();
  });

  it('shows the sources and moves between the main pages', async () => {
    api.getState.mockResolvedValue(state);
    api.listSources.mockResolvedValue([source]);
    const user = userEvent.setup();
    render(<App />);
    const card = await screen.findByRole('article', { name: 'shop-cams/front/' });
    expect(within(card).getByText('/home/lan/Cameras')).toBeInTheDocument();
    expect(within(card).getByText('Every hour')).toBeInTheDocument();
    expect(within(card).getByText('Never')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'History' }));
    expect(await screen.findByText('Nothing downloaded yet')).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Sync runs' }));
    expect(await screen.findByText('No sync runs yet')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Settings' }));
    expect(await screen.findByRole('combobox', { name: 'Language' })).toHaveValue('en');
    expect(screen.getByText('No connections saved')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Browse & download' }));
    expect(await screen.findByText('No connection yet')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Browse & download' })).toHaveAttribute('aria-current', 'page');
  });
});
