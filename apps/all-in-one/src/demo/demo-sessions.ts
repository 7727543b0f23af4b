import { TestSession, type TargetLanguage, type TestKind } from '@kotoportti/model';
import type { EntityManager } from 'typeorm';
import {
  demoOrganisation,
  postalAddress,
  type DemoOrganisationIds,
  type DemoTestCentreKey,
} from './demo-organisations';
import { DemoRandom } from './demo-random';
import { demoUserIdOf, type DemoUserIds } from './demo-users';
import { isWorkingDay } from '@kotoportti/platform';
import { addDays, helsinkiInstant } from './helsinki-time';

export const DEMO_SESSION_WEEKS = 6;

interface DemoCentrePlan {
  centre: DemoTestCentreKey;
  tester: string;
  /** The main room takes the mornings and afternoons, the small one extra mornings. */
  mainRoom: string;
  smallRoom: string;
  /** Share of initial tests and retests held in Swedish. */
  swedishShare: number;
}

const CENTRE_PLANS: readonly DemoCentrePlan[] = [
  {
    centre: 'pasila',
    tester: 'tester',
    mainRoom: 'Luokka 201',
    smallRoom: 'Luokka 204',
    swedishShare: 0.2,
  },
  {
    centre: 'hervanta',
    tester: 'tester2',
    mainRoom: 'Sali A',
    smallRoom: 'Ryhmätila B',
    swedishShare: 0,
  },
];

/** One block of a day in local time; the blocks of one room never overlap. */
interface Slot {
  room: 'main' | 'small';
  startHour: number;
  endHour: number;
  kinds: readonly (readonly [TestKind, number])[];
  likelihood: number;
}

const SLOTS: readonly Slot[] = [
  {
    room: 'main',
    startHour: 9,
    endHour: 12,
    likelihood: 0.85,
    kinds: [
      ['initial', 8],
      ['retest', 2],
    ],
  },
  {
    room: 'small',
    startHour: 9,
    endHour: 12,
    likelihood: 0.35,
    kinds: [
      ['literacy', 6],
      ['retest', 3],
      ['initial', 1],
    ],
  },
  {
    room: 'main',
    startHour: 13,
    endHour: 16,
    likelihood: 0.4,
    kinds: [
      ['initial', 6],
      ['retest', 3],
      ['literacy', 1],
    ],
  },
];

export type SessionRow = Pick<
  TestSession,
  | 'testCentreId'
  | 'kind'
  | 'targetLanguage'
  | 'startsAt'
  | 'endsAt'
  | 'location'
  | 'address'
  | 'capacity'
  | 'createdBy'
>;

function sessionOn(
  random: DemoRandom,
  day: string,
  slot: Slot,
  plan: DemoCentrePlan,
  ids: { centreId: string; testerId: string; address: string },
): SessionRow {
  const kind = random.weighted(slot.kinds);
  // Literacy is assessed one by one with a tester beside the client: smaller groups.
  const capacity = kind === 'literacy' ? random.int(8, 10) : random.int(10, 16);
  const targetLanguage: TargetLanguage =
    kind !== 'literacy' && random.chance(plan.swedishShare) ? 'sv' : 'fi';
  return {
    testCentreId: ids.centreId,
    kind,
    targetLanguage,
    startsAt: helsinkiInstant(day, slot.startHour),
    endsAt: helsinkiInstant(day, slot.endHour),
    location: slot.room === 'main' ? plan.mainRoom : plan.smallRoom,
    address: ids.address,
    capacity,
    createdBy: ids.testerId,
  };
}

/** Weekday sessions from tomorrow for six weeks, at both centres, in Helsinki local time. */
export function planDemoSessions(
  today: string,
  organisationIds: DemoOrganisationIds,
  users: DemoUserIds,
): SessionRow[] {
  const random = new DemoRandom(0x74657374);
  const rows: SessionRow[] = [];
  for (let offset = 1; offset <= DEMO_SESSION_WEEKS * 7; offset++) {
    const day = addDays(today, offset);
    if (!isWorkingDay(day)) continue;
    for (const plan of CENTRE_PLANS) {
      const ids = {
        centreId: organisationIds[plan.centre],
        testerId: demoUserIdOf(users, plan.tester),
        address: postalAddress(demoOrganisation(plan.centre)),
      };
      for (const slot of SLOTS) {
        if (random.chance(slot.likelihood)) rows.push(sessionOn(random, day, slot, plan, ids));
      }
    }
  }
  return rows;
}

export async function insertDemoSessions(
  manager: EntityManager,
  rows: readonly SessionRow[],
): Promise<number> {
  if (rows.length > 0) await manager.insert(TestSession, [...rows]);
  return rows.length;
}
