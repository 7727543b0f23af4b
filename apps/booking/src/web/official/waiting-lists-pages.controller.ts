import { Get, Query, Render } from '@nestjs/common';
import { LEVELS, PACES, TARGET_LANGUAGES, type UiLanguage } from '@kotoportti/model';
import { Roles } from '@kotoportti/platform';
import { translate } from '../i18n';
import { WebController } from '../web-controller';
import { Lang } from '../lang.decorator';

const oneOf = (list: readonly string[], value: unknown) =>
  list.find((item) => item === value) ?? '';

/** What queue-table.js needs to label the queue service's answer in the page's language. */
function labelsJson(lang: UiLanguage): string {
  const t = (key: string) => translate(lang, key);
  const labels = {
    none: t('queue.none'),
    unavailable: t('queue.notAvailable'),
    heads: {
      targetLanguage: t('course.targetLanguage'),
      pace: t('course.pace'),
      level: t('client.startLevel'),
      regionName: t('queue.region'),
      length: t('queue.length'),
      oldestSince: t('queue.oldestSince'),
      medianWaitDays: t('queue.medianWaitDays'),
      position: t('queue.position'),
      name: t('attendance.client'),
      waitingSince: t('queue.oldestSince'),
      waitingDays: t('queue.waitingDays'),
      courseName: t('course.name'),
      courseStartsOn: t('course.startsOn'),
      expiresAt: t('heldSeats.until'),
    },
    codes: {
      pace: Object.fromEntries(PACES.map((code) => [code, t(`codes.pace.${code}`)])),
      targetLanguage: Object.fromEntries(
        TARGET_LANGUAGES.map((code) => [code, t(`codes.targetLanguage.${code}`)]),
      ),
    },
  };
  // Inside <script type="application/json">: "<" escaped so no text can close the element.
  return JSON.stringify(labels).replace(/</g, '\\u003c');
}

/** The waiting lists and one list's clients, drawn from the queue service's API. */
@Roles('official')
@WebController('waiting-lists')
export class WaitingListsPagesController {
  @Get()
  @Render('pages/queue/waiting-lists')
  overview(@Lang() lang: UiLanguage) {
    return { title: 'queue.title', labelsJson: labelsJson(lang), scripts: ['queue-table.js'] };
  }

  @Get('entries')
  @Render('pages/queue/entries')
  entries(@Lang() lang: UiLanguage, @Query() query: Record<string, unknown>) {
    const chosen = {
      targetLanguage: oneOf(TARGET_LANGUAGES, query.targetLanguage),
      pace: oneOf(PACES, query.pace),
      level: oneOf(LEVELS, query.level),
    };
    return {
      title: 'queue.entries',
      query: chosen,
      source: `/api/waiting-lists/entries?${new URLSearchParams(chosen).toString()}`,
      labelsJson: labelsJson(lang),
      scripts: ['queue-table.js'],
    };
  }
}
