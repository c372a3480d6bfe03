import { stableUuid } from './ids.js';

/**
 * Keys of the demo organisations (from the seed documents). The organisations subgraph stores them;
 * the other subgraphs refer to them by the same derived id, never by reading its tables.
 */
export const DEMO_ORGANISATIONS = [
  'boris',
  'klub-mysli-spolecznej-inicjatywy',
  'collegium-civitas',
  'technologie-netzwerk-berlin',
  'fundacja-ogarnij-emocje',
  'wojewodztwo-mazowieckie',
  'centrum-wspolpracy-op-bialystok',
  'urzad-miejski-bialystok',
  'zespol-konsultacyjny-op-bialystok',
  'urzad-dzielnicy-mokotow',
  'urzad-dzielnicy-srodmiescie',
  'urzad-dzielnicy-ochota',
  'urzad-miasta-zyrardowa',
  'urzad-miejski-sochaczew',
  'urzad-miejski-rozan',
  'urzad-miasta-pionki',
  'urzad-gminy-slupno',
  'urzad-gminy-liw',
  'urzad-miejski-myszyniec',
  'urzad-gminy-baranowo',
  'urzad-gminy-krasnosielc',
  'urzad-miasta-i-gminy-piaseczno',
] as const;

export type DemoOrganisation = (typeof DEMO_ORGANISATIONS)[number];

/** The hub id of a demo organisation, the same in every subgraph. */
export function demoOrganisationId(key: DemoOrganisation): string {
  return stableUuid(`organisation:${key}`);
}

/** The hub id of any other demo record (`partnership:liw`, `grant:razem-dla-regionu`, ...). */
export function demoId(kind: string, key: string): string {
  return stableUuid(`${kind}:${key}`);
}
