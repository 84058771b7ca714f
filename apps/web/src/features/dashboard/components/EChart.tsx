/**
 * A minimal ECharts host. echarts-for-react's ESM build imports `tslib` without declaring it, which
 * breaks the build; this is all we need from it: init, setOption, resize, dispose, and event handlers.
 */
import type { EChartsCoreOption } from 'echarts/core';
import * as echarts from 'echarts/core';
import { type CSSProperties, useEffect, useRef } from 'react';

/** Renders an ECharts option into a div that follows its size. */
export function EChart({ option, style, events }: { option: EChartsCoreOption; style?: CSSProperties; events?: Record<string, (p: never) => void> }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current, undefined, { renderer: 'svg' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  // Optional handlers (e.g. click a bar to filter a list), re-bound when they change.
  useEffect(() => {
    const c = chart.current;
    if (!c || !events) return;
    for (const [name, fn] of Object.entries(events)) c.on(name, fn as (p: unknown) => void);
    return () => {
      for (const name of Object.keys(events)) c.off(name);
    };
  }, [events]);

  return <div ref={el} style={style} />;
}
