// results.json shape and its Markdown rendering.
import type { Metrics } from './types';

export interface SectionResult {
  ok: boolean;
  /** Wall time of the whole section. */
  ms: number;
  /** When this section last ran (sections kept from an earlier --only run keep their date). */
  date: string;
  metrics: Metrics;
  error?: string;
}

export interface Results {
  machine: Record<string, string | number>;
  sections: Record<string, SectionResult>;
}

const cell = (v: unknown) => String(v).replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(r: Results): string {
  const m = r.machine;
  const out = [
    '# Rapport benchmark results',
    '',
    `${m.date} · node ${m.node} · ${m.cores} cores (${m.cpu}) · ${m.memory_gb} GB · ${m.platform}` +
      (m.commit ? ` · commit ${m.commit}` : ''),
    ''
  ];
  for (const [name, s] of Object.entries(r.sections)) {
    out.push(`## ${name}`, '');
    out.push(`${s.ok ? 'ok' : '**failed**'} in ${(s.ms / 1000).toFixed(1)} s, ${s.date}`, '');
    if (s.error) out.push(`Error: ${cell(s.error)}`, '');
    const entries = Object.entries(s.metrics);
    if (entries.length) {
      out.push('| metric | value |', '| --- | ---: |');
      for (const [k, v] of entries) out.push(`| ${cell(k)} | ${cell(v)} |`);
      out.push('');
    }
  }
  return out.join('\n');
}
