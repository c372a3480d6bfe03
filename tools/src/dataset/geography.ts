import { readTercRegister } from '@ngo-hub/kit';
import { adjectiveGenitive, titleCase } from '@ngo-hub/kit/synthetic';

export interface Gmina {
  code: string;
  name: string;
  kind: string;
  powiat: number;
  voivodeship: number;
  postalCode: string;
  /** Relative number of organisations seated here (cities host more). */
  weight: number;
}

export interface Powiat {
  code: string;
  name: string;
  /** "Powiatu Bolesławieckiego", or null for a city with powiat rights. */
  genitive: string | null;
  voivodeship: number;
  gminas: number[];
}

export interface Voivodeship {
  code: string;
  /** "Mazowieckie" */
  name: string;
  /** "Mazowieckiego" */
  genitive: string;
  powiats: number[];
  gminas: number[];
}

export interface Geography {
  gminas: Gmina[];
  powiats: Powiat[];
  voivodeships: Voivodeship[];
}

/** First digit of postal codes by voivodeship (the postal zones roughly follow the regions). */
const POSTAL_ZONE: Record<string, string> = {
  '02': '5',
  '04': '8',
  '06': '2',
  '08': '6',
  '10': '9',
  '12': '3',
  '14': '0',
  '16': '4',
  '18': '3',
  '20': '1',
  '22': '8',
  '24': '4',
  '26': '2',
  '28': '1',
  '30': '6',
  '32': '7',
};

const BIG_CITIES = new Set(['1465011', '1261011', '0264011', '1061011', '3064011', '2261011', '3262011']);

function weightOf(code: string, kind: string): number {
  if (code === '1465011') return 1300; // Warsaw: about a tenth of Polish NGOs
  if (BIG_CITIES.has(code)) return 220;
  if (code.slice(2, 4) >= '61') return 45; // city with powiat rights
  if (kind === 'gmina miejska') return 6;
  if (kind === 'gmina miejsko-wiejska') return 5;
  return 3;
}

/** The voivodeships, powiats and gminas (level GMINA) of kit's TERC register, with indexes between them. */
export function readGeography(): Geography {
  const units = readTercRegister();
  const voivodeships: Voivodeship[] = [];
  const powiats: Powiat[] = [];
  const gminas: Gmina[] = [];
  const voivodeshipIndex = new Map<string, number>();
  const powiatIndex = new Map<string, number>();
  for (const u of units) {
    if (u.level === 'WOJEWODZTWO') {
      voivodeshipIndex.set(u.code, voivodeships.length);
      const name = titleCase(u.name);
      voivodeships.push({ code: u.code, name, genitive: adjectiveGenitive(name)!, powiats: [], gminas: [] });
    } else if (u.level === 'POWIAT') {
      const v = voivodeshipIndex.get(u.code.slice(0, 2))!;
      powiatIndex.set(u.code, powiats.length);
      voivodeships[v]!.powiats.push(powiats.length);
      const city = u.code.slice(2, 4) >= '61';
      powiats.push({
        code: u.code,
        name: u.name,
        genitive: city ? null : adjectiveGenitive(u.name),
        voivodeship: v,
        gminas: [],
      });
    } else if (u.level === 'GMINA') {
      const p = powiatIndex.get(u.code.slice(0, 4))!;
      const powiat = powiats[p]!;
      const index = gminas.length;
      powiat.gminas.push(index);
      voivodeships[powiat.voivodeship]!.gminas.push(index);
      const postalCode = `${POSTAL_ZONE[u.code.slice(0, 2)]}${p % 10}-${String((index * 37) % 1000).padStart(3, '0')}`;
      gminas.push({
        code: u.code,
        name: u.name,
        kind: u.kind,
        powiat: p,
        voivodeship: powiat.voivodeship,
        postalCode,
        weight: weightOf(u.code, u.kind),
      });
    }
  }
  return { gminas, powiats, voivodeships };
}
