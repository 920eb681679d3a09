// Server-renders the components (svelte/server) on real data and checks the markup: structure,
// ARIA attributes and that only the visible window of a large table exists in the DOM.
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import DataTable from '../../../src/lib/ui/DataTable.svelte';
import MappingTable from '../../../src/lib/ui/MappingTable.svelte';
import ConfusionMatrix from '../../../src/lib/ui/ConfusionMatrix.svelte';
import ProgressPanel from '../../../src/lib/ui/ProgressPanel.svelte';
import Tabs from '../../../src/lib/ui/Tabs.svelte';
import Timeline from '../../../src/lib/ui/Timeline.svelte';
import Badge from '../../../src/lib/ui/Badge.svelte';
import BarChart from '../../../src/lib/ui/charts/BarChart.svelte';
import type { Column } from '../../../src/lib/ui/types';
import { cdnowEvents, telco, type TelcoRow } from './fixtures';
import { createRawSnippet } from 'svelte';

const { headers, rows, matrix } = telco();
const columns: Column<TelcoRow>[] = [
  { key: 'customerID', label: 'ID' },
  { key: 'tenure', label: 'Tenure', align: 'right', sortable: true, value: (r) => +r.tenure },
  {
    key: 'MonthlyCharges',
    label: 'Monthly',
    align: 'right',
    sortable: true,
    value: (r) => +r.MonthlyCharges,
    format: (v) => (v as number).toFixed(2)
  },
  { key: 'Churn', label: 'Churn' }
];
// Svelte's render() infers the generic as unknown; the columns are typed for Telco rows above.
const tableColumns = columns as unknown as Column<unknown>[];
const labels = { empty: 'No customers', caption: 'Customers' };
const count = (html: string, re: RegExp) => (html.match(re) ?? []).length;

describe('DataTable', () => {
  it('renders small data as a native table sorted by the bound column', () => {
    const { body } = render(DataTable, {
      props: {
        columns: tableColumns,
        rows: rows.slice(0, 30),
        labels,
        sort: { key: 'tenure', direction: 'descending' }
      }
    });
    expect(count(body, /<tr/g)).toBe(31);
    expect(body).toContain('aria-sort="descending"');
    expect(body).toContain('aria-sort="none"');
    const tenures = [...body.matchAll(/<td class="align-right[^"]*">(\d+)<\/td>/g)]
      .map((m) => +m[1])
      .filter((_, i) => i % 2 === 0);
    const max = Math.max(...rows.slice(0, 30).map((r) => +r.tenure));
    expect(tenures[0]).toBe(max);
    expect(tenures.every((v, i) => i === 0 || tenures[i - 1] >= v)).toBe(true);
    // format fn applied
    expect(body).toContain(`>${(+rows[0].MonthlyCharges).toFixed(2)}<`);
  });

  it('virtualises 1,200 Telco rows: grid roles, full row count, few rows in the DOM', () => {
    const { body } = render(DataTable, {
      props: { columns: tableColumns, rows, labels, height: 400 }
    });
    expect(body).toContain('role="grid"');
    expect(body).toContain('aria-rowcount="1201"');
    const rendered = count(body, /role="row"/g);
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(30);
    expect(body).toContain('aria-rowindex="2"'); // first data row follows the header row
    expect(body).toContain(rows[0].customerID);
    expect(body).not.toContain(rows[600].customerID);
  });

  it('shows the empty text', () => {
    const { body } = render(DataTable, { props: { columns: tableColumns, rows: [], labels } });
    expect(body).toContain('No customers');
    expect(body).not.toContain('<table');
  });
});

describe('MappingTable', () => {
  const fields = [
    { key: 'id', label: 'Customer id', required: true, confidence: 0.96 },
    { key: 'email', label: 'E-mail', required: true },
    { key: 'country', label: 'Country', confidence: 0.4 }
  ];
  const mlabels = {
    field: 'Field',
    column: 'Column',
    confidence: 'Confidence',
    notMapped: '— not mapped —',
    required: 'required',
    missingRequired: 'Required: choose a column',
    preview: 'Preview'
  };

  it('flags unmapped required fields and highlights mapped preview columns', () => {
    const { body } = render(MappingTable, {
      props: {
        fields,
        headers,
        rows: matrix,
        mapping: { id: 'customerID' },
        labels: mlabels,
        locale: 'en'
      }
    });
    expect(count(body, /<select/g)).toBe(3);
    expect(count(body, /<option/g)).toBe(3 * (headers.length + 1));
    expect(count(body, /Required: choose a column/g)).toBe(1);
    expect(count(body, /aria-invalid="true"/g)).toBe(1);
    expect(body).toContain('96%');
    // header row + 20 preview rows
    expect(count(body, /<tr/g)).toBe(1 + fields.length + 1 + 20);
    // customerID column is highlighted in the header and in each of the 20 rows
    expect(count(body, /class="[^"]*mapped/g)).toBe(21);
    expect(body).toContain('→ Customer id');
  });
});

