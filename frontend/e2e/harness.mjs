// A small test harness for the end-to-end run: named checks with pass/fail, the UI's own message
// catalogs (so flows find buttons by the words a user reads, in either language), axe-core, and
// screenshots. No test framework: the run is one long user journey.
import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const here = new URL('.', import.meta.url);
const readJSON = (rel) => JSON.parse(readFileSync(new URL(rel, here), 'utf8'));

const catalogs = {
  en: { ...readJSON('../../backend/apperr/messages/en.json'), ...readJSON('../src/i18n/en.json') },
  vi: { ...readJSON('../../backend/apperr/messages/vi.json'), ...readJSON('../src/i18n/vi.json') },
};

/** The UI's text for key in lang, as the app's t() would render it. */
export function text(lang, key, params = {}) {
  const cat = catalogs[lang];
  let msg;
  if (typeof params.count === 'number') msg = cat[`${key}.${lang === 'en' && params.count === 1 ? 'one' : 'other'}`];
  msg ??= cat[key];
  if (msg === undefined) throw new Error(`no message ${key} in ${lang}`);
  const nf = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US');
  return msg.replace(/\{(\w+)\}/g, (m, name) => (params[name] === undefined ? m : typeof params[name] === 'number' ? nf.format(params[name]) : params[name]));
}

export class Run {
  constructor({ screenshotDir, failureDir }) {
    this.passed = 0;
    this.failed = 0;
    this.screenshotDir = screenshotDir;
    this.failureDir = failureDir;
    this.axeSource = readFileSync(new URL('../node_modules/axe-core/axe.min.js', here), 'utf8');
    mkdirSync(screenshotDir, { recursive: true });
    mkdirSync(failureDir, { recursive: true });
  }

  /** Runs one named check; a failure is recorded (with a screenshot) and rethrown when fatal. */
  async check(name, fn, { page, fatal = true } = {}) {
    const started = Date.now();
    try {
      await fn();
      this.passed++;
      console.log(`ok   ${name} (${Date.now() - started} ms)`);
      return true;
    } catch (err) {
      this.failed++;
      console.log(`FAIL ${name}: ${err?.stack ?? err}`);
      if (page) {
        const file = join(this.failureDir, `${name.replace(/[^a-z0-9-]+/gi, '_')}.png`);
        await page.screenshot({ path: file }).catch(() => undefined);
        console.log(`     screenshot of the failure: ${file}`);
      }
      if (fatal) throw new StopPass(name);
      return false;
    }
  }

  /** Saves docs/screenshots/<name>.png and checks the screen with axe-core. */
  async screen(page, name) {
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(this.screenshotDir, `${name}.png`) });
    await this.check(`axe ${name}`, () => this.axe(page), { page, fatal: false });
  }

  async axe(page) {
    await page.evaluate(this.axeSource);
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    const bad = [];
    for (const v of result.violations) {
      const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
      const line = `${v.impact} ${v.id}: ${v.help} — ${where}`;
      if (v.impact === 'serious' || v.impact === 'critical') bad.push(line);
      else console.log(`     axe (${v.impact}, not failing): ${line}`);
    }
    if (bad.length) throw new Error(`axe found:\n  ${bad.join('\n  ')}`);
  }
}

export class StopPass extends Error {
  constructor(name) {
    super(`stopped after "${name}" failed`);
  }
}

export function expect(cond, message) {
  if (!cond) throw new Error(message);
}

/** Every file under dir, as forward-slash paths relative to it. */
export function filesUnder(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** Polls fn until it returns truthy or the deadline passes. */
export async function eventually(fn, { timeout = 15_000, every = 250, message = 'condition' } = {}) {
  const until = Date.now() + timeout;
  let last;
  while (Date.now() < until) {
    try {
      last = await fn();
      if (last) return last;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, every));
  }
  throw new Error(`timed out waiting for ${message}${last instanceof Error ? `: ${last.message}` : ''}`);
}
