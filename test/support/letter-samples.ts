import type { LetterKind } from '@kotoportti/model';
import type {
  LetterData,
  LetterFacts,
} from '../../apps/documents/src/letter-templates/letter-data';

/** Fixed data, so golden images and benchmarks render the same letter every time. */
export const SAMPLE_PRINTED_AT = new Date('2025-12-01T09:00:00Z');
export const SAMPLE_STARTS_AT = new Date('2025-12-16T08:00:00Z'); // 10.00 in Helsinki
export const SAMPLE_ENDS_AT = new Date('2025-12-16T11:00:00Z');

export const SAMPLE_OFFICE: LetterData['office'] = {
  name: 'TE-palvelut Helsinki',
  language: 'fi',
  phone: '+358 29 502 0401',
  email: 'kotoutuminen@te-palvelut.example.fi',
  streetAddress: 'Pasilanraitio 5',
  postalCode: '00240',
  city: 'Helsinki',
};

export function sampleFacts(kind: LetterKind): LetterFacts {
  switch (kind) {
    case 'test-invitation':
      return {
        kind,
        bookingId: '00000000-0000-4000-8000-000000000001',
        testKind: 'initial',
        targetLanguage: 'fi',
        startsAt: SAMPLE_STARTS_AT,
        endsAt: SAMPLE_ENDS_AT,
        testCentre: 'Testipiste Helsinki',
        location: 'Sali 3',
        address: 'Kaikukatu 4 B, 00530 Helsinki',
        interpreterLanguage: 'ar',
      };
    case 'course-place':
      return {
        kind,
        seatId: '00000000-0000-4000-8000-000000000002',
        courseName: 'Suomea työelämään A1–A2',
        provider: 'Helsingin aikuisopisto',
        targetLanguage: 'fi',
        pace: 'basic',
        startsOn: '2026-01-12',
        endsOn: '2026-06-05',
        schedule: 'ma–to 9.00–13.00',
        location: 'Luokka 204',
        address: 'Töölönkatu 2, 00100 Helsinki',
        childcare: true,
        evening: false,
        interpreterLanguage: 'ar',
      };
    case 'waiting-list':
      return {
        kind,
        entryId: '00000000-0000-4000-8000-000000000003',
        targetLanguage: 'fi',
        pace: 'slow',
        startLevel: 'below-A1.1',
        waitingSince: '2025-11-20',
        interpreterLanguage: null,
      };
  }
}

export function sampleLetter(
  kind: LetterKind,
  language: string,
  overrides: Partial<LetterData> = {},
): LetterData {
  return {
    letterId: '5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    language,
    printedAt: SAMPLE_PRINTED_AT,
    office: SAMPLE_OFFICE,
    client: {
      id: '00000000-0000-4000-8000-0000000000aa',
      firstName: 'Amina',
      lastName: 'Hassan',
      streetAddress: 'Kauppakatu 5 A 12',
      postalCode: '00100',
      city: 'Helsinki',
    },
    facts: sampleFacts(kind),
    ...overrides,
  };
}
