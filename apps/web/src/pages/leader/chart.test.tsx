import { render } from '@testing-library/react';
import * as echarts from 'echarts/core';
import { describe, expect, it } from 'vitest';
import { Chart, type ChartOption } from './chart';

// jsdom has no canvas, which zrender measures label text with even when drawing SVG.
echarts.setPlatformAPI({ measureText: (text = '') => ({ width: text.length * 12 }) });
// nor layout: give the chart's box a size, as the page's CSS does.
Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 600 });
Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 200 });

const option = (values: number[]): ChartOption => ({
  xAxis: { type: 'category', data: ['霞山区', '麻章区'] },
  yAxis: { type: 'value' },
  series: [{ name: '新开工（个）', type: 'bar', data: values }],
});

describe('Chart', () => {
  it('draws with the SVG renderer, takes each new option and is disposed on unmount', () => {
    const view = render(<Chart option={option([30, 50])} testId="chart" height={200} />);
    const host = view.getByTestId('chart');
    const instance = echarts.getInstanceByDom(host);
    expect(instance).toBeDefined();
    expect(host.querySelector('svg')).not.toBeNull();
    expect((instance!.getOption() as { series: { data: number[] }[] }).series[0].data).toEqual([30, 50]);

    view.rerender(<Chart option={option([40, 60])} testId="chart" height={200} />);
    expect((instance!.getOption() as { series: { data: number[] }[] }).series[0].data).toEqual([40, 60]);

    view.unmount();
    expect(instance!.isDisposed()).toBe(true);
    expect(echarts.getInstanceByDom(host)).toBeUndefined();
  });
});
