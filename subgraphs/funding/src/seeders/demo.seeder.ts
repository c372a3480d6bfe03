import { demoId, demoOrganisationId, inTransaction, RecordSource, type Db } from '@ngo-hub/kit';
import { FunderRepository } from '../modules/funder/funder.repository.js';
import { grantYear, recordParticipants } from '../modules/grant/grant.outbox.js';
import { GrantRepository, type GrantInsert } from '../modules/grant/grant.repository.js';

/*
 * Demo data from the seed documents (shared/seeds 002, 003, 004). No amount, budget or call date is
 * given there, so none is stored: those fields stay null.
 */

const funderId = (key: string) => demoId('funder', key);
const programmeId = (key: string) => demoId('programme', key);

const FUNDERS = [
  {
    key: 'mechanizm-finansowy-eog',
    name: 'Mechanizm Finansowy Europejskiego Obszaru Gospodarczego',
    kind: 'FOREIGN_MECHANISM',
    organisationId: null,
    country: null,
    description:
      'Mechanizm finansowy, z którego środków — razem z Norweskim Mechanizmem Finansowym — finansowany był Fundusz dla Organizacji Pozarządowych.',
  },
  {
    key: 'norweski-mechanizm-finansowy',
    name: 'Norweski Mechanizm Finansowy',
    kind: 'FOREIGN_MECHANISM',
    organisationId: null,
    country: 'NO',
    description:
      'Mechanizm finansowy, z którego środków — razem z Mechanizmem Finansowym EOG — finansowany był Fundusz dla Organizacji Pozarządowych.',
  },
  {
    key: 'wojewodztwo-mazowieckie',
    name: 'Województwo Mazowieckie',
    kind: 'PUBLIC_BUDGET',
    organisationId: demoOrganisationId('wojewodztwo-mazowieckie'),
    country: 'PL',
    description:
      'Budżet Województwa Mazowieckiego: samorząd województwa zleca organizacjom pozarządowym realizację zadań publicznych z dotacją z budżetu województwa.',
  },
  {
    key: 'fundacja-ogarnij-emocje',
    name: 'Fundacja Ogarnij Emocje',
    kind: 'FOUNDATION',
    organisationId: demoOrganisationId('fundacja-ogarnij-emocje'),
    country: 'PL',
    description:
      'Fundacja współfinansująca ze środków własnych zadanie publiczne „Centrum wsparcia aktywności społecznej”.',
  },
  {
    key: 'miasto-bialystok',
    name: 'Miasto Białystok',
    kind: 'PUBLIC_BUDGET',
    organisationId: demoOrganisationId('urzad-miejski-bialystok'),
    country: 'PL',
    description:
      'Budżet miasta Białegostoku: Urząd Miejski w Białymstoku ogłasza konkursy ofert na realizację zadań publicznych gminy.',
  },
];

// Parents before children.
const PROGRAMMES = [
  {
    key: 'mf-eog-i-nmf',
    name: 'Mechanizm Finansowy EOG i Norweski Mechanizm Finansowy',
    funder: 'mechanizm-finansowy-eog',
    parent: null,
    description: 'Mechanizm Finansowy Europejskiego Obszaru Gospodarczego i Norweski Mechanizm Finansowy.',
  },
  {
    key: 'fundusz-dla-organizacji-pozarzadowych',
    name: 'Fundusz dla Organizacji Pozarządowych',
    funder: 'mechanizm-finansowy-eog',
    parent: 'mf-eog-i-nmf',
    description:
      'Fundusz dla organizacji pozarządowych finansowany ze środków Mechanizmu Finansowego EOG i Norweskiego Mechanizmu Finansowego (współfinansowany przez oba mechanizmy).',
  },
];

