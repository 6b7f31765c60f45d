import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
  sessionStorage.clear();
});

// antd reads these; jsdom does not implement them.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  }),
});

globalThis.ResizeObserver ??= class {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
};

/**
 * jsdom's getComputedStyle resolves every supported property through every rule of every sheet (its
 * own default sheet included) on each call, and antd calls it all the time to measure (the autosize
 * TextArea on each render, form items, tables): most of a form test's time went there. jsdom has no
 * layout, so what antd measures means nothing there: those reads get the inline style only. Only the
 * properties that decide whether an element can be seen or clicked (testing-library's role and
 * visibility checks) still come from the real cascade, computed when asked. jsdom also has no pseudo-elements; antd asks for them.
 * https://github.com/jsdom/jsdom/issues/3234
 */
const CASCADED = ['display', 'visibility', 'pointer-events'] as const;
const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const realComputedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (element: Element) => {
  const style = document.createElement('span').style;
  style.cssText = (element as HTMLElement).style?.cssText ?? '';
  let real: CSSStyleDeclaration | undefined;
  const cascaded = (name: string) => (real ??= realComputedStyle(element)).getPropertyValue(name);
  for (const name of CASCADED) {
    Object.defineProperty(style, camel(name), { get: () => cascaded(name) });
  }
  const inline = style.getPropertyValue.bind(style);
  style.getPropertyValue = (name: string) =>
    (CASCADED as readonly string[]).includes(name) ? cascaded(name) : inline(name);
  return style;
};