describe('ConfusionMatrix', () => {
  it('shows counts, row rates and the threshold', () => {
    const { body } = render(ConfusionMatrix, {
      props: {
        counts: { tp: 300, fn: 100, fp: 50, tn: 750 },
        labels: {
          title: 'Confusion matrix',
          actual: 'Actual',
          predicted: 'Predicted',
          positive: 'Churned',
          negative: 'Stayed',
          threshold: 'Threshold'
        },
        locale: 'en',
        threshold: 0.35
      }
    });
    expect(body).toContain('75%');
    expect(body).toContain('25%');
    expect(body).toContain('6.3%');
    expect(body).toContain('93.8%');
    expect(body).toContain('type="range"');
    expect(body).toContain('0.35');
  });
});

describe('ProgressPanel', () => {
  it('reports percent, rate, ETA and a progressbar', () => {
    const { body } = render(ProgressPanel, {
      props: {
        progress: { phase: 'Parsing', done: 250_000, total: 1_000_000, rate: 50_000 },
        labels: {
          cancel: 'Cancel',
          rate: 'rows/s',
          eta: 'Left',
          elapsed: 'Elapsed',
          progress: 'Import'
        },
        locale: 'en',
        oncancel: () => {}
      }
    });
    expect(body).toContain('role="progressbar"');
    expect(body).toContain('aria-valuenow="250000"');
    expect(body).toContain('50K rows/s');
    expect(body).toContain('15s'); // 750k rows at 50k/s
    expect(body).toContain('Parsing 20%'); // live text moves in 10% steps
    expect(body).toContain('>Cancel<');
  });

  it('is indeterminate without a total', () => {
    const { body } = render(ProgressPanel, {
      props: {
        progress: { phase: 'Reading', done: 10 },
        labels: {
          cancel: 'Cancel',
          rate: 'rows/s',
          eta: 'Left',
          elapsed: 'Elapsed',
          progress: 'Import'
        },
        locale: 'en'
      }
    });
    expect(body).toContain('indeterminate');
    expect(body).not.toContain('aria-valuenow');
    expect(body).not.toContain('Cancel');
  });
});

describe('Tabs', () => {
  it('marks one selected tab with the only tab stop and labels the panel', () => {
    const panel = createRawSnippet((id: () => string) => ({
      render: () => `<p>panel ${id()}</p>`
    }));
    const { body } = render(Tabs, {
      props: {
        tabs: [
          { id: 'roc', label: 'ROC' },
          { id: 'pr', label: 'PR' },
          { id: 'cal', label: 'Calibration', disabled: true }
        ],
        selected: 'pr',
        label: 'Charts',
        panel,
        id: 't'
      }
    });
    expect(count(body, /role="tab"/g)).toBe(3);
    expect(count(body, /aria-selected="true"/g)).toBe(1);
    expect(body).toMatch(/id="t-tab-pr"[^>]*tabindex="0"/);
    expect(body).toContain('aria-labelledby="t-tab-pr"');
    expect(body).toContain('panel pr');
  });
});

describe('Timeline', () => {
  it('renders a CDNOW customer history grouped by month', () => {
    const events = cdnowEvents()
      .filter((e) => e.customer === '00004')
      .map((e) => e.event);
    const { body } = render(Timeline, {
      props: {
        events,
        labels: {
          order: 'Order',
          interaction: 'Message',
          relationship: 'Link',
          title: 'History',
          empty: '—'
        },
        locale: 'en',
        timeZone: 'UTC'
      }
    });
    expect(count(body, /<h3/g)).toBe(3);
    expect(count(body, /<li/g)).toBe(events.length);
    expect(body.indexOf('December 1997')).toBeLessThan(body.indexOf('January 1997'));
    expect(body).toContain('datetime="1997-01-18T00:00:00.000Z"');
  });
});

describe('Badge and BarChart', () => {
  it('shows the level text with its colour class', () => {
    const { body } = render(Badge, { props: { level: 'high', label: 'High risk' } });
    expect(body).toMatch(/class="badge high[^"]*"/);
    expect(body).toContain('High risk');
  });

  it('draws one bar per item with spoken values and a zero line for negatives', () => {
    const { body } = render(BarChart, {
      props: {
        bars: [
          { label: 'Contract: month-to-month', value: 0.42 },
          { label: 'tenure', value: -0.31 },
          { label: 'MonthlyCharges', value: 0.12 }
        ],
        title: 'Importance',
        format: (v: number) => v.toFixed(2)
      }
    });
    expect(count(body, /role="listitem"/g)).toBe(3);
    expect(body).toContain('aria-label="tenure: -0.31"');
    const widths = [...body.matchAll(/<rect[^>]*width="([\d.]+)"/g)].map((m) => +m[1]);
    // bar lengths are proportional to |value|
    expect(widths[0] / widths[1]).toBeCloseTo(0.42 / 0.31, 2);
  });
});
