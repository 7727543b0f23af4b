import {
  Client,
  Consent,
  DEFAULT_LETTER_LANGUAGES,
  type ConsentMethod,
  type TargetLanguage,
} from '@kotoportti/model';
import type { EntityManager } from 'typeorm';
import { demoIdentityCode } from './demo-identity-codes';
import { DEMO_NAMES, type DemoNativeLanguage, type Gender } from './demo-names';
import type { DemoOfficeKey, DemoOrganisationIds } from './demo-organisations';
import { DemoRandom } from './demo-random';
import { demoUserIdOf, type DemoUserIds } from './demo-users';
import { addDays, helsinkiInstant } from './helsinki-time';

export const DEMO_CLIENT_COUNT = 200;

/** Roughly the mix of languages among adult newcomers in Finland's integration training. */
const LANGUAGE_WEIGHTS: readonly (readonly [DemoNativeLanguage, number])[] = [
  ['uk', 18],
  ['ru', 13],
  ['ar', 12],
  ['so', 9],
  ['et', 7],
  ['fa', 6],
  ['prs', 6],
  ['ckb', 5],
  ['th', 5],
  ['zh', 5],
  ['ti', 4],
  ['en', 4],
  ['es', 4],
  ['fr', 3],
];

/** How often a speaker of the language asks for an interpreter at the test and the office. */
const INTERPRETER_SHARE: Readonly<Record<DemoNativeLanguage, number>> = {
  so: 0.6,
  ar: 0.5,
  ru: 0.2,
  uk: 0.25,
  fa: 0.5,
  prs: 0.6,
  et: 0,
  th: 0.4,
  zh: 0.4,
  ti: 0.7,
  ckb: 0.6,
  en: 0,
  fr: 0.1,
  es: 0.1,
};

interface DemoOfficeArea {
  office: DemoOfficeKey;
  official: string;
  clients: number;
  targetLanguage: TargetLanguage;
  /** Street, postal code, post office: where the office's clients live. */
  streets: readonly (readonly [string, string, string])[];
}

const OFFICE_AREAS: readonly DemoOfficeArea[] = [
  {
    office: 'helsinki',
    official: 'official',
    clients: 90,
    targetLanguage: 'fi',
    streets: [
      ['Kontulantie', '00940', 'Helsinki'],
      ['Mellunmäentie', '00970', 'Helsinki'],
      ['Kivikonkaari', '00940', 'Helsinki'],
      ['Vuotie', '00980', 'Helsinki'],
      ['Malminkaari', '00700', 'Helsinki'],
      ['Siilitie', '00800', 'Helsinki'],
      ['Kaarelantie', '00420', 'Helsinki'],
      ['Itäkatu', '00930', 'Helsinki'],
      ['Sturenkatu', '00510', 'Helsinki'],
    ],
  },
  {
    office: 'tampere',
    official: 'official2',
    clients: 70,
    targetLanguage: 'fi',
    streets: [
      ['Insinöörinkatu', '33720', 'Tampere'],
      ['Lindforsinkatu', '33720', 'Tampere'],
      ['Lukonmäenkatu', '33710', 'Tampere'],
      ['Tesomankatu', '33310', 'Tampere'],
      ['Sammonkatu', '33540', 'Tampere'],
      ['Lielahdenkatu', '33400', 'Tampere'],
      ['Nekalantie', '33100', 'Tampere'],
    ],
  },
  {
    office: 'raseborg',
    official: 'official-sv',
    clients: 40,
    targetLanguage: 'sv',
    streets: [
      ['Gustav Wasas gata', '10600', 'Ekenäs'],
      ['Skolgatan', '10600', 'Ekenäs'],
      ['Norra Strandgatan', '10600', 'Ekenäs'],
      ['Köpmansgatan', '10300', 'Karis'],
      ['Bangatan', '10300', 'Karis'],
      ['Ingåvägen', '10300', 'Karis'],
    ],
  },
];

type ClientRow = Pick<
  Client,
  | 'officeId'
  | 'firstName'
  | 'lastName'
  | 'birthDate'
  | 'personalIdentityCode'
  | 'nativeLanguage'
  | 'letterLanguage'
  | 'targetLanguage'
  | 'phone'
  | 'email'
  | 'streetAddress'
  | 'postalCode'
  | 'city'
  | 'interpreterLanguage'
  | 'createdBy'
  | 'createdAt'
  | 'updatedAt'
>;

interface ConsentPlan {
  method: ConsentMethod;
  /** Minutes after registration: consent is asked at the same meeting. */
  minutesAfterRegistration: number;
}

export interface PlannedClient {
  row: ClientRow;
  consent: ConsentPlan | null;
}

function padded(value: number): string {
  return String(value).padStart(2, '0');
}

