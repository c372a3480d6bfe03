import { demoId, inTransaction, RecordSource, warsawToday, type Db } from '@ngo-hub/kit';
import { addDays, syntheticDemo } from '@ngo-hub/kit/synthetic';
import { CallRepository } from '../modules/call/call.repository.js';
import { grantYear, recordParticipants } from '../modules/grant/grant.outbox.js';
import { GrantRepository } from '../modules/grant/grant.repository.js';

/**
 * Inserts the synthetic demo layer's competitions and grants that are missing (source SYNTHETIC),
 * publishing the grants' participants, then moves every synthetic call and grant to its dates
 * relative to today, so open competitions never run out. Their funders are the seed facts' (seeded
 * first). Other edits to existing rows are kept.
 */
export async function seedSyntheticFunding(db: Db): Promise<void> {
  const today = warsawToday();
  const { calls, grants } = syntheticDemo();
  await inTransaction(db, async (tx) => {
    const callRepo = new CallRepository(tx);
    const storedCalls = new Set((await callRepo.byIds(calls.map((c) => c.id))).map((c) => c.id));
    for (const c of calls) {
      if (storedCalls.has(c.id)) continue;
      await callRepo.insert({
        id: c.id,
        title: c.title,
        description: c.description,
        programmeId: null,
        funderId: demoId('funder', c.funder),
        opensOn: addDays(today, c.opensIn),
        closesOn: addDays(today, c.closesIn),
        budgetAmount: c.budgetAmount,
        budgetCurrency: 'PLN',
        url: null,
        territoryCode: c.territoryCode,
        eligibleTerritories: [c.territoryCode],
        source: RecordSource.SYNTHETIC,
      });
    }
    await callRepo.moveSynthetic(
      calls.map((c) => ({ id: c.id, opensOn: addDays(today, c.opensIn), closesOn: addDays(today, c.closesIn) })),
    );

    const grantRepo = new GrantRepository(tx);
    const storedGrants = new Set((await grantRepo.byIds(grants.map((g) => g.id))).map((g) => g.id));
    for (const g of grants) {
      if (storedGrants.has(g.id)) continue;
      const funderId = demoId('funder', g.funder);
      await grantRepo.insert({
        id: g.id,
        title: g.title,
        description: g.description,
        agreementNumber: g.agreementNumber,
        agreementSignedOn: addDays(today, g.signedIn),
        formOfSupport: 'PUBLIC_TASK_SUPPORT',
        recipientId: g.recipientId,
        partnershipId: null,
        funderId,
        programmeId: null,
        callId: g.callId,
        currency: 'PLN',
        amountAwarded: g.amountAwarded,
        ownContribution: null,
        startsOn: addDays(today, g.startsIn),
        endsOn: addDays(today, g.endsIn),
        partnerIds: g.partnerIds,
        fundingSources: [{ funderId, amount: g.amountAwarded }],
        beneficiaryTerritories: g.beneficiaryTerritories,
        source: RecordSource.SYNTHETIC,
      });
    }
    await grantRepo.moveSynthetic(
      grants.map((g) => ({
        id: g.id,
        agreementSignedOn: addDays(today, g.signedIn),
        startsOn: addDays(today, g.startsIn),
        endsOn: addDays(today, g.endsIn),
      })),
    );
    // Dates follow today, and so does each grant's year in the cooperation analytics.
    for (const g of grants)
      await recordParticipants(
        tx,
        g.id,
        g.recipientId,
        g.partnerIds,
        grantYear(addDays(today, g.startsIn), addDays(today, g.signedIn)),
      );
  });
}
