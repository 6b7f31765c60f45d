import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { lightTag } from './light-tag';

describe('lightTag', () => {
  it.each([
    ['red', '红灯'],
    ['yellow', '黄灯'],
    ['green', '绿灯'],
  ] as const)('shows the %s light as %s', (light, text) => {
    render(lightTag(light));
    const tag = screen.getByText(text);
    expect(tag.getAttribute('data-light')).toBe(light);
    expect(tag.className).toMatch(new RegExp(`ant-tag-${light === 'yellow' ? 'gold' : light}`));
  });
  it('shows an item without a running clock as 未计时', () => {
    render(lightTag(null));
    expect(screen.getByText('未计时').getAttribute('data-light')).toBeNull();
  });
});
