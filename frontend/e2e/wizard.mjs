// The setup wizard, walked as a user would: each step's screen is saved and checked with axe.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, expect, filesUnder, text } from './harness.mjs';

/**
 * Completes the wizard from its first step: a wrong secret first (its message is checked), then
 * the right key, the folder `prefix` of the bucket, the local folder `dest`, and the first sync.
 * Returns the files the first sync wrote.
 */
export async function completeWizard(run, page, env, { lang, connName, prefix, dest, schedule, expectedFiles }) {
  const T = (key, params) => text(lang, key, params);
  const shot = (n, name) => run.screen(page, `${lang}-wizard-${n}-${name}`);
  const next = (label = T('common.next')) => page.getByRole('button', { name: label, exact: true }).click();

  await run.check(`${lang}: wizard opens on the welcome step`, async () => {
    await page.getByRole('heading', { name: T('wizard.welcome.title') }).waitFor();
    await page.getByRole('radio', { name: lang === 'vi' ? 'Tiếng Việt' : 'English' }).check();
    await page.getByRole('heading', { name: T('wizard.welcome.title') }).waitFor();
  }, { page });
  await shot(1, 'welcome');

  await run.check(`${lang}: wizard writes the least-privilege policy for the bucket`, async () => {
    await next();
    await page.getByRole('textbox', { name: T('wizard.prepare.bucketLabel') }).fill(env.bucket);
    const policy = page.getByRole('region', { name: T('wizard.prepare.policyTitle') }).locator('pre');
    await policy.waitFor();
    const body = await policy.textContent();
    expect(body.includes(`arn:aws:s3:::${env.bucket}/*`) && body.includes('s3:GetObject') && body.includes('s3:ListBucket'), `policy: ${body}`);
    expect(!body.includes('s3:PutObject') && !body.includes('s3:DeleteObject'), 'the policy grants writes');
  }, { page });
  await shot(2, 'prepare');

  const form = {
    keyId: () => page.getByRole('textbox', { name: T('conn.field.accessKeyId'), exact: true }),
    secret: () => page.getByLabel(T('conn.field.secret'), { exact: true }),
    test: () => page.getByRole('button', { name: T('conn.test.button') }),
  };

  await run.check(`${lang}: an invalid secret shows the right message`, async () => {
    await next(T('wizard.prepare.next'));
    await page.getByRole('heading', { name: T('wizard.credentials.title') }).waitFor();
    const keysMode = page.getByRole('radio', { name: T('wizard.cred.mode.keys') });
    if (!(await keysMode.isChecked())) await keysMode.check();
    await page.getByRole('textbox', { name: T('conn.field.name') }).fill(connName);
    await page.getByRole('combobox', { name: T('conn.field.region') }).selectOption(env.region);
    await form.keyId().fill(env.accessKey);
    await form.secret().fill(`${env.secretKey}-wrong`);
    await page.getByRole('button', { name: T('conn.advanced') }).click();
    await page.getByRole('textbox', { name: T('conn.field.endpoint') }).fill(env.endpoint);
    await page.getByRole('checkbox', { name: T('conn.field.pathStyle') }).check();
    await form.test().click();
    const alert = page.getByRole('alert').filter({ hasText: T('error.auth.bad_secret') });
    await alert.waitFor({ timeout: 30_000 });
    const shown = await alert.textContent();
    expect(shown.includes(T('hint.auth.bad_secret')), `the hint is missing: ${shown}`);
    expect(shown.includes('auth.bad_secret'), `the code is missing: ${shown}`);
  }, { page });
  await shot(3, 'credentials-bad-secret');

  await run.check(`${lang}: the right key tests fine and is saved`, async () => {
    await form.secret().fill(env.secretKey);
    await form.test().click();
    await page.getByText(T('conn.test.ok'), { exact: true }).waitFor({ timeout: 30_000 });
  }, { page });
  await shot(3, 'credentials');

  await run.check(`${lang}: the bucket tree opens the bucket and previews the folder`, async () => {
    await next();
    await page.getByRole('heading', { name: T('wizard.bucket.title') }).waitFor({ timeout: 30_000 });
    const tree = page.getByRole('tree', { name: T('wizard.bucket.treeLabel') });
    const bucketNode = tree.getByRole('treeitem', { name: env.bucket, exact: true });
    await bucketNode.click();
    await tree.getByRole('treeitem', { name: 'camera1', exact: true }).waitFor();
    // Keyboard: down to camera1, open it, back to its parent.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await tree.getByRole('treeitem', { name: '2026', exact: true }).waitFor();
    await page.keyboard.press('ArrowLeft');
    await eventually(async () => (await tree.getByRole('treeitem', { name: 'camera1', exact: true }).getAttribute('aria-expanded')) === 'false', { message: 'camera1 to close' });
    for (const part of prefix.split('/').filter(Boolean)) {
      await tree.getByRole('treeitem', { name: part, exact: true }).click();
    }
    if (!prefix) await bucketNode.click();
    const where = `${env.bucket}/${prefix}`;
    await page.getByText(where, { exact: true }).waitFor();
    const preview = page.getByRole('region', { name: T('wizard.preview.title') });
    await preview.getByText(String(expectedFiles.length), { exact: true }).waitFor({ timeout: 30_000 });
  }, { page });
  await shot(4, 'bucket');

  await run.check(`${lang}: the local folder and schedule are accepted`, async () => {
    await next();
    await page.getByRole('heading', { name: T('wizard.local.title') }).waitFor();
    await next();
    await page.getByText(T('wizard.validation.localDirRequired')).waitFor();
    await page.getByRole('textbox', { name: T('options.folder.label') }).fill(dest);
    await page.getByRole('radio', { name: T(`options.schedule.${schedule}`) }).check();
    // Start at login would write to this machine's real autostart folder: leave it off here.
    await page.getByRole('checkbox', { name: T('options.startAtLogin') }).uncheck();
  }, { page });
  await shot(5, 'local');

  await run.check(`${lang}: the summary shows the choices`, async () => {
    await next();
    await page.getByRole('heading', { name: T('wizard.summary.title') }).waitFor();
    await page.getByText(`s3://${env.bucket}/${prefix}`, { exact: true }).waitFor();
    await page.getByText(dest, { exact: true }).waitFor();
  }, { page });
  await shot(6, 'summary');

  await run.check(`${lang}: saving starts the first sync and it finishes`, async () => {
    await page.getByRole('button', { name: T('wizard.summary.save') }).click();
    await page.getByRole('heading', { name: T('wizard.first.finishedTitle') }).waitFor({ timeout: 180_000 });
    const result = T('wizard.first.result', { count: expectedFiles.length, bytes: '§', skipped: 0, failed: 0 }).split('§')[0];
    await page.getByText(result).waitFor();
    await page.getByText(T('run.status.ok'), { exact: true }).waitFor();
  }, { page });
  await shot(7, 'first-sync');

  await run.check(`${lang}: the videos are on disk, and nothing else`, async () => {
    expect(existsSync(dest), `${dest} does not exist`);
    const found = filesUnder(dest);
    expect(JSON.stringify(found) === JSON.stringify([...expectedFiles].sort()), `on disk: ${found.join(', ')}`);
  });

  await page.getByRole('button', { name: T('wizard.first.toSources') }).click();
  return expectedFiles.map((f) => join(dest, f));
}
