// Barrel for pages: `import { DataTable, type Column } from '$lib/ui'`.
export * from './types';
export * from './format';
export { default as VirtualList } from './VirtualList.svelte';
export { default as DataTable } from './DataTable.svelte';
export { default as ProgressPanel } from './ProgressPanel.svelte';
export { default as FileDrop } from './FileDrop.svelte';
export { default as MappingTable } from './MappingTable.svelte';
export { default as ConfusionMatrix } from './ConfusionMatrix.svelte';
export { default as Stat } from './Stat.svelte';
export { default as Badge } from './Badge.svelte';
export { default as Tabs } from './Tabs.svelte';
export { default as Timeline } from './Timeline.svelte';
export { default as UPlot } from './charts/UPlot.svelte';
export { default as LineChart } from './charts/LineChart.svelte';
export { default as CurveChart } from './charts/CurveChart.svelte';
export { default as ReliabilityChart } from './charts/ReliabilityChart.svelte';
export { default as GainsChart } from './charts/GainsChart.svelte';
export { default as BarChart } from './charts/BarChart.svelte';
