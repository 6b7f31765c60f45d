import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import { useEffect, useRef } from 'react';

export type { EChartsOption };

interface EChartProps {
  option: EChartsOption;
  /** CSS height of the chart box; the width follows its container. */
  height: number | string;
  /** `svg` prints crisply and renders under jsdom; `canvas` is faster for large charts. */
  renderer?: 'canvas' | 'svg';
  ariaLabel?: string;
  testId?: string;
}

/**
 * One ECharts instance per mount: initialised on mount, `setOption` (not merged) whenever `option`
 * changes, resized with its container, disposed on unmount. Memoise `option` in the caller.
 */
export function EChart({ option, height, renderer = 'canvas', ariaLabel, testId }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.EChartsType | null>(null);
  const latest = useRef(option);
  const applied = useRef<EChartsOption | null>(null);
  latest.current = option;

  useEffect(() => {
    const element = box.current;
    if (!element) return undefined;
    const instance = echarts.init(element, undefined, { renderer });
    instance.setOption(latest.current, { notMerge: true });
    applied.current = latest.current;
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [renderer]);

  useEffect(() => {
    if (!chart.current || applied.current === option) return;
    chart.current.setOption(option, { notMerge: true });
    applied.current = option;
  }, [option]);

  return (
    <div ref={box} role="img" aria-label={ariaLabel} data-testid={testId} style={{ width: '100%', height }} />
  );
}
