// End-to-end UI test against the real app: `wails dev` serves it with the Go backend at
// E2E_APP_URL (default http://localhost:34115); scripts/e2e.sh starts it with a seeded S3 server
// and an empty data folder. Drives Debian's Chromium with playwright-core, in English then in
// Vietnamese, saving a screenshot of every wizard step and main screen under E2E_SCREENSHOT_DIR
// and running axe-core on each. Prints "N passed, N failed" last; exits 1 on any failure.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { Run, StopPass } from './harness.mjs';
import { checkBrowse, checkHistory, checkSettings, checkSources, switchLanguage } from './screens.mjs';
import { completeWizard } from './wizard.mjs';

function required(name) {
  const value = process.env[name];
  if (!value) {
    console.error(`e2e: ${name} is not set (run it through make e2e)`);
    process.exit(2);
  }
  return value;
}

const env = {
  appUrl: process.env.E2E_APP_URL || 'http://localhost:34115',
  endpoint: required('E2E_S3_ENDPOINT'),
  accessKey: required('E2E_S3_ACCESS_KEY'),
  secretKey: required('E2E_S3_SECRET_KEY'),
  region: process.env.E2E_S3_REGION || 'us-east-1',
  bucket: required('E2E_BUCKET'),
  dest: required('E2E_DEST_DIR'),
  screenshots: resolve(process.env.E2E_SCREENSHOT_DIR || '../docs/screenshots'),
};

const ALL_VIDEOS = ['camera1', 'camera2'].flatMap((cam) =>
  ['01', '02'].flatMap((day) => ['0800.mp4', '0900.mp4'].map((f) => `${cam}/2026/12/${day}/${f}`)),
).concat('camera2/2026/12/02/motion/clip-0915.mov');
const CAMERA2 = ALL_VIDEOS.filter((f) => f.startsWith('camera2/')).map((f) => f.slice('camera2/'.length));

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const run = new Run({ screenshotDir: env.screenshots, failureDir: resolve('e2e/.tmp/failures') });
const profile = mkdtempSync(join(tmpdir(), 'vpack-e2e-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: CHROMIUM_ARGS,
  viewport: { width: 1280, height: 800 },
  locale: 'en-US',
});
context.setDefaultTimeout(15_000);
const page = context.pages()[0] ?? (await context.newPage());
const pageErrors = [];
page.on('pageerror', (err) => pageErrors.push(err.message));

async function pass(name, fn) {
  try {
    await fn();
  } catch (err) {
    if (!(err instanceof StopPass)) {
      run.failed++;
      console.log(`FAIL ${name}: ${err?.stack ?? err}`);
    } else {
      console.log(`     ${name}: ${err.message}; the rest of this pass is skipped`);
    }
  }
}

let setUp = false;
try {
  await pass('English pass', async () => {
    await run.check('en: the app loads from an empty data folder', () => page.goto(env.appUrl, { waitUntil: 'domcontentloaded' }), { page });
    await completeWizard(run, page, env, {
      lang: 'en',
      connName: 'Shop cameras',
      prefix: '',
      dest: join(env.dest, 'en'),
      schedule: 60,
      expectedFiles: ALL_VIDEOS,
    });
    setUp = true;
    await checkSources(run, page, { lang: 'en', env, sources: [''] });
    await checkBrowse(run, page, { lang: 'en', env, dest: join(env.dest, 'browse-en') });
    await checkHistory(run, page, { lang: 'en', total: ALL_VIDEOS.length, searchHits: 1 });
    await checkSettings(run, page, { lang: 'en', connName: 'Shop cameras' });
    await switchLanguage(run, page, 'en', 'vi');
  });

  await pass('Vietnamese pass', async () => {
    if (!setUp) throw new StopPass('the English pass did not set up a source');
    await run.check('vi: "Add source" opens the wizard in Vietnamese', async () => {
      await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('button', { name: 'Nguồn đồng bộ' }).click();
      await page.getByRole('button', { name: 'Thêm nguồn' }).first().click();
    }, { page });
    await completeWizard(run, page, env, {
      lang: 'vi',
      connName: 'Camera cửa hàng',
      prefix: 'camera2/',
      dest: join(env.dest, 'vi'),
      schedule: 360,
      expectedFiles: CAMERA2,
    });
    await checkSources(run, page, { lang: 'vi', env, sources: ['', 'camera2/'] });
    await checkBrowse(run, page, { lang: 'vi', env, dest: join(env.dest, 'browse-vi') });
    await checkHistory(run, page, { lang: 'vi', total: ALL_VIDEOS.length + CAMERA2.length, searchHits: 2 });
    await checkSettings(run, page, { lang: 'vi', connName: 'Camera cửa hàng' });
  });

  await run.check('no uncaught errors in the page', async () => {
    if (pageErrors.length) throw new Error(pageErrors.join('\n'));
  }, { fatal: false });
} finally {
  await context.close().catch(() => undefined);
  rmSync(profile, { recursive: true, force: true });
}

console.log(`screenshots: ${env.screenshots}`);
console.log(`${run.passed} passed, ${run.failed} failed`);
process.exit(run.failed > 0 ? 1 : 0);
