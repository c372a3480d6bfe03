import { demoOrganisationId, inTransaction, RecordSource, type Db, type DemoOrganisation } from '@ngo-hub/kit';
import { OrganisationRepository, type OrganisationFields } from '../modules/organisation/organisation.repository.js';

type Seed = Partial<OrganisationFields> & { key: DemoOrganisation; name: string; sector: string; legalForm: string };

const office = (key: DemoOrganisation, name: string, territoryCode: string): Seed => ({
  key,
  name,
  sector: 'PUBLIC',
  legalForm: 'JEDNOSTKA_SAMORZADU_TERYTORIALNEGO',
  territoryCode,
  description: 'Urząd jednostki samorządu terytorialnego; partner publiczny partnerstwa lokalnego.',
});

/**
 * The organisations named in the seed documents (shared/seeds). Facts the documents do not give
 * (KRS/NIP/REGON numbers, most seats) stay empty: no identifier of a real organisation is invented.
 */
const ORGANISATIONS: Seed[] = [
  {
    key: 'boris',
    name: 'Stowarzyszenie BORIS',
    shortName: 'BORIS',
    sector: 'NGO',
    legalForm: 'STOWARZYSZENIE',
    description:
      'Centrum wsparcia organizacji pozarządowych: konsultacje, szkolenia, działalność informacyjna i programy na poziomie lokalnym, regionalnym, krajowym i międzynarodowym. Promuje i wdraża ideę Partnerstw Lokalnych.',
    areasOfActivity: ['wspieranie organizacji pozarządowych', 'rozwój społeczności lokalnych', 'partnerstwa lokalne'],
  },
  {
    key: 'klub-mysli-spolecznej-inicjatywy',
    name: 'Klub Myśli Społecznej Inicjatywy',
    sector: 'NGO',
    legalForm: 'STOWARZYSZENIE',
    description:
      'Realizator projektu „Razem dla Regionu” na rzecz współpracy organizacji pozarządowych z samorządem lokalnym na Podlasiu.',
    areasOfActivity: ['współpraca z samorządem', 'rozwój społeczeństwa obywatelskiego'],
  },
  {
    key: 'collegium-civitas',
    name: 'Collegium Civitas',
    sector: 'NGO',
    legalForm: 'UNIVERSITY',
    description:
      'Uczelnia, partner projektu „Razem dla Regionu”; prowadzi studia podyplomowe Zarządzanie organizacją pozarządową.',
    areasOfActivity: ['edukacja', 'szkolenia dla organizacji pozarządowych'],
  },
  {
    key: 'technologie-netzwerk-berlin',
    name: 'Technologie-Netzwerk Berlin e. V.',
    sector: 'NGO',
    legalForm: 'FOREIGN_ORGANISATION',
    description:
      'Niemiecka organizacja, partner projektu „Razem dla Regionu”; prowadziła warsztat animacji środowiska lokalnego.',
    locality: 'Berlin',
    areasOfActivity: ['animacja środowiska lokalnego'],
  },
  {
    key: 'fundacja-ogarnij-emocje',
    name: 'Fundacja Ogarnij Emocje',
    sector: 'NGO',
    legalForm: 'FUNDACJA',
    description: 'Współfinansuje i realizuje zadanie publiczne „Centrum wsparcia aktywności społecznej” na Mazowszu.',
    areasOfActivity: ['wspieranie organizacji pozarządowych', 'społeczeństwo obywatelskie'],
  },
  {
    key: 'wojewodztwo-mazowieckie',
    name: 'Województwo Mazowieckie',
    shortName: 'Samorząd Województwa Mazowieckiego',
    sector: 'PUBLIC',
    legalForm: 'JEDNOSTKA_SAMORZADU_TERYTORIALNEGO',
    territoryCode: '14',
    description:
      'Samorząd województwa; zleca organizacjom realizację zadań publicznych z dotacją z budżetu województwa.',
  },
  {
    key: 'centrum-wspolpracy-op-bialystok',
    name: 'Centrum Współpracy Organizacji Pozarządowych',
    sector: 'PUBLIC',
    legalForm: 'PUBLIC_INSTITUTION',
    description: 'Punkt kontaktowy Zespołu Konsultacyjnego Organizacji Pozarządowych w Białymstoku.',
    streetAddress: 'ul. Świętojańska 22 lok. 1',
    postalCode: '15-082',
    locality: 'Białystok',
    territoryCode: '2061011',
    phone: '85 732 82 20',
    email: 'centrum@um.bialystok.pl',
  },
  {
    key: 'urzad-miejski-bialystok',
    name: 'Urząd Miejski w Białymstoku',
    sector: 'PUBLIC',
    legalForm: 'JEDNOSTKA_SAMORZADU_TERYTORIALNEGO',
    territoryCode: '2061011',
    locality: 'Białystok',
    description:
      'Ogłasza konkursy ofert na realizację zadań publicznych miasta; współpracuje z Zespołem Konsultacyjnym.',
  },
  {
    key: 'zespol-konsultacyjny-op-bialystok',
    name: 'Zespół Konsultacyjny Organizacji Pozarządowych',
    sector: 'NGO',
    legalForm: 'INFORMAL_GROUP',
    territoryCode: '2061011',
    locality: 'Białystok',
    description:
      'Reprezentacja organizacji pozarządowych i inicjatyw społecznych działających na terenie miasta Białegostoku. Misja: budowanie dialogu, partnerstwa i współpracy między organizacjami, inicjatywami społecznymi i władzami lokalnymi.',
    areasOfActivity: [
      'rzecznictwo interesów organizacji pozarządowych',
      'integracja sektora pozarządowego',
      'standardy działania organizacji',
    ],
  },
  office('urzad-dzielnicy-mokotow', 'Urząd Dzielnicy Mokotów m.st. Warszawy', '1465058'),
  office('urzad-dzielnicy-srodmiescie', 'Urząd Dzielnicy Śródmieście m.st. Warszawy', '1465108'),
  office('urzad-dzielnicy-ochota', 'Urząd Dzielnicy Ochota m.st. Warszawy', '1465068'),
  office('urzad-miasta-zyrardowa', 'Urząd Miasta Żyrardowa', '1438011'),
  office('urzad-miejski-sochaczew', 'Urząd Miejski w Sochaczewie', '1428011'),
  office('urzad-miejski-rozan', 'Urząd Miejski w Różanie', '1411073'),
  office('urzad-miasta-pionki', 'Urząd Miasta Pionki', '1425011'),
  office('urzad-gminy-slupno', 'Urząd Gminy Słupno', '1419122'),
  office('urzad-gminy-liw', 'Urząd Gminy Liw', '1433042'),
  office('urzad-miejski-myszyniec', 'Urząd Miejski w Myszyńcu', '1415083'),
  office('urzad-gminy-baranowo', 'Urząd Gminy Baranowo', '1415012'),
  office('urzad-gminy-krasnosielc', 'Urząd Gminy Krasnosielc', '1411042'),
  office('urzad-miasta-i-gminy-piaseczno', 'Urząd Miasta i Gminy Piaseczno', '1418043'),
];

/** Inserts the demo organisations that are missing; existing rows (and edits to them) are kept. */
export async function seedDemoOrganisations(db: Db): Promise<void> {
  await inTransaction(db, async (tx) => {
    const repo = new OrganisationRepository(tx);
    for (const { key, ...fields } of ORGANISATIONS) {
      await repo.insert(
        demoOrganisationId(key),
        {
          shortName: null,
          description: null,
          streetAddress: null,
          postalCode: null,
          locality: null,
          territoryCode: null,
          website: null,
          email: null,
          phone: null,
          foundedOn: null,
          contactName: null,
          contactEmail: null,
          contactPhone: null,
          publicBenefit: false,
          areasOfActivity: [],
          ...fields,
        },
        true,
        RecordSource.SEED_DOCUMENT,
      );
    }
  });
}
