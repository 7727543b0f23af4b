import Handlebars from 'handlebars';
import type { TableModel } from './table-model';

/**
 * The statistics pages. A private Handlebars instance: `{{…}}` escapes every organisation
 * name; the only raw insert is the chart SVG, which the chart code builds with escaped text.
 */
const hbs = Handlebars.create();

hbs.registerPartial(
  'table',
  `<table>
  <caption>{{caption}}</caption>
  <thead><tr>{{#each headers}}<th scope="col">{{this}}</th>{{/each}}</tr></thead>
  <tbody>
  {{#each rows}}<tr>{{#each this}}{{#if @first}}<th scope="row">{{this}}</th>{{else}}<td>{{this}}</td>{{/if}}{{/each}}</tr>
  {{else}}<tr><td colspan="{{headers.length}}">No figures for this range.</td></tr>{{/each}}
  </tbody>
</table>`,
);

const page = hbs.compile(`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{{title}} – Statistics – Kotoportti</title>
  <style>
    body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 80rem; padding: 0 1rem 3rem; color: #1a1a1a; }
    nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 1rem; }
    a { color: #004c99; } a[aria-current] { font-weight: 700; }
    :focus-visible { outline: 3px solid #e07000; outline-offset: 2px; }
    .figure { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.5rem; align-items: start; margin: 1rem 0 2rem; }
    @media (max-width: 60rem) { .figure { grid-template-columns: 1fr; } }
    .chart { width: 100%; height: auto; border: 1px solid #ddd; }
    .scroll { overflow-x: auto; max-height: 32rem; }
    table { border-collapse: collapse; font-size: .9rem; }
    th, td { border: 1px solid #bbb; padding: .25rem .5rem; text-align: right; white-space: nowrap; }
    th[scope=row], thead th { text-align: left; background: #f3f3f3; }
    caption { text-align: left; font-weight: 600; padding: .25rem 0; }
    form.range { display: flex; gap: 1rem; align-items: end; flex-wrap: wrap; }
    label { display: flex; flex-direction: column; font-weight: 600; }
    .note { color: #444; }
  </style>
</head>
<body>
  <header>
    <p><a href="/">Kotoportti</a> · {{user.displayName}} ({{user.role}})</p>
    <nav aria-label="Statistics">
      <ul>
        <li><a href="/statistics"{{#if isIndex}} aria-current="page"{{/if}}>Statistics</a></li>
        {{#each reports}}<li><a href="{{href}}"{{#if current}} aria-current="page"{{/if}}>{{label}}</a></li>{{/each}}
      </ul>
    </nav>
  </header>
  <main id="main">
    <h1>{{title}}</h1>
    <p class="note">{{scope}}</p>
    <p class="note">Counts of 1–4 people, and figures from which such a count could be worked out, are shown as “&lt;5” and left out of the charts.</p>
    {{#if range}}
    <form class="range" method="get">
      <label for="from">From <input id="from" name="from" type="date" value="{{range.from}}" required></label>
      <label for="to">To <input id="to" name="to" type="date" value="{{range.to}}" required></label>
      <button type="submit">Show</button>
    </form>
    {{/if}}
    {{#each figures}}
    <section aria-labelledby="{{id}}-heading">
      <h2 id="{{id}}-heading">{{heading}}</h2>
      <div class="figure">
        <div>{{{svg}}}</div>
        <div class="scroll">{{> table table}}</div>
      </div>
    </section>
    {{/each}}
    {{#each tables}}
    <section aria-labelledby="{{id}}-heading">
      <h2 id="{{id}}-heading">{{heading}}</h2>
      <p><a href="{{csv}}" download>Download CSV</a> · <a href="{{csv}}&amp;separator=semicolon" download>CSV for Finnish/Swedish Excel</a></p>
      <div class="scroll">{{> table table}}</div>
    </section>
    {{/each}}
    {{#if links}}
    <ul>{{#each links}}<li><a href="{{href}}">{{label}}</a> – {{description}}</li>{{/each}}</ul>
    {{/if}}
  </main>
</body>
</html>`);

export interface FigureModel {
  id: string;
  heading: string;
  /** Built by charts/, whose text is escaped there. */
  svg: string;
  table: TableModel;
}

export interface DownloadTableModel {
  id: string;
  heading: string;
  csv: string;
  table: TableModel;
}

export interface StatisticsPageModel {
  title: string;
  user: { displayName: string; role: string };
  scope: string;
  isIndex?: boolean;
  reports: Array<{ href: string; label: string; current: boolean }>;
  range?: { from: string; to: string };
  figures?: FigureModel[];
  tables?: DownloadTableModel[];
  links?: Array<{ href: string; label: string; description: string }>;
}

export function renderStatisticsPage(model: StatisticsPageModel): string {
  return page(model);
}
