import { canonicalIdentityCode, Client } from '@kotoportti/model';
import type { DataSource } from 'typeorm';
import { parseIdentityCode } from './identity-code';

/** LIKE's own characters typed in a search stand for themselves. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

const LAST_NAME = `lower(client.lastName) COLLATE "C"`;
const FIRST_NAME = `lower(client.firstName) COLLATE "C"`;

/**
 * Finds an office's clients by a whole identity code or by name, the best matches first:
 * clients whose last name begins with the text, then (from three letters) those with the
 * text anywhere in the name. Each part is its own query so that each reads its own index:
 * the last-name range in order from clients_office_last_name_prefix_idx, stopping at the
 * page's end, and the rest through the trigram index. One query ordering by "begins with"
 * would fetch and sort every match of a common name (4,000 for Hassan among 100,000).
 */
export async function searchClients(
  db: DataSource,
  scope: string | null,
  q: string | undefined,
  limit: number,
): Promise<Client[]> {
  const base = () => {
    const builder = db.getRepository(Client).createQueryBuilder('client');
    if (scope) builder.andWhere('client.officeId = :scope', { scope });
    return builder;
  };
  if (!q)
    return base().orderBy('client.lastName').addOrderBy('client.firstName').limit(limit).getMany();
  if (parseIdentityCode(q.toUpperCase()) !== 'format') {
    // Through the unique index, and so with either spelling of the century sign.
    const code = canonicalIdentityCode(':code');
    return base()
      .andWhere(`${canonicalIdentityCode('client.personalIdentityCode')} = ${code}`, {
        code: q.toUpperCase(),
      })
      .getMany();
  }
  const text = escapeLike(q.toLowerCase());
  const beginning = await base()
    .andWhere(`${LAST_NAME} LIKE :prefix`, { prefix: `${text}%` })
    .orderBy(LAST_NAME)
    .addOrderBy(FIRST_NAME)
    .limit(limit)
    .getMany();
  // Trigrams need three letters; one or two anywhere would match nearly everyone.
  if (beginning.length === limit || q.length < 3) return beginning;
  // Where the text stands in the name orders these: no index gives that order, so the planner
  // reads the trigram index instead of walking a name index past thousands of non-matches.
  const inside = await base()
    .andWhere(`lower(client.firstName || ' ' || client.lastName) LIKE :pattern`, {
      pattern: `%${text}%`,
    })
    .andWhere(`${LAST_NAME} NOT LIKE :prefix`, { prefix: `${text}%` })
    .orderBy(`strpos(lower(client.firstName || ' ' || client.lastName), :text)`)
    .setParameter('text', q.toLowerCase())
    .addOrderBy(LAST_NAME)
    .addOrderBy(FIRST_NAME)
    .limit(limit - beginning.length)
    .getMany();
  return [...beginning, ...inside];
}
