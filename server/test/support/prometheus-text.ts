/**
 * Reads a scrape in the Prometheus text format (version 0.0.4) the way a scraper does: each
 * sample line `name{label="value",...} number`, comments and blank lines skipped.
 */
export type Samples = Map<string, number>;

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function key(name: string, labels: Record<string, string>): string {
  const pairs = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  return pairs.length === 0 ? name : `${name}{${pairs.map(([label, value]) => `${label}="${value}"`).join(',')}}`;
}

export function parsePrometheusText(text: string): Samples {
  const samples: Samples = new Map();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const [, name, labelText, value] = match;
    const labels: Record<string, string> = {};
    for (const [, label, labelValue] of (labelText ?? '').matchAll(LABEL)) labels[label!] = labelValue!;
    samples.set(key(name!, labels), Number(value));
  }
  return samples;
}

/** The value of one sample; throws if the scrape lacks it. */
export function sampleOf(samples: Samples, name: string, labels: Record<string, string> = {}): number {
  const value = samples.get(key(name, labels));
  if (value === undefined) throw new Error(`the scrape has no sample ${key(name, labels)}`);
  return value;
}

export async function scrape(url: string, headers: Record<string, string> = {}): Promise<Samples> {
  const response = await fetch(`${url}/metrics`, { headers });
  if (response.status !== 200) throw new Error(`GET /metrics answered ${response.status}: ${await response.text()}`);
  return parsePrometheusText(await response.text());
}
