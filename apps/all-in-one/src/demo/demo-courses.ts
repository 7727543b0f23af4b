import { Course, type Level, type Pace, type TargetLanguage } from '@kotoportti/model';
import type { EntityManager } from 'typeorm';
import type { DemoOrganisationIds, DemoProviderKey, DemoRegionKey } from './demo-organisations';
import { DemoRandom } from './demo-random';
import { demoUserIdOf, type DemoUserIds } from './demo-users';
import { isWorkingDay } from '@kotoportti/platform';
import { addDays, mondayOnOrAfter } from './helsinki-time';

interface CourseTemplate {
  pace: Pace;
  minLevel: Level;
  maxLevel: Level;
  /** Index into the provider's sites. */
  site?: number;
  evening?: boolean;
  childcare?: boolean;
}

interface ProviderPlan {
  provider: DemoProviderKey;
  user: string;
  region: DemoRegionKey;
  targetLanguage: TargetLanguage;
  sites: readonly { location: string; address: string }[];
  courses: readonly CourseTemplate[];
}

// Literacy training sits below A1.1; the slow path covers A1, the basic path A1 to B1.1 in
// modules; the fast path reaches B1 for those who already study well.
const PROVIDER_PLANS: readonly ProviderPlan[] = [
  {
    provider: 'kielipolku',
    user: 'provider',
    region: 'uusimaa',
    targetLanguage: 'fi',
    sites: [
      { location: 'Kallion opetuspiste, luokka 3', address: 'Hämeentie 135, 00560 Helsinki' },
      { location: 'Itäkeskuksen opetuspiste, luokka 12', address: 'Itäkatu 7, 00930 Helsinki' },
    ],
    courses: [
      { pace: 'literacy', minLevel: 'below-A1.1', maxLevel: 'A1.1', childcare: true },
      { pace: 'literacy', minLevel: 'below-A1.1', maxLevel: 'A1.1', site: 1 },
      { pace: 'slow', minLevel: 'A1.1', maxLevel: 'A1.3', site: 1, childcare: true },
      { pace: 'basic', minLevel: 'A1.1', maxLevel: 'A1.3' },
      { pace: 'basic', minLevel: 'A1.3', maxLevel: 'A2.2', site: 1 },
      { pace: 'basic', minLevel: 'A2.1', maxLevel: 'B1.1', evening: true },
      { pace: 'fast', minLevel: 'A1.1', maxLevel: 'A2.2' },
      { pace: 'fast', minLevel: 'A2.1', maxLevel: 'B1.2' },
    ],
  },
  {
    provider: 'pirkanmaa-opisto',
    user: 'provider2',
    region: 'pirkanmaa',
    targetLanguage: 'fi',
    sites: [
      { location: 'Keskustan kampus, luokka 104', address: 'Satakunnankatu 18, 33210 Tampere' },
      {
        location: 'Hervannan toimipiste, luokka 2',
        address: 'Hervannan valtaväylä 11, 33720 Tampere',
      },
    ],
    courses: [
      { pace: 'literacy', minLevel: 'below-A1.1', maxLevel: 'A1.1', site: 1, childcare: true },
      { pace: 'slow', minLevel: 'A1.1', maxLevel: 'A1.3' },
      { pace: 'slow', minLevel: 'A1.2', maxLevel: 'A2.1', site: 1, childcare: true },
      { pace: 'basic', minLevel: 'A1.1', maxLevel: 'A1.3' },
      { pace: 'basic', minLevel: 'A2.1', maxLevel: 'B1.1', site: 1 },
      { pace: 'fast', minLevel: 'A1.1', maxLevel: 'A2.2' },
      { pace: 'fast', minLevel: 'A2.2', maxLevel: 'B1.2', evening: true },
    ],
  },
  {
    provider: 'kustens',
    user: 'provider-sv',
    region: 'uusimaa',
    targetLanguage: 'sv',
    sites: [
      { location: 'Ekenäs, klassrum 3', address: 'Stationsvägen 4, 10600 Ekenäs' },
      { location: 'Karis, klassrum 1', address: 'Köpmansgatan 12, 10300 Karis' },
    ],
    courses: [
      { pace: 'literacy', minLevel: 'below-A1.1', maxLevel: 'A1.1', childcare: true },
      { pace: 'slow', minLevel: 'A1.1', maxLevel: 'A1.3', site: 1 },
      { pace: 'basic', minLevel: 'A1.1', maxLevel: 'A2.1' },
      { pace: 'fast', minLevel: 'A1.1', maxLevel: 'A2.2', site: 1 },
    ],
  },
];

