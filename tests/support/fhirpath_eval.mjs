// Applies PlanDefinitions to QuestionnaireResponses with fhirpath.js (HL7's FHIRPath engine, FHIR R4 model),
// by the convention of calculator/plandefinition.py: the response is every expression's root; the variable
// extensions are evaluated first, in order, each seeing those before it as %name; an action applies when its
// condition gives exactly [true].
//
//   node fhirpath_eval.mjs PLANS.json [NAME,...] < RESPONSES.ndjson > APPLICABLE.ndjson
//
// PLANS.json is a JSON array of PlanDefinitions; each line of stdin is one QuestionnaireResponse. For each
// response, one line per plan: the JSON array [ids, values], ids those of the actions that apply, in action
// order, and values the result of each variable NAME given. A condition or variable that fails, or a
// condition that is not a single boolean, stops the run (exit 1).
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { createInterface } from 'node:readline';
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4';

const VARIABLE = 'http://hl7.org/fhir/StructureDefinition/variable';

function compilePlan(plan) {
  const compile = (expression) => fhirpath.compile(expression.expression, r4);
  const variables = (plan.extension ?? [])
    .filter((e) => e.url === VARIABLE)
    .map((e) => [e.valueExpression.name, compile(e.valueExpression)]);
  const actions = plan.action.map((a) => {
    const conditions = (a.condition ?? []).filter((c) => c.kind === 'applicability');
    return [a.id, conditions.map((c) => compile(c.expression))];
  });
  return { variables, actions };
}

function applicable({ variables, actions }, response) {
  const env = {};
  for (const [name, fn] of variables) env[name] = fn(response, env);
  const ids = [];
  for (const [id, conditions] of actions) {
    const results = conditions.map((fn) => fn(response, env));
    for (const r of results) {
      if (!(r.length === 0 || (r.length === 1 && typeof r[0] === 'boolean'))) {
        throw new Error(`condition of ${id} gave ${JSON.stringify(r)}, not a boolean`);
      }
    }
    if (results.every((r) => r.length === 1 && r[0] === true)) ids.push(id);
  }
  return [ids, Object.fromEntries(report.map((name) => [name, env[name]]))];
}

const plans = JSON.parse(readFileSync(process.argv[2], 'utf8')).map(compilePlan);
const report = process.argv[3] ? process.argv[3].split(',') : [];
const out = [];
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (!line) continue;
  const response = JSON.parse(line);
  for (const plan of plans) out.push(JSON.stringify(applicable(plan, response)));
  if (out.length >= 4096) process.stdout.write(out.splice(0).join('\n') + '\n');
}
if (out.length) process.stdout.write(out.join('\n') + '\n');
