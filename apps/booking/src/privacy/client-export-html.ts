import Handlebars from 'handlebars';
import type { ClientExport, Row } from './client-export.queries';

/** Section headings in Finnish and English: the office reads one, the client often the other. */
const HEADINGS: Record<keyof Omit<ClientExport, 'exportedAt'>, string> = {
  client: 'Asiakas · Client',
  consents: 'Suostumukset · Consents',
  testBookings: 'Testivaraukset · Test bookings',
  testResults: 'Testitulokset · Test results',
  waitingListEntries: 'Jonotiedot · Waiting-list entries',
  seatOffers: 'Paikkatarjoukset · Seat offers',
  seats: 'Koulutuspaikat ja ilmoitukset · Course seats and reports',
  letters: 'Kirjeet · Letters',
  auditEvents: 'Käsittelyloki · Who handled the data',
};

// Compiled once; {{ }} escapes every value, so a name typed as HTML stays text.
const TEMPLATE = Handlebars.compile(`<!doctype html>
<html lang="fi"><head><meta charset="utf-8"><title>{{title}}</title>
<style>
  @page { size: A4; margin: 16mm 14mm; }
  body { font-family: 'Noto Sans', 'Noto Sans Arabic', 'Noto Sans Ethiopic', 'Noto Sans Thai',
         'Noto Sans CJK SC', sans-serif; font-size: 9.5pt; color: #111; }
  h1 { font-size: 15pt; margin: 0 0 4pt; }
  h2 { font-size: 11.5pt; margin: 14pt 0 4pt; border-bottom: 1px solid #999; }
  table { border-collapse: collapse; width: 100%; margin: 0 0 6pt; page-break-inside: avoid; }
  th, td { text-align: start; vertical-align: top; padding: 1.5pt 4pt; border: 1px solid #ddd; }
  th { width: 32%; font-weight: normal; color: #444; background: #f4f4f4; }
  td { unicode-bidi: plaintext; overflow-wrap: anywhere; white-space: pre-line; }
  .none { color: #666; font-style: italic; }
</style></head>
<body>
  <h1>{{title}}</h1>
  <p>Tulostettu · Exported {{exportedAt}} · {{clientId}}</p>
  {{#each sections}}
    <h2>{{heading}}</h2>
    {{#each records}}
      <table>{{#each this}}<tr><th>{{label}}</th><td>{{value}}</td></tr>{{/each}}</table>
    {{else}}
      <p class="none">Ei tietoja · None</p>
    {{/each}}
  {{/each}}
</body></html>`);

function label(key: string): string {
  return key.replace(/([A-Z])/g, ' $1').toLowerCase();
}

/** Nested records (a seat's reports, levels reached) as "key: value" lines, not raw JSON. */
function text(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.length ? value.map(text).join('\n') : '–';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (typeof value !== 'object') return '–';
  return Object.entries(value)
    .filter(([, inner]) => inner !== null && inner !== undefined)
    .map(([key, inner]) => `${label(key)}: ${text(inner)}`)
    .join('; ');
}

function record(row: Row) {
  return Object.entries(row).map(([key, value]) => ({ label: label(key), value: text(value) }));
}

/** The export as a printable document: one table per record, section by section. */
export function clientExportHtml(data: ClientExport): string {
  const { exportedAt, client, ...lists } = data;
  const sections = [
    { heading: HEADINGS.client, records: [record(client)] },
    ...(Object.entries(lists) as Array<[keyof typeof lists, Row[]]>).map(([name, rows]) => ({
      heading: HEADINGS[name],
      records: rows.map(record),
    })),
  ];
  return TEMPLATE({
    title: 'Asiakkaan tiedot · Data held about the client',
    exportedAt,
    clientId: text(client.id),
    sections,
  });
}
