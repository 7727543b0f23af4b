import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { registerHelpers } from './view-helpers';

type Render = (context: object) => string;
type Done = (error: Error | null, html?: string) => void;

/**
 * The express view engine of the web pages: a page template rendered into a layout, with
 * partials and helpers from one private Handlebars instance (the letters have their own).
 * Templates are compiled once; `{{…}}` escapes everything officials and clients typed.
 */
export function createViewEngine(viewsDir: string) {
  const hbs = Handlebars.create();
  registerHelpers(hbs);
  const partialsDir = join(viewsDir, 'partials');
  for (const file of readdirSync(partialsDir)) {
    if (file.endsWith('.hbs')) {
      hbs.registerPartial(basename(file, '.hbs'), readFileSync(join(partialsDir, file), 'utf8'));
    }
  }
  const compiled = new Map<string, Render>();
  const template = (file: string): Render => {
    let render = compiled.get(file);
    if (!render) {
      render = hbs.compile(readFileSync(file, 'utf8'), { strict: false });
      compiled.set(file, render);
    }
    return render;
  };

  return (file: string, context: object, done: Done): void => {
    try {
      const body = template(file)(context);
      const layout = join(viewsDir, 'layouts', 'main.hbs');
      done(null, template(layout)({ ...context, body: new hbs.SafeString(body) }));
    } catch (error) {
      done(error as Error);
    }
  };
}
