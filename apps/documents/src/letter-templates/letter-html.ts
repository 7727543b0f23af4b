import type { LetterData } from './letter-data';
import type { LetterTemplates } from './letter-templates';

/**
 * The link each letter of a batch carries at its top. Chromium keeps links in the PDF, so the
 * batch printer can find on which page each letter begins without parsing text.
 */
export const LETTER_MARKER_PREFIX = 'https://letters.kotoportti.invalid/';

export function letterMarker(index: number): string {
  return `${LETTER_MARKER_PREFIX}${index}`;
}

/** The part of the letter id printed as its reference: short enough to read out on the phone. */
export function letterReference(letterId: string): string {
  return letterId.replace(/-/g, '').slice(0, 10).toUpperCase();
}

function joinAddress(street: string | null, postalCode: string | null, city: string | null) {
  const town = [postalCode, city].filter((part) => part && part.trim()).join(' ');
  return [street?.trim() ?? '', town].filter(Boolean).join(', ');
}

export interface DocumentOptions {
  /** Put a page marker at the top of each letter (batches, which are split per letter). */
  markers: boolean;
}

/** Letter data → HTML: each letter a section; one document holds one letter or a whole batch. */
export class LetterHtml {
  constructor(private readonly templates: LetterTemplates) {}

  document(letters: readonly LetterData[], options: DocumentOptions): string {
    if (letters.length === 0) throw new Error('A letter document needs at least one letter');
    const first = letters[0];
    const title =
      letters.length === 1
        ? `${first.facts.kind} ${first.client.lastName}`
        : `${letters.length} letters`;
    return this.templates.layout({
      lang: first.office.language,
      title,
      css: this.templates.css,
      letters: letters.map((letter, index) =>
        this.letter(letter, options.markers ? letterMarker(index) : null),
      ),
    });
  }

  letter(data: LetterData, marker: string | null): string {
    const officeBlock = this.templates.block(data.office.language);
    const blocks =
      data.language === data.office.language
        ? [officeBlock]
        : [officeBlock, this.templates.block(data.language)];
    const { office, client, facts } = data;
    return this.templates.template(facts.kind)({
      kind: facts.kind,
      blocks,
      officeBlock,
      bilingual: blocks.length > 1,
      layoutClass: blocks.length > 1 ? '' : 'single',
      office,
      officeTown: joinAddress(null, office.postalCode, office.city),
      officeAddress: joinAddress(office.streetAddress, office.postalCode, office.city),
      client,
      clientName: `${client.firstName} ${client.lastName}`,
      clientTown: joinAddress(null, client.postalCode, client.city),
      facts,
      durationMinutes:
        facts.kind === 'test-invitation'
          ? Math.round((facts.endsAt.getTime() - facts.startsAt.getTime()) / 60_000)
          : 0,
      reference: letterReference(data.letterId),
      printedAt: data.printedAt,
      marker,
    });
  }
}
