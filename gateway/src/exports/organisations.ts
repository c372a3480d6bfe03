import type { FieldMap } from '../feeds/graphql.js';
import type { Column } from './csv.js';

// The organisations' CSV columns, shared by /feeds/organisations.csv (capped) and /exports/organisations.csv (complete).

/** An organisation as the CSV files read it. */
export interface ExportedOrganisation {
  id: string;
  name: string;
  shortName: string | null;
  sector: string;
  legalForm: string;
  publicBenefit: boolean;
  identifiers: { scheme: 'KRS' | 'NIP' | 'REGON'; value: string }[];
  address: { streetAddress: string | null; postalCode: string | null; locality: string | null };
  territory: { code: string; name: string } | null;
  website: string | null;
  email: string | null;
  phone: string | null;
}

/** One page of organisations (`$filter` as `organisations(filter:)` takes it). */
export const ORGANISATIONS_QUERY = `query OrganisationsFeed($first: Int!, $after: String, $filter: OrganisationFilter) {
  organisations(first: $first, after: $after, filter: $filter) {
    edges { node {
      id name shortName sector legalForm publicBenefit website email phone
      identifiers { scheme value }
      address { streetAddress postalCode locality }
      territory { code name }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const ORGANISATION_FIELDS: FieldMap = { 'filter.territory': 'territory' };

export interface OrganisationsPage {
  organisations: {
    edges: { node: ExportedOrganisation }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

/** The columns, in order, with how each is read from an organisation. */
export const ORGANISATION_COLUMNS: Column<ExportedOrganisation>[] = [
  ['id', (o) => o.id],
  ['name', (o) => o.name],
  ['short name', (o) => o.shortName],
  ['sector', (o) => o.sector],
  ['legal form', (o) => o.legalForm],
  ['KRS', (o) => o.identifiers.find((i) => i.scheme === 'KRS')?.value ?? null],
  ['NIP', (o) => o.identifiers.find((i) => i.scheme === 'NIP')?.value ?? null],
  ['REGON', (o) => o.identifiers.find((i) => i.scheme === 'REGON')?.value ?? null],
  ['public benefit', (o) => String(o.publicBenefit)],
  ['street', (o) => o.address.streetAddress],
  ['postal code', (o) => o.address.postalCode],
  ['locality', (o) => o.address.locality],
  ['TERC code', (o) => o.territory?.code ?? null],
  ['territory name', (o) => o.territory?.name ?? null],
  ['website', (o) => o.website],
  ['email', (o) => o.email],
  ['phone', (o) => o.phone],
];

/** The organisations' query variables from the URL parameters (the same as /feeds/organisations.csv takes). */
export const organisationFilter = (territory: string | undefined) => ({ filter: { territory } });
