import {
  demoId,
  demoOrganisationId,
  inTransaction,
  RecordSource,
  warsawToday,
  type Db,
  type DemoOrganisation,
} from '@ngo-hub/kit';
import { MembershipRepository } from '../modules/membership/membership.repository.js';
import { MembershipRole } from '../modules/membership/membership.type.js';
import { recordStaleMembers } from '../modules/partnership/partnership.outbox.js';
import { PartnershipRepository } from '../modules/partnership/partnership.repository.js';
import { PartnershipStatus } from '../modules/partnership/partnership.type.js';

interface Seed {
  key: string;
  name: string;
  territoryCode: string;
  description: string;
  themes: string[];
  members: { organisation: DemoOrganisation; role: MembershipRole }[];
}

/** The seed (001) names these four areas for the partnerships BORIS supports, not per partnership. */
const BORIS_THEMES = ['ekologia', 'kultura', 'animacja społeczności lokalnej', 'pomoc społeczna'];

const LOCAL_DESCRIPTION =
  'Partnerstwo Lokalne wspierane przez Stowarzyszenie BORIS: dobrowolne i otwarte porozumienie instytucji publicznych, ' +
  'organizacji pozarządowych, przedsiębiorców i innych partnerów na rzecz rozwoju wspólnoty lokalnej. Działa według ' +
  'wspólnie przyjętego regulaminu; kto chce przystąpić, składa pisemną deklarację uczestnictwa Zespołowi Koordynacyjnemu. ' +
  'Nie ma osobowości prawnej, więc finansową obsługę projektów prowadzi partner wiodący – urząd gminy lub powiatu albo ' +
  'organizacja pozarządowa; w danych hubu jest nim urząd.';

/**
 * The seed says a lead partner is a gmina office or an NGO without naming it per partnership; the local
 * office is modelled as the lead partner. BORIS supports every one of them, so it is a member of each.
 * Dates the documents do not give (establishment, declarations, joining) stay null.
 */
const local = (
  key: string,
  name: string,
  territoryCode: string,
  office: DemoOrganisation,
  description = LOCAL_DESCRIPTION,
): Seed => ({
  key,
  name,
  territoryCode,
  description,
  themes: BORIS_THEMES,
  members: [
    { organisation: office, role: MembershipRole.LEAD_PARTNER },
    { organisation: 'boris', role: MembershipRole.MEMBER },
  ],
});

const PARTNERSHIPS: Seed[] = [
  local('mokotow', 'Partnerstwo Lokalne Mokotów', '1465058', 'urzad-dzielnicy-mokotow'),
  local('powisle', 'Partnerstwo Lokalne Powiśle', '1465108', 'urzad-dzielnicy-srodmiescie'),
  local('ochota', 'Partnerstwo Lokalne Ochota', '1465068', 'urzad-dzielnicy-ochota'),
  local('zyrardow', 'Partnerstwo Lokalne Żyrardów', '1438011', 'urzad-miasta-zyrardowa'),
  local('sochaczew', 'Partnerstwo Lokalne Sochaczew', '1428011', 'urzad-miejski-sochaczew'),
  local('rozan', 'Partnerstwo Lokalne Różan', '1411073', 'urzad-miejski-rozan'),
  local('pionki', 'Partnerstwo Lokalne Pionki', '1425011', 'urzad-miasta-pionki'),
  local('slupno', 'Partnerstwo Lokalne Słupno', '1419122', 'urzad-gminy-slupno'),
  local('liw', 'Partnerstwo Lokalne Liw', '1433042', 'urzad-gminy-liw'),
  local('myszyniec', 'Partnerstwo Lokalne Myszyniec', '1415083', 'urzad-miejski-myszyniec'),
  local('baranowo', 'Partnerstwo Lokalne Baranowo', '1415012', 'urzad-gminy-baranowo'),
  local('krasnosielc', 'Partnerstwo Lokalne Krasnosielc', '1411042', 'urzad-gminy-krasnosielc'),
  local(
    'dolina-jeziorki',
    'Partnerstwo Doliny Jeziorki',
    '1418043',
    'urzad-miasta-i-gminy-piaseczno',
    `${LOCAL_DESCRIPTION} Działa na obszarze sołectw w gminie Piaseczno.`,
  ),
  {
    key: 'zespol-konsultacyjny-bialystok',
    name: 'Zespół Konsultacyjny Organizacji Pozarządowych w Białymstoku',
    territoryCode: '2061011',
    description:
      'Reprezentacja organizacji pozarządowych i inicjatyw społecznych działających na terenie miasta Białegostoku. ' +
      'Misja: budowanie dialogu, partnerstwa i współpracy pomiędzy organizacjami pozarządowymi, inicjatywami społecznymi, ' +
      'władzami lokalnymi i innymi podmiotami działającymi na rzecz mieszkańców miasta. Misję i cele na kadencję członkowie ' +
      'Zespołu opracowali podczas wyjazdowego spotkania w Goniądzu w dniach 12–13 stycznia 2008 r. Punkt kontaktowy: ' +
      'Centrum Współpracy Organizacji Pozarządowych.',
    themes: ['rzecznictwo', 'integracja sektora pozarządowego', 'standardy'],
    members: [
      { organisation: 'centrum-wspolpracy-op-bialystok', role: MembershipRole.LEAD_PARTNER },
      { organisation: 'urzad-miejski-bialystok', role: MembershipRole.MEMBER },
    ],
  },
];

/**
 * Inserts the demo partnerships and memberships that are missing; existing rows (and edits to them) are
 * kept. Member sets are published for what changed only, so a second start records nothing.
 */
export async function seedDemoPartnerships(db: Db): Promise<void> {
  await inTransaction(db, async (tx) => {
    const partnerships = new PartnershipRepository(tx);
    const memberships = new MembershipRepository(tx);
    for (const seed of PARTNERSHIPS) {
      const partnershipId = demoId('partnership', seed.key);
      await partnerships.insert(
        {
          id: partnershipId,
          name: seed.name,
          description: seed.description,
          territoryCode: seed.territoryCode,
          additionalTerritoryCodes: [],
          status: PartnershipStatus.ACTIVE,
          themes: seed.themes,
          establishedOn: null,
          hasLegalPersonality: false,
          contactName: null,
          contactEmail: null,
          contactPhone: null,
          source: RecordSource.SEED_DOCUMENT,
        },
        true,
      );
      for (const member of seed.members) {
        await memberships.insert(
          {
            id: demoId('membership', `${seed.key}:${member.organisation}`),
            partnershipId,
            organisationId: demoOrganisationId(member.organisation),
            role: member.role,
            declarationSignedOn: null,
            joinedOn: null,
            leftOn: null,
          },
          true,
        );
      }
    }
    await recordStaleMembers(tx, warsawToday());
  });
}
