import { render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EChart, type EChartsOption } from './echart';

const chart = vi.hoisted(() => ({
  setOption: vi.fn(),
  resize: vi.fn(),
  dispose: vi.fn(),
}));
const init = vi.hoisted(() => vi.fn(() => chart));
vi.mock('echarts', () => ({ init }));

let observed: { callback: () => void; element: Element | null; disconnected: boolean }[] = [];

beforeEach(() => {
  // Cleared before, not after: testing-library unmounts the previous test's chart after our afterEach.
  vi.clearAllMocks();
  observed = [];
  vi.stubGlobal(
    'ResizeObserver',
    class {
      private readonly entry: (typeof observed)[number];
      constructor(callback: () => void) {
        this.entry = { callback, element: null, disconnected: false };
        observed.push(this.entry);
      }
      observe(element: Element) {
        this.entry.element = element;
      }
      unobserve() {}
      disconnect() {
        this.entry.disconnected = true;
      }
    },
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
});

const first: EChartsOption = { xAxis: { type: 'time' }, series: [] };
const second: EChartsOption = { xAxis: { type: 'value' }, series: [] };

describe('EChart', () => {
  it('initialises on mount with the renderer, sets the option once and sizes the box', () => {
    const view = render(
      <EChart option={first} height={300} renderer="svg" testId="chart" ariaLabel="甘特图" />,
    );
    const box = view.getByTestId('chart');
    expect(init).toHaveBeenCalledTimes(1);
    expect(init).toHaveBeenCalledWith(box, undefined, { renderer: 'svg' });
    expect(chart.setOption).toHaveBeenCalledTimes(1);
    expect(chart.setOption).toHaveBeenCalledWith(first, { notMerge: true });
    expect(box.style.height).toBe('300px');
    expect(box.getAttribute('aria-label')).toBe('甘特图');
  });

  it('sets a changed option, and only a changed one', () => {
    const view = render(<EChart option={first} height={300} />);
    view.rerender(<EChart option={first} height={300} />);
    expect(chart.setOption).toHaveBeenCalledTimes(1);
    view.rerender(<EChart option={second} height={300} />);
    expect(chart.setOption).toHaveBeenCalledTimes(2);
    expect(chart.setOption).toHaveBeenLastCalledWith(second, { notMerge: true });
    expect(init).toHaveBeenCalledTimes(1);
  });

  it('resizes with its container and disposes on unmount', () => {
    const view = render(<EChart option={first} height="50vh" testId="chart" />);
    expect(observed).toHaveLength(1);
    expect(observed[0].element).toBe(view.getByTestId('chart'));
    observed[0].callback();
    expect(chart.resize).toHaveBeenCalledTimes(1);
    view.unmount();
    expect(chart.dispose).toHaveBeenCalledTimes(1);
    expect(observed[0].disconnected).toBe(true);
  });
});
