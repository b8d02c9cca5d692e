// Test helper: a validator for one of the shipped JSON schemas (`schema/<name>.schema.json`),
// compiled by ajv in strict mode with every error reported, so a test prints what is wrong.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

const SCHEMAS = fileURLToPath(new URL('../../schema', import.meta.url));

/**
 * The compiled schema. A parameter's value is an integer, a boolean or a string, which the
 * result schema says as one union `type`: valid JSON Schema that ajv's strict mode accepts only
 * when told to (it prints a warning otherwise).
 */
export function schemaValidator(name: 'result' | 'lint' | 'sweep'): ValidateFunction {
  const schema = JSON.parse(readFileSync(join(SCHEMAS, `${name}.schema.json`), 'utf8')) as object;
  return new Ajv2020({ allErrors: true, allowUnionTypes: true }).compile(schema);
}
