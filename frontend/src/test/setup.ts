import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// jsdom has no layout: give scroll containers a size so virtualised lists render a window of
// rows, and a no-op ResizeObserver so @tanstack/react-virtual can subscribe.
Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 480 });
Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 800 });
Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => 480 });
Object.defineProperty(HTMLElement.prototype, 'offsetWidth', { configurable: true, get: () => 800 });
// A virtualised list's scroll height is the height its spacer child declares.
Object.defineProperty(HTMLElement.prototype, 'scrollHeight', {
  configurable: true,
  get(this: HTMLElement) {
    const spacer = this.firstElementChild as HTMLElement | null;
    return Math.max(parseFloat(spacer?.style.height ?? '') || 0, this.clientHeight);
  },
});

class NoopResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= NoopResizeObserver as unknown as typeof ResizeObserver;
// Scrolling moves scrollTop and fires "scroll", which is all the virtualiser listens to.
Element.prototype.scrollTo = function scrollTo(this: Element, options?: ScrollToOptions | number) {
  const top = typeof options === 'number' ? arguments[1] : options?.top;
  if (typeof top === 'number') {
    Object.defineProperty(this, 'scrollTop', { configurable: true, writable: true, value: top });
    this.dispatchEvent(new Event('scroll'));
  }
} as Element['scrollTo'];
Element.prototype.scrollIntoView ??= function scrollIntoView() {};

afterEach(() => cleanup());
