import { inTransaction, RecordSource, type Db } from '@ngo-hub/kit';
import { syntheticDemo } from '@ngo-hub/kit/synthetic';
import { OrganisationRepository } from '../modules/organisation/organisation.repository.js';

/**
 * Inserts the synthetic demo layer's organisations that are missing (source SYNTHETIC); existing rows
 * (and edits to them) are kept. Their seats are published by the caller (`recordMissingSeats`).
 */
export async function seedSyntheticOrganisations(db: Db): Promise<void> {
  await inTransaction(db, async (tx) => {
    const repo = new OrganisationRepository(tx);
    for (const o of syntheticDemo().organisations) {
      await repo.insert(
        o.id,
        {
          name: o.name,
          shortName: o.shortName,
          sector: 'NGO',
          legalForm: o.legalForm,
          publicBenefit: false,
          description: o.description,
          areasOfActivity: o.areasOfActivity,
          streetAddress: o.streetAddress,
          postalCode: null,
          locality: o.locality,
          territoryCode: o.territoryCode,
          website: null,
          email: null,
          phone: null,
          foundedOn: null,
          contactName: null,
          contactEmail: null,
          contactPhone: null,
        },
        true,
        RecordSource.SYNTHETIC,
      );
    }
  });
}
