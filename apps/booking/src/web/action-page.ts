import type { FieldErrors } from './form-errors';

/** A field of an action form; `label` and `hint` are translation keys. */
export interface ActionField {
  name: string;
  label: string;
  kind?: 'text' | 'textarea' | 'select' | 'choice';
  hint?: string;
  required?: boolean;
  /** A code list of view-helpers (kind select). */
  list?: string;
  /** Records to choose from (kind choice); `translate` when the label is a key. */
  choices?: Array<{ value: string; label: string; translate?: boolean }>;
}

/** A line of what the action is about; `kind` formats the value (a date, a code list). */
export interface ActionFact {
  label: string;
  value: unknown;
  kind?: string;
}

export interface ActionPage {
  title: string;
  heading: string;
  facts: ActionFact[];
  explanation?: string;
  /** Where the form posts without JavaScript. */
  action: string;
  /** The API path the form's script posts to, for actions of another service. */
  api?: string;
  /** Where the script goes once the API has answered yes. */
  next?: string;
  /** Conflict codes the API may answer, told in the page's language (conflicts.<code>). */
  conflicts?: string[];
  fields: ActionField[];
  submit: string;
  back: string;
}

export interface ActionState {
  values?: Record<string, string>;
  errors?: FieldErrors;
  formError?: string;
}

/** The model of views/pages/action.hbs: the page, and the form as typed and as refused. */
export function actionModel(page: ActionPage, state: ActionState = {}) {
  return {
    ...page,
    values: state.values ?? {},
    errors: state.errors ?? {},
    formError: state.formError,
    scripts: page.api ? ['api-form.js'] : [],
  };
}
