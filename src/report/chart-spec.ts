// What every chart of the report is: a Vega-Lite specification with the number of marks its
// data should draw (the browser test counts them), and the size and look they share.
import type { TopLevelSpec } from 'vega-lite';

export interface Chart {
  id: string;
  title: string;
  spec: TopLevelSpec;
  /** Marks the chart's data should produce (bars, or one line). */
  expectedMarks: number;
}

export const SIZE = { width: 430, height: 200 };
export const CONFIG = {
  font: 'sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 11, labelLimit: 260 },
  legend: { labelLimit: 320 },
};
