/** cmi5-defined verbs (https://github.com/AICC/CMI-5_Spec_Current) plus ADL's "progressed". */
export const VERBS = {
  initialized: "http://adlnet.gov/expapi/verbs/initialized",
  progressed: "http://adlnet.gov/expapi/verbs/progressed",
  completed: "http://adlnet.gov/expapi/verbs/completed",
  passed: "http://adlnet.gov/expapi/verbs/passed",
  failed: "http://adlnet.gov/expapi/verbs/failed",
  terminated: "http://adlnet.gov/expapi/verbs/terminated",
  voided: "http://adlnet.gov/expapi/verbs/voided",
} as const;

export type VerbName = keyof typeof VERBS;

const namesByIri = new Map<string, VerbName>(
  Object.entries(VERBS).map(([name, iri]) => [iri, name as VerbName]),
);

export function verbName(iri: string): VerbName | undefined {
  return namesByIri.get(iri);
}
