// Two checks of a SARIF log: valid against the SARIF 2.1.0 schema of OASIS (vendored in
// test/fixtures/sarif/), and what GitHub code scanning requires to ingest it, as its "SARIF
// support for code scanning" page lists them (required properties, limits, relative paths;
// the same ground as the SARIF multitool's GitHub rules). Each returns the problems it finds.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { ROOT } from './locked-spec.js';

/**
 * The schema is draft-04; ajv reads it as draft-07 once its root `id` is `$id`, the only
 * draft-04 keyword it uses (no boolean exclusiveMinimum/Maximum, no remote references).
 */
function sarifValidator() {
  const {
    id,
    $schema: _draft04,
    ...rest
  } = JSON.parse(
    readFileSync(join(ROOT, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8'),
  ) as { id: string; $schema: string };
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    formats: {
      uri: (s: string) => URL.canParse(s),
      'uri-reference': (s: string) => URL.canParse(s, 'file:///'),
      'date-time': (s: string) => !Number.isNaN(Date.parse(s)),
    },
  });
  return ajv.compile({ $id: id, ...rest });
}

let validator: ReturnType<typeof sarifValidator> | undefined;

/** Schema violations, as `path: message`. */
export function schemaProblems(log: unknown): string[] {
  validator ??= sarifValidator();
  if (validator(log)) return [];
  return (validator.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message}`);
}

type Json = Record<string, any>;

const LEVELS = ['none', 'note', 'warning', 'error'];
const nonEmpty = (s: unknown): boolean => typeof s === 'string' && s.trim() !== '';

/** A location as code scanning needs it: a relative path (or file URL) and a start line. */
function locationProblems(where: string, loc: Json | undefined): string[] {
  const p: string[] = [];
  const phys = loc?.physicalLocation;
  if (phys === undefined) return [`${where}: no physicalLocation`];
  const uri = phys.artifactLocation?.uri;
  if (!nonEmpty(uri)) p.push(`${where}: no artifactLocation.uri`);
  else if (/^[a-z][a-z0-9+.-]*:/i.test(uri) && !uri.startsWith('file:'))
    p.push(`${where}: uri ${uri} is neither relative nor a file URL`);
  else if (uri.startsWith('/')) p.push(`${where}: uri ${uri} is an absolute path`);
  const region = phys.region;
  if (region === undefined) p.push(`${where}: no region`);
  else {
    if (!(Number.isInteger(region.startLine) && region.startLine >= 1))
      p.push(`${where}: region.startLine ${region.startLine} is not a line`);
    if (region.startColumn !== undefined && region.startColumn < 1)
      p.push(`${where}: region.startColumn < 1`);
    if (region.endLine !== undefined && region.endLine < region.startLine)
      p.push(`${where}: region ends before it starts`);
  }
  return p;
}

function ruleProblems(where: string, rule: Json): string[] {
  const p: string[] = [];
  if (!nonEmpty(rule.id)) p.push(`${where}: no id`);
  for (const key of ['shortDescription', 'fullDescription'] as const) {
    const text = rule[key]?.text;
    if (!nonEmpty(text)) p.push(`${where}: no ${key}.text`);
    else if (text.length > 1024) p.push(`${where}: ${key}.text longer than 1024`);
  }
  if (!nonEmpty(rule.help?.text)) p.push(`${where}: no help.text`);
  if (rule.name !== undefined && String(rule.name).length > 255)
    p.push(`${where}: name longer than 255`);
  if ((rule.properties?.tags ?? []).length > 20) p.push(`${where}: more than 20 tags`);
  const level = rule.defaultConfiguration?.level;
  if (level !== undefined && !['note', 'warning', 'error'].includes(level))
    p.push(`${where}: defaultConfiguration.level ${level}`);
  return p;
}

function resultProblems(where: string, result: Json, rules: readonly Json[]): string[] {
  const p: string[] = [];
  const rule = rules.find((r) => r.id === result.ruleId);
  if (!nonEmpty(result.ruleId) || rule === undefined)
    p.push(`${where}: ruleId ${result.ruleId} names no rule`);
  if (result.ruleIndex !== undefined && rules[result.ruleIndex] !== rule)
    p.push(`${where}: ruleIndex ${result.ruleIndex} is not the rule ${result.ruleId}`);
  if (!nonEmpty(result.message?.text)) p.push(`${where}: no message.text`);
  if (result.level !== undefined && !LEVELS.includes(result.level))
    p.push(`${where}: level ${result.level}`);
  const locations: Json[] = result.locations ?? [];
  if (locations.length === 0) p.push(`${where}: no locations`);
  if (locations.length > 10) p.push(`${where}: more than 10 locations`);
  locations.forEach((l, i) => p.push(...locationProblems(`${where}.locations[${i}]`, l)));
  const fingerprints = Object.values(result.partialFingerprints ?? {});
  if (fingerprints.length === 0 || !fingerprints.every(nonEmpty))
    p.push(`${where}: no partialFingerprints`);
  let flowSteps = 0;
  for (const flow of result.codeFlows ?? [])
    for (const thread of flow.threadFlows ?? [])
      for (const [i, step] of (thread.locations ?? []).entries()) {
        flowSteps++;
        p.push(...locationProblems(`${where}.codeFlows step ${i}`, step.location));
      }
  if (flowSteps > 10_000) p.push(`${where}: more than 10,000 thread flow locations`);
  if ((result.relatedLocations ?? []).length > 1000)
    p.push(`${where}: more than 1,000 related locations`);
  return p;
}

/** What keeps GitHub code scanning from ingesting the log, or from showing a result where it belongs. */
export function githubProblems(log: Json): string[] {
  const p: string[] = [];
  if (!/sarif-(schema-)?2\.1\.0(\.json)?$/.test(String(log.$schema)))
    p.push(`$schema ${log.$schema} is not SARIF 2.1.0`);
  if (log.version !== '2.1.0') p.push(`version ${log.version}`);
  const runs: Json[] = log.runs ?? [];
  if (runs.length === 0 || runs.length > 20) p.push(`${runs.length} runs`);
  runs.forEach((run, r) => {
    const driver = run.tool?.driver ?? {};
    if (!nonEmpty(driver.name)) p.push(`runs[${r}]: no tool.driver.name`);
    const rules: Json[] = driver.rules ?? [];
    if (!Array.isArray(driver.rules)) p.push(`runs[${r}]: no tool.driver.rules`);
    if (rules.length > 25_000) p.push(`runs[${r}]: more than 25,000 rules`);
    const ids = rules.map((x) => x.id);
    if (new Set(ids).size !== ids.length) p.push(`runs[${r}]: rule ids repeat`);
    rules.forEach((rule, i) => p.push(...ruleProblems(`runs[${r}].rules[${i}]`, rule)));
    const results: Json[] = run.results ?? [];
    if (!Array.isArray(run.results)) p.push(`runs[${r}]: no results`);
    if (results.length > 25_000) p.push(`runs[${r}]: more than 25,000 results`);
    results.forEach((res, i) => p.push(...resultProblems(`runs[${r}].results[${i}]`, res, rules)));
  });
  return p;
}