/** Everything a course says in words, in the provider's language. */
const WORDING = {
  fi: {
    name: {
      fast: 'Kotoutumiskoulutus, nopeasti etenevät',
      basic: 'Kotoutumiskoulutus, perustahti',
      slow: 'Kotoutumiskoulutus, hitaasti etenevät',
      literacy: 'Luku- ja kirjoitustaidon koulutus',
    },
    beginners: 'alkeet',
    evening: 'iltaryhmä',
    schedule: {
      fast: 'ma–pe 8.30–13.00',
      basic: 'ma–to 9.00–13.00',
      slow: 'ma–to 9.00–12.15',
      literacy: 'ma–to 9.00–12.00',
    },
    eveningSchedule: 'ti ja to 17.00–20.15',
    childcareNote: 'Lastenhoito järjestetty opetuksen ajaksi.',
    eveningNote: 'Iltaryhmä työssä käyville.',
  },
  sv: {
    name: {
      fast: 'Integrationsutbildning, snabb studieväg',
      basic: 'Integrationsutbildning, grundläggande studieväg',
      slow: 'Integrationsutbildning, långsam studieväg',
      literacy: 'Utbildning i läs- och skrivfärdighet',
    },
    beginners: 'nybörjare',
    evening: 'kvällsgrupp',
    schedule: {
      fast: 'mån–fre 8.30–13.00',
      basic: 'mån–tors 9.00–13.00',
      slow: 'mån–tors 9.00–12.15',
      literacy: 'mån–tors 9.00–12.00',
    },
    eveningSchedule: 'tis och tors 17.00–20.15',
    childcareNote: 'Barnpassning ordnas under lektionerna.',
    eveningNote: 'Kvällsgrupp för den som arbetar.',
  },
} as const;

const WEEKS: Readonly<Record<Pace, number>> = { fast: 16, basic: 20, slow: 24, literacy: 28 };

const SEATS: Readonly<Record<Pace, readonly [number, number]>> = {
  fast: [16, 20],
  basic: [14, 20],
  slow: [12, 16],
  literacy: [12, 14],
};

export type CourseRow = Pick<
  Course,
  | 'providerId'
  | 'regionId'
  | 'name'
  | 'targetLanguage'
  | 'pace'
  | 'minLevel'
  | 'maxLevel'
  | 'startsOn'
  | 'endsOn'
  | 'schedule'
  | 'location'
  | 'address'
  | 'seats'
  | 'notes'
  | 'childcare'
  | 'evening'
  | 'createdBy'
>;

function courseName(template: CourseTemplate, language: TargetLanguage): string {
  const words = WORDING[language];
  const from = template.minLevel === 'below-A1.1' ? words.beginners : template.minLevel;
  const group = template.evening ? `, ${words.evening}` : '';
  return `${words.name[template.pace]}${group} (${from}–${template.maxLevel})`;
}

/** A Monday one to twelve weeks ahead, moved to the next working day if it is a holiday. */
function startDay(random: DemoRandom, today: string): string {
  let day = mondayOnOrAfter(addDays(today, 7 * random.int(1, 12)));
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

function planCourse(
  random: DemoRandom,
  today: string,
  plan: ProviderPlan,
  template: CourseTemplate,
  ids: { providerId: string; regionId: string; userId: string },
): CourseRow {
  const words = WORDING[plan.targetLanguage];
  const site = plan.sites[template.site ?? 0];
  const startsOn = startDay(random, today);
  const weeks = template.evening ? 30 : WEEKS[template.pace];
  const notes = [
    template.childcare ? words.childcareNote : null,
    template.evening ? words.eveningNote : null,
  ].filter((note) => note !== null);
  return {
    providerId: ids.providerId,
    regionId: ids.regionId,
    name: courseName(template, plan.targetLanguage),
    targetLanguage: plan.targetLanguage,
    pace: template.pace,
    minLevel: template.minLevel,
    maxLevel: template.maxLevel,
    startsOn,
    // Friday of the last week.
    endsOn: addDays(startsOn, weeks * 7 - 3),
    schedule: template.evening ? words.eveningSchedule : words.schedule[template.pace],
    location: site.location,
    address: site.address,
    seats: random.int(...SEATS[template.pace]),
    notes: notes.length > 0 ? notes.join(' ') : null,
    childcare: template.childcare ?? false,
    evening: template.evening ?? false,
    createdBy: ids.userId,
  };
}

/** Courses of every pace at all three providers, starting within the next three months. */
export function planDemoCourses(
  today: string,
  organisationIds: DemoOrganisationIds,
  users: DemoUserIds,
): CourseRow[] {
  const random = new DemoRandom(0x6b757273);
  return PROVIDER_PLANS.flatMap((plan) => {
    const ids = {
      providerId: organisationIds[plan.provider],
      regionId: organisationIds[plan.region],
      userId: demoUserIdOf(users, plan.user),
    };
    return plan.courses.map((template) => planCourse(random, today, plan, template, ids));
  });
}

export async function insertDemoCourses(
  manager: EntityManager,
  rows: readonly CourseRow[],
): Promise<number> {
  if (rows.length > 0) await manager.insert(Course, [...rows]);
  return rows.length;
}
