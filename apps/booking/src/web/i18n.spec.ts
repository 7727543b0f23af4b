import { UI_LANGUAGES } from '@kotoportti/model';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadDictionaries } from './i18n';
import { CODE_LISTS } from './view-helpers';
import { findBookingDir } from './views-dir';

function templates(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return templates(path);
    return name.endsWith('.hbs') ? [path] : [];
  });
}

describe('interface translations', () => {
  const dictionaries = loadDictionaries();

  it('has every key in Finnish, Swedish and English alike', () => {
    const keys = (language: (typeof UI_LANGUAGES)[number]) =>
      Object.keys(dictionaries[language]).sort();
    expect(keys('fi')).toEqual(keys('en'));
    expect(keys('sv')).toEqual(keys('en'));
    for (const language of UI_LANGUAGES) {
      const empty = Object.entries(dictionaries[language]).filter(([, text]) => !text.trim());
      expect(empty).toEqual([]);
    }
  });

  it('has every key a view names literally', () => {
    const missing: string[] = [];
    for (const file of templates(findBookingDir('views'))) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/(?:\bt|label=|hint=|title=)\s*"([a-zA-Z][\w.-]*)"/g)) {
        if (!dictionaries.en[match[1]]) missing.push(`${file}: ${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('labels every value of every code list offered as a choice', () => {
    const missing = Object.entries(CODE_LISTS)
      .filter(([list]) => list !== 'level')
      .flatMap(([list, values]) => values.map((value) => `codes.${list}.${value}`))
      .filter((key) => !dictionaries.en[key]);
    expect(missing).toEqual([]);
  });
});
