import type { SeatReportInput } from '../../seats/seat-reports.service';
import type { SeatAction } from '../../seats/seat-transitions';
import { CompletionDto, DropoutDto, FollowUpDto, SeatReportDto } from '../../seats/seat-report.dto';
import { FieldErrors, validateForm } from '../form-errors';
import { formValues } from '../form-values';
import { parseDay } from '../formats';

/** The reports a provider sends from the participant list (SPEC §3.8). */
export const REPORT_ACTIONS = ['start', 'no-show', 'dropout', 'complete', 'follow-up'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number] & SeatAction;

export const REPORT_FIELDS = [
  'action',
  'date',
  'reason',
  'outcome',
  'listening',
  'speaking',
  'reading',
  'writing',
  'text',
] as const;

const isAction = (value: unknown): value is ReportAction =>
  REPORT_ACTIONS.some((action) => action === value);

/** Checked against the DTO of the API route for that report, field for field. */
async function check(action: ReportAction, given: Record<string, string>) {
  const date = parseDay(given.date);
  switch (action) {
    case 'start':
    case 'no-show':
      return validateForm(SeatReportDto, { date, text: given.text });
    case 'dropout':
      return validateForm(DropoutDto, { date, text: given.text, reason: given.reason });
    case 'complete': {
      const levels: Record<string, string> = {};
      for (const skill of ['listening', 'speaking', 'reading', 'writing'] as const) {
        if (given[skill]) levels[skill] = given[skill];
      }
      return validateForm(CompletionDto, { date, text: given.text, levels });
    }
    case 'follow-up':
      return validateForm(FollowUpDto, { date, text: given.text, outcome: given.outcome });
  }
}

/** The API's report input, or the errors to show beside the fields; seats chosen separately. */
export async function readReportForm(body: Record<string, unknown>): Promise<{
  typed: Record<string, string>;
  errors: FieldErrors;
  action?: ReportAction;
  input?: SeatReportInput;
}> {
  const { typed, given } = formValues(body, REPORT_FIELDS);
  if (!isAction(given.action)) return { typed, errors: { action: 'validation.isIn' } };
  const parsed = await check(given.action, given);
  if (!parsed.ok) {
    const errors: FieldErrors = {};
    for (const [field, key] of Object.entries(parsed.errors)) {
      // Completion names `levels` or `levels.writing`; the form shows it at the first level.
      errors[field.startsWith('levels') ? (field.split('.')[1] ?? 'listening') : field] = key;
    }
    return { typed, errors };
  }
  const value = parsed.value as SeatReportDto & Partial<DropoutDto & CompletionDto & FollowUpDto>;
  const input: SeatReportInput = {
    date: value.date,
    text: value.text,
    dropoutReason: given.action === 'dropout' ? value.reason : undefined,
    levels: value.levels,
    outcome: value.outcome,
  };
  return { typed, errors: {}, action: given.action, input };
}
