import { Get, Render } from '@nestjs/common';
import { Roles } from '@kotoportti/platform';
import { addDays } from '../../test-sessions/helsinki-time';
import { dayForForm, helsinkiToday } from '../formats';
import { WebController } from '../web-controller';

/** Tomorrow's invitations (or any day's) in one PDF, printed by the documents service. */
@Roles('official')
@WebController('letters')
export class LettersPagesController {
  @Get('batch')
  @Render('pages/letters/batch')
  batch() {
    return {
      title: 'letters.batchTitle',
      values: { sessionDate: dayForForm(addDays(helsinkiToday(), 1)) },
      errors: {},
      scripts: ['batch.js'],
    };
  }
}