const GRANTS: (Omit<GrantInsert, 'id'> & { key: string })[] = [
  {
    key: 'razem-dla-regionu',
    title: 'Razem dla Regionu',
    description:
      'Głównym celem projektu jest poprawa sprawności organizacji pozarządowych w zakresie współpracy z samorządem lokalnym na Podlasiu. ' +
      'Działania: cykl szkoleniowo-coachingowy w Warszawie dla działaczy organizacji pozarządowych z Podlasia (Collegium Civitas), ' +
      'dwudniowe (16-godzinne) warsztaty w Białymstoku, doradztwo i coaching w budowaniu partnerstw lokalnych oraz konferencja podsumowująca w Białymstoku w maju 2009 r.',
    agreementNumber: null,
    agreementSignedOn: null,
    formOfSupport: 'GRANT',
    recipientId: demoOrganisationId('klub-mysli-spolecznej-inicjatywy'),
    partnershipId: null,
    funderId: funderId('mechanizm-finansowy-eog'),
    programmeId: programmeId('fundusz-dla-organizacji-pozarzadowych'),
    callId: null,
    currency: null,
    amountAwarded: null,
    ownContribution: null,
    startsOn: null,
    endsOn: null,
    partnerIds: [demoOrganisationId('collegium-civitas'), demoOrganisationId('technologie-netzwerk-berlin')],
    fundingSources: [
      { funderId: funderId('mechanizm-finansowy-eog'), amount: null },
      { funderId: funderId('norweski-mechanizm-finansowy'), amount: null },
    ],
    beneficiaryTerritories: ['20'],
  },
  {
    key: 'centrum-wsparcia-aktywnosci-spolecznej',
    title: 'Centrum wsparcia aktywności społecznej',
    description:
      'Zadanie jednoroczne. W ramach zadania prowadzony był punkt „Centrum wsparcia aktywności społecznej”, w którym odbywały się spotkania ' +
      'wzmacniające potencjał organizacji pozarządowych i zaangażowanie mieszkańców Mazowsza, ze wskazaniem na obszar Równiny Wołomińskiej ' +
      'i powiatów legionowskiego, węgrowskiego, wołomińskiego i wyszkowskiego.',
    agreementNumber: 'W/UMWM-UU.UM/OR/4151/2021',
    agreementSignedOn: '2021-07-20',
    formOfSupport: 'PUBLIC_TASK_SUPPORT',
    recipientId: demoOrganisationId('fundacja-ogarnij-emocje'),
    partnershipId: null,
    funderId: funderId('wojewodztwo-mazowieckie'),
    programmeId: null,
    callId: null,
    currency: null,
    amountAwarded: null,
    ownContribution: null,
    startsOn: '2021-06-07',
    endsOn: '2021-12-31',
    partnerIds: [],
    fundingSources: [
      { funderId: funderId('wojewodztwo-mazowieckie'), amount: null },
      { funderId: funderId('fundacja-ogarnij-emocje'), amount: null },
    ],
    // Równina Wołomińska lies within these powiats.
    beneficiaryTerritories: ['1408', '1433', '1434', '1435'],
  },
];

/** Inserts the demo funders, programmes and grants that are missing (publishing the grants' participants); existing rows (and edits) are kept. */
export async function seedDemoFunding(db: Db): Promise<void> {
  await inTransaction(db, async (tx) => {
    const funders = new FunderRepository(tx);
    for (const f of FUNDERS) {
      await funders.insertFunderIfMissing({
        id: funderId(f.key),
        name: f.name,
        kind: f.kind,
        organisationId: f.organisationId,
        country: f.country,
        description: f.description,
      });
    }
    for (const p of PROGRAMMES) {
      await funders.insertProgrammeIfMissing({
        id: programmeId(p.key),
        name: p.name,
        funderId: funderId(p.funder),
        parentId: p.parent ? programmeId(p.parent) : null,
        description: p.description,
      });
    }
    const grants = new GrantRepository(tx);
    const existing = new Set((await grants.byIds(GRANTS.map((g) => demoId('grant', g.key)))).map((g) => g.id));
    for (const { key, ...grant } of GRANTS) {
      const id = demoId('grant', key);
      if (existing.has(id)) continue;
      await grants.insert({ ...grant, id, source: RecordSource.SEED_DOCUMENT });
      await recordParticipants(
        tx,
        id,
        grant.recipientId,
        grant.partnerIds,
        grantYear(grant.startsOn, grant.agreementSignedOn),
      );
    }
  });
}
