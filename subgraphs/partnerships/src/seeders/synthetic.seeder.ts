import { demoId, inTransaction, RecordSource, warsawToday, type Db } from '@ngo-hub/kit';
import { addDays, syntheticDemo } from '@ngo-hub/kit/synthetic';
import { MembershipRepository } from '../modules/membership/membership.repository.js';
import { MembershipRole } from '../modules/membership/membership.type.js';
import { recordStaleMembers } from '../modules/partnership/partnership.outbox.js';
import { PartnershipRepository } from '../modules/partnership/partnership.repository.js';
import { PartnershipStatus } from '../modules/partnership/partnership.type.js';

/**
 * Inserts the synthetic demo layer's partnerships and memberships that are missing (source SYNTHETIC),
 * dated from today at their first start; existing rows (and edits to them) are kept. Member sets are
 * published for what changed only.
 */
export async function seedSyntheticPartnerships(db: Db): Promise<void> {
  const today = warsawToday();
  await inTransaction(db, async (tx) => {
    const partnerships = new PartnershipRepository(tx);
    const memberships = new MembershipRepository(tx);
    for (const p of syntheticDemo().partnerships) {
      const establishedOn = addDays(today, p.establishedIn);
      await partnerships.insert(
        {
          id: p.id,
          name: p.name,
          description: p.description,
          territoryCode: p.territoryCode,
          additionalTerritoryCodes: p.additionalTerritoryCodes,
          status: PartnershipStatus.ACTIVE,
          themes: p.themes,
          establishedOn,
          hasLegalPersonality: false,
          contactName: null,
          contactEmail: null,
          contactPhone: null,
          source: RecordSource.SYNTHETIC,
        },
        true,
      );
      for (const [n, organisationId] of p.memberIds.entries()) {
        await memberships.insert(
          {
            id: demoId('membership', `${p.id}:${organisationId}`),
            partnershipId: p.id,
            organisationId,
            role: n === 0 ? MembershipRole.LEAD_PARTNER : MembershipRole.MEMBER,
            declarationSignedOn: establishedOn,
            joinedOn: establishedOn,
            leftOn: null,
          },
          true,
        );
      }
    }
    await recordStaleMembers(tx, today);
  });
}
