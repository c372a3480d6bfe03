import { DateTime as Luxon } from 'luxon';
import {
  demoId,
  demoOrganisationId,
  HUB_ZONE,
  inTransaction,
  RecordSource,
  type Db,
  type DemoOrganisation,
} from '@ngo-hub/kit';
import { EventRepository } from '../modules/event/event.repository.js';
import { recordOrganisers } from '../modules/event/event.outbox.js';

type Seed = {
  key: string;
  title: string;
  description: string;
  kind: string;
  organisers: DemoOrganisation[];
  datePrecision: 'DAY' | 'MONTH' | 'UNKNOWN';
  startsAt?: string;
  endsAt?: string;
  allDay?: boolean;
  durationHours?: number;
  venueLocality: string;
  venueTerritoryCode: string;
  partnership?: string;
  audience: string[];
  status?: 'CONFIRMED' | 'TENTATIVE';
};

const warsaw = (local: string) => Luxon.fromISO(local, { zone: HUB_ZONE }).toJSDate();

const BIALYSTOK = { venueLocality: 'Białystok', venueTerritoryCode: '2061011' };
const PROJECT = '„Razem dla Regionu”';

const workshop = (key: string, title: string, organisers: DemoOrganisation[], extra = ''): Seed => ({
  key,
  title,
  kind: 'WORKSHOP',
  organisers,
  datePrecision: 'UNKNOWN',
  durationHours: 16,
  ...BIALYSTOK,
  description: `Warsztat w ramach projektu ${PROJECT}, prowadzony metodami aktywnymi w bloku tematycznym po 2 dni (16 godzin).${extra}`,
  audience: ['organizacje pozarządowe z Podlasia'],
});

/**
 * The events named in the seed documents 002 and 004. Where a document gives no date, the date
 * stays unknown (datePrecision UNKNOWN), never guessed.
 */
const EVENTS: Seed[] = [
  {
    key: 'razem-dla-regionu-cykl-szkoleniowo-coachingowy',
    title: 'Cykl szkoleniowo-coachingowy dla działaczy organizacji pozarządowych z Podlasia',
    description: `Innowacyjny cykl szkoleniowo-coachingowy Collegium Civitas w ramach projektu ${PROJECT}, w zakresie: zarządzania organizacją; specyfiki i sposobów działania administracji publicznej; networkingu i partnerstw lokalnych; pozyskiwania funduszy; promocji. Oparty na doświadczeniach Collegium Civitas ze studiów podyplomowych Zarządzanie organizacją pozarządową.`,
    kind: 'TRAINING',
    organisers: ['collegium-civitas', 'klub-mysli-spolecznej-inicjatywy'],
    datePrecision: 'UNKNOWN',
    venueLocality: 'Warszawa',
    venueTerritoryCode: '1465011',
    audience: ['działacze organizacji pozarządowych z Podlasia'],
  },
  workshop(
    'razem-dla-regionu-warsztat-animacja',
    'Animacja środowiska lokalnego',
    ['technologie-netzwerk-berlin', 'klub-mysli-spolecznej-inicjatywy'],
    ' Warsztat dla połączonych grup prowadzony przez partnera Technologie-Netzwerk Berlin e. V.',
  ),
  workshop('razem-dla-regionu-warsztat-partnerstwo', 'Partnerstwo lokalne (formy partnerstw, warunki prawne)', [
    'klub-mysli-spolecznej-inicjatywy',
  ]),
  workshop(
    'razem-dla-regionu-warsztat-zadanie-publiczne',
    'Zadanie publiczne – skuteczne narzędzie rozwiązywania problemów społecznych',
    ['klub-mysli-spolecznej-inicjatywy'],
  ),
  workshop(
    'razem-dla-regionu-warsztat-autoprezentacja',
    'Autoprezentacja, prezentacja, kształtowanie wizerunku organizacji',
    ['klub-mysli-spolecznej-inicjatywy'],
  ),
  workshop('razem-dla-regionu-warsztat-komunikacja', 'Komunikacja i negocjacje społeczne', [
    'klub-mysli-spolecznej-inicjatywy',
  ]),
  {
    key: 'razem-dla-regionu-konferencja-podsumowujaca',
    title: `Konferencja podsumowująca projekt ${PROJECT}`,
    description:
      'Ostatnie działanie projektu. Na potrzeby konferencji przygotowano broszurę na temat budowania partnerstw lokalnych.',
    kind: 'CONFERENCE',
    organisers: ['klub-mysli-spolecznej-inicjatywy'],
    datePrecision: 'MONTH',
    startsAt: '2009-05-01T00:00',
    allDay: true,
    ...BIALYSTOK,
    audience: [],
  },
  {
    key: 'zespol-konsultacyjny-goniadz-2008',
    title: 'Wyjazdowe spotkanie Zespołu Konsultacyjnego Organizacji Pozarządowych w Goniądzu',
    description: 'Członkowie Zespołu opracowali misję i cele Zespołu na najbliższą kadencję.',
    kind: 'MEETING',
    organisers: ['zespol-konsultacyjny-op-bialystok'],
    datePrecision: 'DAY',
    startsAt: '2008-01-12T00:00',
    endsAt: '2008-01-13T23:59:59.999',
    allDay: true,
    venueLocality: 'Goniądz',
    venueTerritoryCode: '2008013',
    partnership: 'zespol-konsultacyjny-bialystok',
    audience: ['członkowie Zespołu Konsultacyjnego Organizacji Pozarządowych'],
  },
  {
    key: 'forum-inicjatyw-pozarzadowych-bialystok',
    title: 'Forum Inicjatyw Pozarządowych',
    description:
      'Konferencja – forum inicjatyw pozarządowych, zadanie Zespołu Konsultacyjnego Organizacji Pozarządowych: prezentacja organizacji połączona z częścią artystyczną.',
    kind: 'FORUM',
    organisers: ['zespol-konsultacyjny-op-bialystok'],
    datePrecision: 'UNKNOWN',
    status: 'TENTATIVE',
    ...BIALYSTOK,
    partnership: 'zespol-konsultacyjny-bialystok',
    audience: ['organizacje pozarządowe z Białegostoku', 'mieszkańcy Białegostoku'],
  },
];

/**
 * Inserts the demo events that are missing, with their organisers, and publishes their organisers;
 * existing rows (and edits to them) are kept.
 */
export async function seedDemoEvents(db: Db): Promise<void> {
  await inTransaction(db, async (tx) => {
    const events = new EventRepository(tx);
    for (const seed of EVENTS) {
      const id = demoId('event', seed.key);
      const organiserIds = seed.organisers.map(demoOrganisationId);
      const inserted = await events.insert(
        {
          id,
          title: seed.title,
          description: seed.description,
          kind: seed.kind,
          startsAt: seed.startsAt ? warsaw(seed.startsAt) : null,
          endsAt: seed.endsAt ? warsaw(seed.endsAt) : null,
          datePrecision: seed.datePrecision,
          allDay: seed.allDay ?? false,
          durationHours: seed.durationHours ?? null,
          venueName: null,
          venueStreetAddress: null,
          venuePostalCode: null,
          venueLocality: seed.venueLocality,
          venueTerritoryCode: seed.venueTerritoryCode,
          partnershipId: seed.partnership ? demoId('partnership', seed.partnership) : null,
          audience: seed.audience,
          url: null,
          status: seed.status ?? 'CONFIRMED',
          source: RecordSource.SEED_DOCUMENT,
        },
        organiserIds,
        true,
      );
      if (inserted) await recordOrganisers(tx, id, organiserIds, seed.startsAt ? warsaw(seed.startsAt) : null);
    }
  });
}
