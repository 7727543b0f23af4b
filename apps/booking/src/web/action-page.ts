import type { Response } from 'express';
import { type FieldErrors, type FormProblem, formProblem, validateForm } from './form-errors';
import { formValues } from './form-values';
import { renderPage } from './web-controller';

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

export interface ActionSubmission<T extends object> {
  /** The page the form is on, shown again when the form is refused. */
  page: ActionPage | (() => Promise<ActionPage>);
  body: Record<string, unknown>;
  fields: readonly string[];
  /** The API's DTO, so that the page accepts exactly what the API accepts. */
  dto: new () => T;
  /** The non-empty fields as the DTO takes them (numbers, days); as typed when left out. */
  input?: (given: Record<string, string>) => Record<string, unknown>;
  /** Does the action; answers where to go once it is done. */
  act: (value: T) => Promise<string>;
  /** Where a service names a field otherwise than the form (service field → form field). */
  fieldOf?: Record<string, string>;
  /** How a refusal of the service is shown, where the form says it otherwise. */
  refusal?: (problem: FormProblem) => FormProblem;
}

/**
 * Posts an action form: checks it, does the action and redirects (303, so that reloading does
 * not post again), or shows the page again with what was typed and why it was refused.
 */
export async function submitActionForm<T extends object>(
  response: Response,
  submission: ActionSubmission<T>,
): Promise<void> {
  const { typed, given } = formValues(submission.body, submission.fields);
  const again = async (status: number, state: ActionState) => {
    const page = typeof submission.page === 'function' ? await submission.page() : submission.page;
    renderPage(response, 'action', actionModel(page, { values: typed, ...state }), status);
  };
  const parsed = await validateForm(submission.dto, submission.input?.(given) ?? given);
  if (!parsed.ok) {
    return again(400, { errors: parsed.errors, formError: 'validation.summary' });
  }
  let next: string;
  try {
    next = await submission.act(parsed.value);
  } catch (error) {
    const problem = formProblem(error, submission.fieldOf);
    if (!problem) throw error;
    const { status, ...state } = submission.refusal?.(problem) ?? problem;
    return again(status, state);
  }
  response.redirect(303, next);
}
