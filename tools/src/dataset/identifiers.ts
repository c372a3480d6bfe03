/**
 * Synthetic register numbers with valid check digits, unique per scheme: the organisation's index
 * sits in six fixed digit positions, so two organisations never share a number.
 */

const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7];
const REGON_WEIGHTS = [8, 9, 2, 3, 4, 5, 6, 7];

/** Tax-office prefixes of real NIP numbers (the first three digits name the issuing office). */
const TAX_OFFICES = ['521', '522', '525', '526', '527', '534', '542', '543', '545', '546', '547', '554', '555', '558', '561', '562',
  '571', '576', '577', '581', '582', '583', '584', '585', '586', '591', '592', '593', '594', '597', '598', '599', '601', '602',
  '611', '612', '613', '614', '615', '616', '617', '618', '621', '622', '623', '624', '625', '626', '627', '628', '629', '631',
  '632', '633', '634', '635', '636', '637', '638', '639', '641', '642', '643', '644', '645', '646', '647', '648', '649', '651',
  '652', '653', '654', '655', '656', '657', '658', '661', '662', '663', '664', '665', '666', '667', '668', '669', '671', '672',
  '673', '674', '675', '676', '677', '678', '679', '681', '682', '683', '684', '685', '686', '687', '688', '689', '691', '692',
  '693', '694', '695', '696', '697', '698', '699', '701', '711', '712', '713', '714', '715', '716', '717', '718', '719', '721',
  '722', '723', '724', '725', '726', '727', '728', '729', '731', '732', '733', '734', '735', '736', '737', '738', '739', '741',
  '742', '743', '744', '745', '746', '747', '748', '749', '751', '752', '753', '754', '755', '756', '757', '758', '759', '761',
  '762', '763', '764', '765', '766', '767', '768', '769', '771', '772', '773', '774', '775', '776', '777', '778', '779', '781',
  '782', '783', '784', '785', '786', '787', '788', '789', '791', '792', '793', '794', '795', '796', '797', '798', '799', '811',
  '812', '813', '821', '822', '823', '824', '825', '826', '827', '828', '829', '831', '832', '833', '834', '835', '836', '837',
  '838', '839', '841', '842', '843', '844', '845', '846', '847', '848', '849', '851', '852', '853', '854', '855', '856', '857',
  '858', '859', '861', '862', '863', '864', '865', '866', '867', '868', '869', '871', '872', '873', '874', '875', '876', '877',
  '878', '879', '881', '882', '883', '884', '885', '886', '887', '888', '889', '891', '892', '893', '894', '895', '896', '897',
  '898', '899', '921', '922', '923', '924', '925', '926', '927', '928', '929', '931', '932', '933', '934', '935', '936', '937',
  '938', '939', '941', '942', '943', '944', '945', '946', '947', '948', '949', '951', '952', '953', '954', '955', '956', '957',
  '958', '959', '961', '962', '963', '964', '965', '966', '967', '968', '969', '971', '972', '973', '974', '975', '976', '977',
  '978', '979', '981', '982', '983', '984', '985', '986', '987', '988', '989', '991', '992', '993', '994', '995', '996', '997',
  '998', '999'];

function checkDigit(digits: string, weights: number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += weights[i]! * (digits.charCodeAt(i) - 48);
  return sum % 11;
}

const six = (index: number) => String(index).padStart(6, '0');

/**
 * NIP: office prefix + index + check digit. A prefix whose sum gives check 10 (not allowed) is
 * replaced by the next office; the index digits, and so uniqueness, stay the same.
 */
export function syntheticNip(index: number, officeHint: number): string {
  for (let k = 0; k < TAX_OFFICES.length; k++) {
    const base = TAX_OFFICES[(officeHint + k) % TAX_OFFICES.length]! + six(index);
    const check = checkDigit(base, NIP_WEIGHTS);
    if (check !== 10) return base + check;
  }
  throw new Error(`no valid NIP for ${index}`);
}

/** REGON (9 digits): two-digit voivodeship-like prefix + index + check digit (mod 11, 10 → 0). */
export function syntheticRegon(index: number, voivodeship: string): string {
  const base = voivodeship.padStart(2, '0') + six(index);
  return base + (checkDigit(base, REGON_WEIGHTS) % 10);
}

/** KRS: ten digits, sequential like the real register (which has no check digit). */
export function syntheticKrs(index: number): string {
  return String(300_000 + index).padStart(10, '0');
}
