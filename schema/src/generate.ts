#!/usr/bin/env node
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GENERATED, missingDescriptions, readSchemaFile, SCHEMA_DIR, unannouncedBreakingChanges } from './checks.js';
import { compose, printSubgraphSdls } from './compose.js';
import { federationDoc } from './resolved-by.js';

/**
 * `npm run schema:generate` writes each subgraph's SDL, the composed supergraph and the public API
 * schema, and the table in docs/federation.md of which file resolves each public field. With `--check`
 * it writes nothing and fails when any committed file is stale, composition fails, a public element
 * lacks a description, or a breaking change is not announced.
 */
const check = process.argv.includes('--check');
const composition = compose(await printSubgraphSdls());
const files = new Map<string, string>([
  [GENERATED.supergraph, composition.supergraphSdl],
  [GENERATED.api, composition.apiSdl],
  ...composition.subgraphs.map((s) => [GENERATED.subgraph(s.name), s.sdl] as [string, string]),
  [GENERATED.federationDoc, federationDoc(composition)],
]);

const problems: string[] = [];
for (const [relative, content] of files) {
  if (check) {
    if (readSchemaFile(relative) !== content)
      problems.push(`${join('schema', relative)} is stale: run npm run schema:generate and commit it`);
  } else {
    mkdirSync(dirname(`${SCHEMA_DIR}${relative}`), { recursive: true });
    writeFileSync(`${SCHEMA_DIR}${relative}`, content);
  }
}
problems.push(...missingDescriptions(composition.apiSchema).map((m) => `no description: ${m}`));
problems.push(
  ...unannouncedBreakingChanges(composition.apiSchema).map(
    (c) => `breaking change not announced in schema/BREAKING-CHANGES.md: ${c}`,
  ),
);

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(check ? 'schema: committed files are current' : `schema: wrote ${files.size} files`);
