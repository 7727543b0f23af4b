import { Organisation, type OfficeLanguage, type OrganisationKind } from '@kotoportti/model';
import type { EntityManager } from 'typeorm';

export type DemoRegionKey = 'uusimaa' | 'pirkanmaa';
export type DemoOfficeKey = 'helsinki' | 'tampere' | 'raseborg';
export type DemoTestCentreKey = 'pasila' | 'hervanta';
export type DemoProviderKey = 'kielipolku' | 'pirkanmaa-opisto' | 'kustens';
export type DemoOrganisationKey =
  DemoRegionKey | DemoOfficeKey | DemoTestCentreKey | DemoProviderKey;

export interface DemoOrganisation {
  key: DemoOrganisationKey;
  kind: OrganisationKind;
  name: string;
  language: OfficeLanguage;
  region: DemoRegionKey | null;
  streetAddress: string;
  postalCode: string;
  city: string;
  phone: string;
  /** Under the reserved .example domain, so no demo letter can point at a real mailbox. */
  email: string;
}

export const DEMO_REGIONS: readonly DemoOrganisation[] = [
  {
    key: 'uusimaa',
    kind: 'region',
    name: 'Uudenmaan ELY-keskus',
    language: 'fi',
    region: null,
    streetAddress: 'Ratapihantie 21',
    postalCode: '00520',
    city: 'Helsinki',
    phone: '+358 29 502 1000',
    email: 'kirjaamo.uusimaa@ely-keskus.example',
  },
  {
    key: 'pirkanmaa',
    kind: 'region',
    name: 'Pirkanmaan ELY-keskus',
    language: 'fi',
    region: null,
    streetAddress: 'Yliopistonkatu 38',
    postalCode: '33100',
    city: 'Tampere',
    phone: '+358 29 502 2000',
    email: 'kirjaamo.pirkanmaa@ely-keskus.example',
  },
];

export const DEMO_OFFICES: readonly DemoOrganisation[] = [
  {
    key: 'helsinki',
    kind: 'employment-office',
    name: 'Helsingin työllisyyspalvelut',
    language: 'fi',
    region: 'uusimaa',
    streetAddress: 'Sörnäisten rantatie 13',
    postalCode: '00530',
    city: 'Helsinki',
    phone: '+358 9 310 36100',
    email: 'tyollisyyspalvelut@helsinki.example',
  },
  {
    key: 'tampere',
    kind: 'employment-office',
    name: 'Tampereen seudun työllisyysalue',
    language: 'fi',
    region: 'pirkanmaa',
    streetAddress: 'Rautatienkatu 16',
    postalCode: '33100',
    city: 'Tampere',
    phone: '+358 3 565 61200',
    email: 'tyollisyysalue@tampere.example',
  },
  {
    key: 'raseborg',
    kind: 'employment-office',
    name: 'Raseborgs sysselsättningstjänster',
    language: 'sv',
    region: 'uusimaa',
    streetAddress: 'Raseborgsvägen 9',
    postalCode: '10600',
    city: 'Ekenäs',
    phone: '+358 19 289 2300',
    email: 'sysselsattning@raseborg.example',
  },
];

export const DEMO_TEST_CENTRES: readonly DemoOrganisation[] = [
  {
    key: 'pasila',
    kind: 'test-centre',
    name: 'Testipiste Pasila',
    language: 'fi',
    region: 'uusimaa',
    streetAddress: 'Ratamestarinkatu 7',
    postalCode: '00520',
    city: 'Helsinki',
    phone: '+358 9 310 36400',
    email: 'testipiste.pasila@helsinki.example',
  },
  {
    key: 'hervanta',
    kind: 'test-centre',
    name: 'Testipiste Hervanta',
    language: 'fi',
    region: 'pirkanmaa',
    streetAddress: 'Insinöörinkatu 23',
    postalCode: '33720',
    city: 'Tampere',
    phone: '+358 3 565 61400',
    email: 'testipiste.hervanta@tampere.example',
  },
];

export const DEMO_PROVIDERS: readonly DemoOrganisation[] = [
  {
    key: 'kielipolku',
    kind: 'course-provider',
    name: 'Kielipolku Oy',
    language: 'fi',
    region: 'uusimaa',
    streetAddress: 'Hämeentie 135',
    postalCode: '00560',
    city: 'Helsinki',
    phone: '+358 9 612 4500',
    email: 'koulutus@kielipolku.example',
  },
  {
    key: 'pirkanmaa-opisto',
    kind: 'course-provider',
    name: 'Pirkanmaan kotoutumisopisto',
    language: 'fi',
    region: 'pirkanmaa',
    streetAddress: 'Satakunnankatu 18',
    postalCode: '33210',
    city: 'Tampere',
    phone: '+358 3 214 7700',
    email: 'toimisto@kotoutumisopisto.example',
  },
  {
    key: 'kustens',
    kind: 'course-provider',
    name: 'Kustens språkinstitut Ab',
    language: 'sv',
    region: 'uusimaa',
    streetAddress: 'Stationsvägen 4',
    postalCode: '10600',
    city: 'Ekenäs',
    phone: '+358 19 241 5600',
    email: 'kurser@kustens.example',
  },
];

/** The demo's fingerprint: when these regions exist, the demo has been loaded. */
export const DEMO_REGION_NAMES = DEMO_REGIONS.map((region) => region.name);

export function demoOrganisation(key: DemoOrganisationKey): DemoOrganisation {
  const all = [...DEMO_REGIONS, ...DEMO_OFFICES, ...DEMO_TEST_CENTRES, ...DEMO_PROVIDERS];
  const found = all.find((organisation) => organisation.key === key);
  if (!found) throw new Error(`no demo organisation ${key}`);
  return found;
}

export type DemoOrganisationIds = Record<DemoOrganisationKey, string>;

export function postalAddress(organisation: DemoOrganisation): string {
  return `${organisation.streetAddress}, ${organisation.postalCode} ${organisation.city}`;
}

async function insertAll(
  manager: EntityManager,
  organisations: readonly DemoOrganisation[],
  ids: Partial<DemoOrganisationIds>,
): Promise<void> {
  const result = await manager.insert(
    Organisation,
    organisations.map(({ key: _key, region, ...fields }) => ({
      ...fields,
      regionId: region ? ids[region] : null,
    })),
  );
  organisations.forEach((organisation, index) => {
    ids[organisation.key] = (result.identifiers[index] as { id: string }).id;
  });
}

/** Regions first: the offices, centres and providers point at them. */
export async function insertDemoOrganisations(
  manager: EntityManager,
): Promise<DemoOrganisationIds> {
  const ids: Partial<DemoOrganisationIds> = {};
  await insertAll(manager, DEMO_REGIONS, ids);
  await insertAll(manager, [...DEMO_OFFICES, ...DEMO_TEST_CENTRES, ...DEMO_PROVIDERS], ids);
  return ids as DemoOrganisationIds;
}