/** Most adults in integration training are 20–50; the sum of two draws leans to the middle. */
function birthDate(random: DemoRandom): string {
  const year = 1960 + Math.floor((random.int(0, 45) + random.int(0, 45)) / 2);
  const month = random.int(1, 12);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${padded(month)}-${padded(random.int(1, lastDay))}`;
}

function personName(random: DemoRandom, language: DemoNativeLanguage, gender: Gender) {
  const names = DEMO_NAMES[language];
  const firstName = random.pick(names[gender]);
  let lastName = random.pick(names.surnames)[gender];
  if (language === 'es' && random.chance(0.5)) {
    const second = random.pick(names.surnames)[gender];
    if (second !== lastName) lastName = `${lastName} ${second}`;
  }
  return { firstName, lastName };
}

/** 'Élodie' → 'elodie', "O'Brien" → 'obrien': the local part of a made-up address. */
function mailbox(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

function mobilePhone(random: DemoRandom): string {
  const prefix = random.pick(['40', '41', '44', '45', '46', '50']);
  return `+358 ${prefix} ${random.int(100, 999)} ${random.int(1000, 9999)}`;
}

class IdentityCodes {
  private readonly used = new Set<string>();

  next(random: DemoRandom, birth: string, gender: Gender): string {
    for (;;) {
      // 100–899 as in codes given at birth; odd for men and even for women, as in the register.
      const individual = random.int(50, 449) * 2 + (gender === 'male' ? 1 : 0);
      const code = demoIdentityCode(birth, individual);
      if (!this.used.has(code)) {
        this.used.add(code);
        return code;
      }
    }
  }
}

/** Phone, e-mail and home address: most clients have a phone, fewer an e-mail address. */
function contactDetails(
  random: DemoRandom,
  area: DemoOfficeArea,
  name: { firstName: string; lastName: string },
): Pick<ClientRow, 'phone' | 'email' | 'streetAddress' | 'postalCode' | 'city'> {
  const phone = random.chance(0.85) ? mobilePhone(random) : null;
  const email = random.chance(0.4)
    ? `${mailbox(name.firstName)}.${mailbox(name.lastName)}${random.int(1, 99)}@example.com`
    : null;
  const [street, postalCode, city] = random.pick(area.streets);
  if (!random.chance(0.9)) {
    return { phone, email, streetAddress: null, postalCode: null, city: null };
  }
  const apartment = `${random.pick(['A', 'B', 'C'])} ${random.int(1, 40)}`;
  return {
    phone,
    email,
    streetAddress: `${street} ${random.int(1, 60)} ${apartment}`,
    postalCode,
    city,
  };
}

function consentPlan(random: DemoRandom): ConsentPlan | null {
  if (!random.chance(0.85)) return null;
  return {
    method: random.weighted<ConsentMethod>([
      ['written', 6],
      ['electronic', 3],
      ['oral', 2],
    ]),
    minutesAfterRegistration: random.int(2, 25),
  };
}

function planClient(
  random: DemoRandom,
  area: DemoOfficeArea,
  codes: IdentityCodes,
  today: string,
  ids: { officeId: string; officialId: string },
): PlannedClient {
  const language = random.weighted(LANGUAGE_WEIGHTS);
  const gender: Gender = random.chance(0.55) ? 'female' : 'male';
  const name = personName(random, language, gender);
  const birth = birthDate(random);
  const code = random.chance(0.3) ? codes.next(random, birth, gender) : null;
  const contact = contactDetails(random, area, name);
  const registeredOn = addDays(today, -random.int(3, 120));
  const registeredAt = helsinkiInstant(
    registeredOn,
    random.int(8, 15),
    random.pick([0, 15, 30, 45]),
  );
  const letterLanguage = (DEFAULT_LETTER_LANGUAGES as readonly string[]).includes(language)
    ? language
    : 'en';
  return {
    row: {
      officeId: ids.officeId,
      ...name,
      birthDate: birth,
      personalIdentityCode: code,
      nativeLanguage: language,
      letterLanguage,
      targetLanguage: area.targetLanguage,
      ...contact,
      interpreterLanguage: random.chance(INTERPRETER_SHARE[language]) ? language : null,
      createdBy: ids.officialId,
      createdAt: registeredAt,
      updatedAt: registeredAt,
    },
    consent: consentPlan(random),
  };
}

/** The same 200 people on every run: only their registration dates follow `today`. */
export function planDemoClients(
  today: string,
  organisationIds: DemoOrganisationIds,
  users: DemoUserIds,
): PlannedClient[] {
  const random = new DemoRandom(0x6b6f746f);
  const codes = new IdentityCodes();
  return OFFICE_AREAS.flatMap((area) => {
    const ids = {
      officeId: organisationIds[area.office],
      officialId: demoUserIdOf(users, area.official),
    };
    return Array.from({ length: area.clients }, () => planClient(random, area, codes, today, ids));
  });
}

export interface DemoClientCounts {
  clients: number;
  identityCodes: number;
  consents: number;
}

export async function insertDemoClients(
  manager: EntityManager,
  planned: readonly PlannedClient[],
): Promise<DemoClientCounts> {
  const result = await manager.insert(
    Client,
    planned.map((client) => client.row),
  );
  const consents = planned.flatMap((client, index) => {
    if (!client.consent) return [];
    const givenAt = new Date(
      client.row.createdAt.getTime() + client.consent.minutesAfterRegistration * 60_000,
    );
    return [
      {
        clientId: (result.identifiers[index] as { id: string }).id,
        givenAt,
        method: client.consent.method,
        recordedBy: client.row.createdBy,
        recordedAt: givenAt,
      },
    ];
  });
  if (consents.length > 0) await manager.insert(Consent, consents);
  return {
    clients: planned.length,
    identityCodes: planned.filter((client) => client.row.personalIdentityCode).length,
    consents: consents.length,
  };
}
