// The main window's pages after setup: sources, browse & download, history, settings.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, expect, text } from './harness.mjs';

const nav = (page, T, key) => page.getByRole('navigation', { name: T('nav.label') }).getByRole('button', { name: T(key) }).click();

export async function checkSources(run, page, { lang, env, sources }) {
  const T = (key, params) => text(lang, key, params);
  await run.check(`${lang}: the sources page shows every source with its last run`, async () => {
    await nav(page, T, 'nav.sources');
    await page.getByRole('heading', { name: T('nav.sources'), level: 1 }).waitFor();
    for (const prefix of sources) {
      const card = page.getByRole('article', { name: `${env.bucket}/${prefix}`, exact: true });
      await card.waitFor();
      await card.getByText(T('run.status.ok'), { exact: true }).waitFor();
    }
  }, { page });
  await run.screen(page, `${lang}-main-1-sources`);

  await run.check(`${lang}: a source's settings open for editing`, async () => {
    const card = page.getByRole('article', { name: `${env.bucket}/${sources[0]}`, exact: true });
    await card.getByRole('button', { name: T('sources.edit') }).click();
    const dialog = page.getByRole('dialog', { name: T('sources.editTitle', { source: `${env.bucket}/${sources[0]}` }) });
    await dialog.getByRole('textbox', { name: T('options.folder.label') }).waitFor();
  }, { page, fatal: false });
  await run.screen(page, `${lang}-main-1-sources-edit`);
  await page.getByRole('dialog').getByRole('button', { name: T('common.cancel') }).click().catch(() => undefined);
}

export async function checkBrowse(run, page, { lang, env, dest }) {
  const T = (key, params) => text(lang, key, params);
  const folder = ['camera1', '2026', '12', '01'];
  await run.check(`${lang}: browse lists a folder's videos and downloads the chosen ones`, async () => {
    await nav(page, T, 'nav.browse');
    const tree = page.getByRole('tree', { name: T('browse.treeLabel') });
    await tree.getByRole('treeitem', { name: env.bucket, exact: true }).click();
    for (const part of folder) await tree.getByRole('treeitem', { name: part, exact: true }).click();
    const table = page.getByRole('table', { name: T('browse.filesLabel', { folder: `${env.bucket}/${folder.join('/')}/` }) });
    await table.waitFor();
    for (const name of ['0800.mp4', '0900.mp4']) await table.getByRole('checkbox', { name: T('files.select', { name }) }).check();
    await page.getByRole('textbox', { name: T('browse.dest') }).fill(dest);
    await page.getByRole('button', { name: T('browse.downloadSelected', { count: 2 }) }).click();
    const list = page.getByRole('list', { name: T('downloads.files') });
    await eventually(async () => (await list.getByText(T('downloads.done'), { exact: true }).count()) === 2, { timeout: 60_000, message: 'both downloads to finish' });
    for (const name of ['0800.mp4', '0900.mp4']) expect(existsSync(join(dest, name)) && statSync(join(dest, name)).size > 0, `${name} not in ${dest}`);
  }, { page, fatal: false });
  await run.screen(page, `${lang}-main-2-browse`);
}

export async function checkHistory(run, page, { lang, total, searchHits }) {
  const T = (key, params) => text(lang, key, params);
  await run.check(`${lang}: history lists the downloaded files and finds one by name`, async () => {
    await nav(page, T, 'nav.history');
    await page.getByText(T('history.range', { from: 1, to: total, total }), { exact: true }).waitFor();
    const search = page.getByRole('searchbox', { name: T('history.search') });
    await search.fill('clip-0915');
    await page.getByText(T('history.range', { from: 1, to: searchHits, total: searchHits }), { exact: true }).waitFor();
    const hits = page.getByRole('table', { name: T('history.tab.files') }).getByText('clip-0915.mov', { exact: true });
    await eventually(async () => (await hits.count()) === searchHits, { message: `${searchHits} rows for clip-0915` });
    await search.fill('');
    await page.getByText(T('history.range', { from: 1, to: total, total }), { exact: true }).waitFor();
  }, { page, fatal: false });
  await run.screen(page, `${lang}-main-3-history-files`);

  await run.check(`${lang}: history shows the sync runs, with no AWS cost for a non-AWS store`, async () => {
    await page.getByRole('tab', { name: T('history.tab.runs') }).click();
    const table = page.getByRole('table', { name: T('history.tab.runs') });
    await table.waitFor();
    await table.getByText(T('run.status.ok'), { exact: true }).first().waitFor();
    await table.getByRole('columnheader', { name: T('history.col.cost') }).waitFor();
    // The e2e store is versitygw, not Amazon S3: the estimate (AWS prices) is not shown.
    await table.getByTitle(T('history.costNotAws')).first().waitFor();
    expect(!(await table.textContent()).includes('$'), 'an AWS price shown for a non-AWS store');
  }, { page, fatal: false });
  await run.screen(page, `${lang}-main-4-history-runs`);
}

export async function checkSettings(run, page, { lang, connName }) {
  const T = (key, params) => text(lang, key, params);
  await run.check(`${lang}: settings show the connection and test its saved key`, async () => {
    await nav(page, T, 'nav.settings');
    const row = page.getByRole('listitem', { name: connName, exact: true });
    await row.waitFor();
    await row.getByRole('button', { name: T('settings.test') }).click();
    await row.getByText(T('settings.testOk', { count: 1 }).split(':')[0]).waitFor({ timeout: 30_000 });
  }, { page, fatal: false });
  await run.screen(page, `${lang}-main-5-settings`);

  await run.check(`${lang}: "Add connection" opens the connection form`, async () => {
    await page.getByRole('button', { name: T('settings.addConnection') }).click();
    await page.getByRole('dialog', { name: T('settings.addConnection') }).getByRole('button', { name: T('conn.test.button') }).waitFor();
  }, { page, fatal: false });
  await run.screen(page, `${lang}-main-5-settings-add-connection`);
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' }).catch(() => undefined);
}

/** Switches the app's language from the Settings page and waits for the UI to follow. */
export async function switchLanguage(run, page, from, to) {
  const T = (key, params) => text(from, key, params);
  await run.check(`${from}: the language can be switched to ${to} in settings`, async () => {
    await nav(page, T, 'nav.settings');
    await page.getByRole('combobox', { name: T('settings.language') }).selectOption(to);
    await page.getByRole('button', { name: T('common.save'), exact: true }).click();
    await page.getByRole('heading', { name: text(to, 'nav.settings'), level: 1 }).waitFor();
  }, { page });
}
