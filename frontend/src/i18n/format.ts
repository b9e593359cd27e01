// One formatter per kind of value, each following the active locale (vi-VN or en-US).
import type { Lang } from './catalog';

export const localeOf = (lang: Lang): string => (lang === 'vi' ? 'vi-VN' : 'en-US');

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

export interface Formatters {
  number(n: number): string;
  bytes(n: number): string;
  rate(bytesPerSecond: number): string;
  usd(n: number): string;
  date(ms: number): string;
  dateTime(ms: number): string;
  time(ms: number): string;
  duration(ms: number): string;
  relative(ms: number, now?: number): string;
}

export function makeFormatters(lang: Lang): Formatters {
  const locale = localeOf(lang);
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const oneDecimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const usd = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
  // S3 request costs are often fractions of a cent: keep two significant digits for those.
  const smallUsd = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', maximumSignificantDigits: 2 });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short' });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const units = lang === 'vi' ? { h: 'giờ', m: 'phút', s: 'giây' } : { h: 'h', m: 'min', s: 's' };

  const bytes = (n: number): string => {
    if (!Number.isFinite(n) || n <= 0) return `0 B`;
    let i = 0;
    let value = n;
    while (value >= 1024 && i < BYTE_UNITS.length - 1) {
      value /= 1024;
      i++;
    }
    const text = i === 0 ? integer.format(value) : oneDecimal.format(value);
    return `${text} ${BYTE_UNITS[i]}`;
  };

  return {
    number: (n) => integer.format(n),
    bytes,
    rate: (bps) => `${bytes(bps)}/s`,
    usd: (n) => (n > 0 && n < 0.01 ? smallUsd.format(n) : usd.format(n)),
    date: (ms) => (ms > 0 ? date.format(ms) : '—'),
    dateTime: (ms) => (ms > 0 ? dateTime.format(ms) : '—'),
    time: (ms) => (ms > 0 ? time.format(ms) : '—'),
    duration: (ms) => {
      const total = Math.max(0, Math.round(ms / 1000));
      const h = Math.floor(total / 3600);
      const m = Math.floor((total % 3600) / 60);
      const s = total % 60;
      if (h > 0) return m > 0 ? `${h} ${units.h} ${m} ${units.m}` : `${h} ${units.h}`;
      if (m > 0) return s > 0 && m < 10 ? `${m} ${units.m} ${s} ${units.s}` : `${m} ${units.m}`;
      return `${s} ${units.s}`;
    },
    relative: (ms, now = Date.now()) => {
      const diff = ms - now;
      const abs = Math.abs(diff);
      if (abs < 60_000) return relative.format(Math.round(diff / 1000), 'second');
      if (abs < 3_600_000) return relative.format(Math.round(diff / 60_000), 'minute');
      if (abs < 86_400_000) return relative.format(Math.round(diff / 3_600_000), 'hour');
      return relative.format(Math.round(diff / 86_400_000), 'day');
    },
  };
}
