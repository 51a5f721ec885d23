export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** The `JSON` scalar type represents JSON values as specified by [ECMA-404](https://ecma-international.org/wp-content/uploads/ECMA-404_2nd_edition_december_2017.pdf). */
  JSON: { input: unknown; output: unknown; }
};

/** Who must be told of a breach. */
export type BreachAudience =
  | 'DISTRICT'
  | 'FAMILIES'
  | 'STATE';

/** Where a holding stands against its destruction deadline. */
export type DeadlineStatus =
  | 'AWAITING_TRIGGER'
  | 'DESTROYED'
  | 'DUE'
  | 'ELIGIBLE'
  | 'NO_RULE'
  | 'ON_HOLD'
  | 'OVERDUE'
  | 'SCHEDULED';

/** Which way lineage goes: where data goes, where it came from, or both. */
export type LineageDirection =
  | 'BOTH'
  | 'DOWN'
  | 'UP';

/** Where a breach notice stands on the date asked. */
export type NoticeStatus =
  | 'DUE'
  | 'GIVEN'
  | 'LATE'
  | 'NOT_STARTED'
  | 'NO_PERIOD'
  | 'OVERDUE';

/** How urgent a finding is. */
export type Severity =
  | 'CRITICAL'
  | 'HIGH'
  | 'LOW'
  | 'MEDIUM';

export type ChangesQueryVariables = Exact<{
  since: InputMaybe<Scalars['String']['input']>;
  nodeId: InputMaybe<Scalars['ID']['input']>;
  first: Scalars['Int']['input'];
}>;


export type ChangesQuery = { __typename?: 'Query', changes: Array<{ __typename?: 'Change', seq: number, at: string, actor: string, action: string, target: string, before: unknown | null, after: unknown | null }> };

export type CreateNodeMutationVariables = Exact<{
  label: Scalars['String']['input'];
  fields: Scalars['JSON']['input'];
}>;


export type CreateNodeMutation = { __typename?: 'Mutation', createNode:
    | { __typename?: 'AccessRequest', id: string, label: string, name: string }
    | { __typename?: 'Agreement', id: string, label: string, name: string }
    | { __typename?: 'Consent', id: string, label: string, name: string }
    | { __typename?: 'DataElement', id: string, label: string, name: string }
    | { __typename?: 'Destruction', id: string, label: string, name: string }
    | { __typename?: 'Event', id: string, label: string, name: string }
    | { __typename?: 'Flow', id: string, label: string, name: string }
    | { __typename?: 'Incident', id: string, label: string, name: string }
    | { __typename?: 'LegalHold', id: string, label: string, name: string }
    | { __typename?: 'Mandate', id: string, label: string, name: string }
    | { __typename?: 'Organization', id: string, label: string, name: string }
    | { __typename?: 'Person', id: string, label: string, name: string }
    | { __typename?: 'Policy', id: string, label: string, name: string }
    | { __typename?: 'Purpose', id: string, label: string, name: string }
    | { __typename?: 'RetentionRule', id: string, label: string, name: string }
    | { __typename?: 'Role', id: string, label: string, name: string }
    | { __typename?: 'System', id: string, label: string, name: string }
    | { __typename?: 'Training', id: string, label: string, name: string }
   };

export type UpdateNodeMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  fields: Scalars['JSON']['input'];
}>;


export type UpdateNodeMutation = { __typename?: 'Mutation', updateNode:
    | { __typename?: 'AccessRequest', id: string, label: string, name: string, updatedAt: string | null }
    | { __typename?: 'Agreement', id: string, label: string, name: string, updatedAt: string | null }
    | { __typename?: 'Consent', id: string, label: string, name: string, updatedAt: string | null }
    | { __typename?: 'DataElement', id: string, label: string, name: string, updatedAt: string | null }
    | { __typename?: 'Destruction', id: string, label: string, name: string, updatedAt: string | null }
    | { __typename?: 'Event', id: string, label: string, name: string, updatedAt: string | null }
    | { __typename?: 'Flow', id: string, label: string, name: string, updatedAt: string | null }
    | { __typename?: 'Incident', id: string, label: string, name: string, updatedAt: string | null }
    | { __typename?: 'LegalHold', id: string, label: string, name: string, updatedAt: string | null }
    | { __typename?: 'Mandate', id: string, label: string, name: string, updatedAt: string | null }
    | { __typename?: 'Organization', id: string, label: string, name: string, updatedAt: string | null }
    | { __typename?: 'Person', id: string, label: string, name: string, updatedAt: string | null }
    | { __typename?: 'Policy', id: string, label: string, name: string, updatedAt: string | null }
    | { __typename?: 'Purpose', id: string, label: string, name: string, updatedAt: string | null }
    | { __typename?: 'RetentionRule', id: string, label: string, name: string, updatedAt: string | null }
    | { __typename?: 'Role', id: string, label: string, name: string, updatedAt: string | null }
    | { __typename?: 'System', id: string, label: string, name: string, updatedAt: string | null }
    | { __typename?: 'Training', id: string, label: string, name: string, updatedAt: string | null }
   };

export type DeleteNodeMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteNodeMutation = { __typename?: 'Mutation', deleteNode: string };

export type DeadlinesQueryVariables = Exact<{
  asOf: Scalars['String']['input'];
  status: InputMaybe<Array<DeadlineStatus> | DeadlineStatus>;
  system: InputMaybe<Array<Scalars['ID']['input']> | Scalars['ID']['input']>;
  cohort: InputMaybe<Array<Scalars['String']['input']> | Scalars['String']['input']>;
}>;


export type DeadlinesQuery = { __typename?: 'Query', deadlines: Array<{ __typename?: 'Deadline', system: string, element: string, cohort: string | null, status: DeadlineStatus, eligibleOn: string | null, dueOn: string | null, action: string | null, rule: string | null, conflict: boolean, boundBySystem: string | null, heldBy: Array<string>, destroyedBy: string | null, destroyedOn: string | null, explanation: string }> };

export type ProviderSystemsQueryVariables = Exact<{
  provider: Scalars['String']['input'];
}>;


export type ProviderSystemsQuery = { __typename?: 'Query', systems: { __typename?: 'SystemConnection', nodes: Array<{ __typename?: 'System', id: string }> } };

export type FindingsQueryVariables = Exact<{
  asOf: Scalars['String']['input'];
  principle: InputMaybe<Scalars['String']['input']>;
  severity: InputMaybe<Severity>;
}>;


export type FindingsQuery = { __typename?: 'Query', scorecard: Array<{ __typename?: 'ScorecardRow', principle: string, title: string }>, findings: Array<{ __typename?: 'Finding', rule: string, principle: string, severity: Severity, node: string, message: string, remedy: string, elements: Array<string>, count: number }> };

export type IncidentQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  asOf: InputMaybe<Scalars['String']['input']>;
}>;


export type IncidentQuery = { __typename?: 'Query', node:
    | { __typename?: 'AccessRequest', id: string, name: string }
    | { __typename?: 'Agreement', id: string, name: string }
    | { __typename?: 'Consent', id: string, name: string }
    | { __typename?: 'DataElement', id: string, name: string }
    | { __typename?: 'Destruction', id: string, name: string }
    | { __typename?: 'Event', id: string, name: string }
    | { __typename?: 'Flow', id: string, name: string }
    | { __typename?: 'Incident', discoveredOn: string | null, status: string | null, severity: string | null, reportedOn: string | null, studentsAffected: number | null, id: string, name: string }
    | { __typename?: 'LegalHold', id: string, name: string }
    | { __typename?: 'Mandate', id: string, name: string }
    | { __typename?: 'Organization', id: string, name: string }
    | { __typename?: 'Person', id: string, name: string }
    | { __typename?: 'Policy', id: string, name: string }
    | { __typename?: 'Purpose', id: string, name: string }
    | { __typename?: 'RetentionRule', id: string, name: string }
    | { __typename?: 'Role', id: string, name: string }
    | { __typename?: 'System', id: string, name: string }
    | { __typename?: 'Training', id: string, name: string }
   | null, blastRadius: { __typename?: 'BlastRadius', incident: string, discoveredOn: string, affected: Array<string>, systems: Array<string>, onwardSystems: Array<string>, elements: Array<string>, flows: Array<string>, providers: Array<string>, agreements: Array<string>, sensitiveCategories: Array<string>, duties: Array<{ __typename?: 'BreachDuty', by: string, to: BreachAudience, agreement: string | null, hours: number | null, days: number | null, startsOn: string | null, dueOn: string | null, givenOn: string | null, status: NoticeStatus }> } };

export type HopFieldsFragment = { __typename?: 'Hop', flow: string, name: string, from: string, to: string, sourceOperator: string | null, targetOperator: string | null, method: string | null, purposes: Array<string>, bases: Array<string>, carries: Array<string> };

export type LineageQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  direction: LineageDirection;
  depth: Scalars['Int']['input'];
}>;


export type LineageQuery = { __typename?: 'Query', lineage: { __typename?: 'Lineage', root: string, label: string, direction: LineageDirection, depth: number, elements: Array<string>, starts: Array<string>, organizations: Array<string>, derivations: Array<{ __typename?: 'LineageDerivation', element: string, derivedFrom: string, transform: string | null }>, systems: { __typename?: 'LineageSystems', totalCount: number, hasNextPage: boolean, nodes: Array<{ __typename?: 'ReachedSystem', id: string, operator: string | null, direction: LineageDirection, distance: number }> }, flows: { __typename?: 'LineageFlows', totalCount: number, hasNextPage: boolean, nodes: Array<{ __typename?: 'Hop', flow: string, name: string, from: string, to: string, sourceOperator: string | null, targetOperator: string | null, method: string | null, purposes: Array<string>, bases: Array<string>, carries: Array<string> }> } } };

export type BasesQueryVariables = Exact<{ [key: string]: never; }>;


export type BasesQuery = { __typename?: 'Query', agreements: { __typename?: 'AgreementConnection', nodes: Array<{ __typename?: 'Agreement', id: string, name: string, signedOn: string | null, effectiveOn: string | null, expiresOn: string | null, terminatedOn: string | null }> }, consents: { __typename?: 'ConsentConnection', nodes: Array<{ __typename?: 'Consent', id: string, name: string, collectedFrom: string | null, expiresOn: string | null, withdrawnOn: string | null }> }, mandates: { __typename?: 'MandateConnection', nodes: Array<{ __typename?: 'Mandate', id: string, name: string, citation: string | null }> }, organizations: { __typename?: 'OrganizationConnection', nodes: Array<{ __typename?: 'Organization', id: string, name: string, kind: string | null }> } };

type Ref_AccessRequest_Fragment = { __typename?: 'AccessRequest', id: string, label: string, name: string };

type Ref_Agreement_Fragment = { __typename?: 'Agreement', id: string, label: string, name: string };

type Ref_Consent_Fragment = { __typename?: 'Consent', id: string, label: string, name: string };

type Ref_DataElement_Fragment = { __typename?: 'DataElement', id: string, label: string, name: string };

type Ref_Destruction_Fragment = { __typename?: 'Destruction', id: string, label: string, name: string };

type Ref_Event_Fragment = { __typename?: 'Event', id: string, label: string, name: string };

type Ref_Flow_Fragment = { __typename?: 'Flow', id: string, label: string, name: string };

type Ref_Incident_Fragment = { __typename?: 'Incident', id: string, label: string, name: string };

type Ref_LegalHold_Fragment = { __typename?: 'LegalHold', id: string, label: string, name: string };

type Ref_Mandate_Fragment = { __typename?: 'Mandate', id: string, label: string, name: string };

type Ref_Organization_Fragment = { __typename?: 'Organization', id: string, label: string, name: string };

type Ref_Person_Fragment = { __typename?: 'Person', id: string, label: string, name: string };

type Ref_Policy_Fragment = { __typename?: 'Policy', id: string, label: string, name: string };

type Ref_Purpose_Fragment = { __typename?: 'Purpose', id: string, label: string, name: string };

type Ref_RetentionRule_Fragment = { __typename?: 'RetentionRule', id: string, label: string, name: string };

type Ref_Role_Fragment = { __typename?: 'Role', id: string, label: string, name: string };

type Ref_System_Fragment = { __typename?: 'System', id: string, label: string, name: string };

type Ref_Training_Fragment = { __typename?: 'Training', id: string, label: string, name: string };

export type RefFragment =
  | Ref_AccessRequest_Fragment
  | Ref_Agreement_Fragment
  | Ref_Consent_Fragment
  | Ref_DataElement_Fragment
  | Ref_Destruction_Fragment
  | Ref_Event_Fragment
  | Ref_Flow_Fragment
  | Ref_Incident_Fragment
  | Ref_LegalHold_Fragment
  | Ref_Mandate_Fragment
  | Ref_Organization_Fragment
  | Ref_Person_Fragment
  | Ref_Policy_Fragment
  | Ref_Purpose_Fragment
  | Ref_RetentionRule_Fragment
  | Ref_Role_Fragment
  | Ref_System_Fragment
  | Ref_Training_Fragment
;

export type NodePageQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type NodePageQuery = { __typename?: 'Query', node:
    | { __typename?: 'AccessRequest', requester: string | null, receivedOn: string | null, answeredOn: string | null, cohort: string | null, id: string, label: string, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, requestKind: string | null, concerns: Array<
        | { __typename?: 'AccessRequest', id: string, label: string, name: string }
        | { __typename?: 'Agreement', id: string, label: string, name: string }
        | { __typename?: 'Consent', id: string, label: string, name: string }
        | { __typename?: 'DataElement', id: string, label: string, name: string }
        | { __typename?: 'Destruction', id: string, label: string, name: string }
        | { __typename?: 'Event', id: string, label: string, name: string }
        | { __typename?: 'Flow', id: string, label: string, name: string }
        | { __typename?: 'Incident', id: string, label: string, name: string }
        | { __typename?: 'LegalHold', id: string, label: string, name: string }
        | { __typename?: 'Mandate', id: string, label: string, name: string }
        | { __typename?: 'Organization', id: string, label: string, name: string }
        | { __typename?: 'Person', id: string, label: string, name: string }
        | { __typename?: 'Policy', id: string, label: string, name: string }
        | { __typename?: 'Purpose', id: string, label: string, name: string }
        | { __typename?: 'RetentionRule', id: string, label: string, name: string }
        | { __typename?: 'Role', id: string, label: string, name: string }
        | { __typename?: 'System', id: string, label: string, name: string }
        | { __typename?: 'Training', id: string, label: string, name: string }
      > }
    | { __typename?: 'Agreement', signedOn: string | null, effectiveOn: string | null, expiresOn: string | null, terminatedOn: string | null, publicUrl: string | null, breachNoticeHours: number | null, destructionDays: number | null, trainingAttestedOn: string | null, id: string, label: string, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, agreementKind: string | null, provider: { __typename?: 'Organization', id: string, label: string, name: string } | null, covers: Array<{ __typename?: 'DataElement', id: string, label: string, name: string }>, permits: Array<{ __typename?: 'Purpose', id: string, label: string, name: string }>, requiresDestruction: Array<{ __typename?: 'RetentionRule', id: string, label: string, name: string }>, flows: Array<{ __typename?: 'Flow', id: string, label: string, name: string }>, subprocessors: Array<{ __typename?: 'Organization', id: string, label: string, name: string }>, requiresTraining: Array<{ __typename?: 'Training', id: string, label: string, name: string }>, owners: Array<
        | { __typename?: 'AccessRequest', id: string, label: string, name: string }
        | { __typename?: 'Agreement', id: string, label: string, name: string }
        | { __typename?: 'Consent', id: string, label: string, name: string }
        | { __typename?: 'DataElement', id: string, label: string, name: string }
        | { __typename?: 'Destruction', id: string, label: string, name: string }
        | { __typename?: 'Event', id: string, label: string, name: string }
        | { __typename?: 'Flow', id: string, label: string, name: string }
        | { __typename?: 'Incident', id: string, label: string, name: string }
        | { __typename?: 'LegalHold', id: string, label: string, name: string }
        | { __typename?: 'Mandate', id: string, label: string, name: string }
        | { __typename?: 'Organization', id: string, label: string, name: string }
        | { __typename?: 'Person', id: string, label: string, name: string }
        | { __typename?: 'Policy', id: string, label: string, name: string }
        | { __typename?: 'Purpose', id: string, label: string, name: string }
        | { __typename?: 'RetentionRule', id: string, label: string, name: string }
        | { __typename?: 'Role', id: string, label: string, name: string }
        | { __typename?: 'System', id: string, label: string, name: string }
        | { __typename?: 'Training', id: string, label: string, name: string }
      > }
    | { __typename?: 'Consent', givenBy: string | null, formUrl: string | null, collectedFrom: string | null, withdrawnOn: string | null, id: string, label: string, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, consentExpiresOn: string | null, covers: Array<{ __typename?: 'DataElement', id: string, label: string, name: string }>, purposes: Array<{ __typename?: 'Purpose', id: string, label: string, name: string }>, flows: Array<{ __typename?: 'Flow', id: string, label: string, name: string }> }
    | { __typename?: 'DataElement', definition: string | null, category: string | null, sensitivity: string | null, subject: string | null, standardRef: string | null, public: boolean | null, id: string, label: string, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, heldBy: Array<{ __typename?: 'System', id: string, label: string, name: string }>, collectedBy: Array<{ __typename?: 'System', id: string, label: string, name: string }>, usedFor: Array<{ __typename?: 'Purpose', id: string, label: string, name: string }>, requiredBy: Array<{ __typename?: 'Purpose', id: string, label: string, name: string }>, retainedUnder: { __typename?: 'RetentionRule', id: string, label: string, name: string } | null, derivedFrom: Array<{ __typename?: 'Derivation', transform: string | null, element: { __typename?: 'DataElement', id: string, label: string, name: string } }>, derivatives: Array<{ __typename?: 'DataElement', id: string, label: string, name: string }>, carriedBy: Array<{ __typename?: 'Flow', id: string, label: string, name: string }>, coveredBy: Array<{ __typename?: 'Agreement', id: string, label: string, name: string }>, consents: Array<{ __typename?: 'Consent', id: string, label: string, name: string }>, accessibleBy: Array<{ __typename?: 'Role', id: string, label: string, name: string }>, destructions: Array<{ __typename?: 'Destruction', id: string, label: string, name: string }>, legalHolds: Array<{ __typename?: 'LegalHold', id: string, label: string, name: string }>, accessRequests: Array<{ __typename?: 'AccessRequest', id: string, label: string, name: string }>, owners: Array<
        | { __typename?: 'AccessRequest', id: string, label: string, name: string }
        | { __typename?: 'Agreement', id: string, label: string, name: string }
        | { __typename?: 'Consent', id: string, label: string, name: string }
        | { __typename?: 'DataElement', id: string, label: string, name: string }
        | { __typename?: 'Destruction', id: string, label: string, name: string }
        | { __typename?: 'Event', id: string, label: string, name: string }
        | { __typename?: 'Flow', id: string, label: string, name: string }
        | { __typename?: 'Incident', id: string, label: string, name: string }
        | { __typename?: 'LegalHold', id: string, label: string, name: string }
        | { __typename?: 'Mandate', id: string, label: string, name: string }
        | { __typename?: 'Organization', id: string, label: string, name: string }
        | { __typename?: 'Person', id: string, label: string, name: string }
        | { __typename?: 'Policy', id: string, label: string, name: string }
        | { __typename?: 'Purpose', id: string, label: string, name: string }
        | { __typename?: 'RetentionRule', id: string, label: string, name: string }
        | { __typename?: 'Role', id: string, label: string, name: string }
        | { __typename?: 'System', id: string, label: string, name: string }
        | { __typename?: 'Training', id: string, label: string, name: string }
      >, stewards: Array<{ __typename?: 'Person', id: string, label: string, name: string }> }
    | { __typename?: 'Destruction', performedOn: string | null, certificateUrl: string | null, cohort: string | null, id: string, label: string, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, destructionMethod: string | null, elements: Array<{ __typename?: 'DataElement', id: string, label: string, name: string }>, system: { __typename?: 'System', id: string, label: string, name: string } | null }
    | { __typename?: 'Event', occurredOn: string | null, cohort: string | null, topic: string | null, id: string, label: string, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, eventKind: string | null, concerns: Array<
        | { __typename?: 'AccessRequest', id: string, label: string, name: string }
        | { __typename?: 'Agreement', id: string, label: string, name: string }
        | { __typename?: 'Consent', id: string, label: string, name: string }
        | { __typename?: 'DataElement', id: string, label: string, name: string }
        | { __typename?: 'Destruction', id: string, label: string, name: string }
        | { __typename?: 'Event', id: string, label: string, name: string }
        | { __typename?: 'Flow', id: string, label: string, name: string }
        | { __typename?: 'Incident', id: string, label: string, name: string }
        | { __typename?: 'LegalHold', id: string, label: string, name: string }
        | { __typename?: 'Mandate', id: string, label: string, name: string }
        | { __typename?: 'Organization', id: string, label: string, name: string }
        | { __typename?: 'Person', id: string, label: string, name: string }
        | { __typename?: 'Policy', id: string, label: string, name: string }
        | { __typename?: 'Purpose', id: string, label: string, name: string }
        | { __typename?: 'RetentionRule', id: string, label: string, name: string }
        | { __typename?: 'Role', id: string, label: string, name: string }
        | { __typename?: 'System', id: string, label: string, name: string }
        | { __typename?: 'Training', id: string, label: string, name: string }
      > }
    | { __typename?: 'Flow', method: string | null, frequency: string | null, startedOn: string | null, endedOn: string | null, id: string, label: string, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, from: { __typename?: 'System', id: string, label: string, name: string } | null, to: { __typename?: 'System', id: string, label: string, name: string } | null, carries: Array<{ __typename?: 'DataElement', id: string, label: string, name: string }>, purposes: Array<{ __typename?: 'Purpose', id: string, label: string, name: string }>, basis: Array<
        | { __typename?: 'AccessRequest', id: string, label: string, name: string }
        | { __typename?: 'Agreement', id: string, label: string, name: string }
        | { __typename?: 'Consent', id: string, label: string, name: string }
        | { __typename?: 'DataElement', id: string, label: string, name: string }
        | { __typename?: 'Destruction', id: string, label: string, name: string }
        | { __typename?: 'Event', id: string, label: string, name: string }
        | { __typename?: 'Flow', id: string, label: string, name: string }
        | { __typename?: 'Incident', id: string, label: string, name: string }
        | { __typename?: 'LegalHold', id: string, label: string, name: string }
        | { __typename?: 'Mandate', id: string, label: string, name: string }
        | { __typename?: 'Organization', id: string, label: string, name: string }
        | { __typename?: 'Person', id: string, label: string, name: string }
        | { __typename?: 'Policy', id: string, label: string, name: string }
        | { __typename?: 'Purpose', id: string, label: string, name: string }
        | { __typename?: 'RetentionRule', id: string, label: string, name: string }
        | { __typename?: 'Role', id: string, label: string, name: string }
        | { __typename?: 'System', id: string, label: string, name: string }
        | { __typename?: 'Training', id: string, label: string, name: string }
      >, owners: Array<
        | { __typename?: 'AccessRequest', id: string, label: string, name: string }
        | { __typename?: 'Agreement', id: string, label: string, name: string }
        | { __typename?: 'Consent', id: string, label: string, name: string }
        | { __typename?: 'DataElement', id: string, label: string, name: string }
        | { __typename?: 'Destruction', id: string, label: string, name: string }
        | { __typename?: 'Event', id: string, label: string, name: string }
        | { __typename?: 'Flow', id: string, label: string, name: string }
        | { __typename?: 'Incident', id: string, label: string, name: string }
        | { __typename?: 'LegalHold', id: string, label: string, name: string }
        | { __typename?: 'Mandate', id: string, label: string, name: string }
        | { __typename?: 'Organization', id: string, label: string, name: string }
        | { __typename?: 'Person', id: string, label: string, name: string }
        | { __typename?: 'Policy', id: string, label: string, name: string }
        | { __typename?: 'Purpose', id: string, label: string, name: string }
        | { __typename?: 'RetentionRule', id: string, label: string, name: string }
        | { __typename?: 'Role', id: string, label: string, name: string }
        | { __typename?: 'System', id: string, label: string, name: string }
        | { __typename?: 'Training', id: string, label: string, name: string }
      >, stewards: Array<{ __typename?: 'Person', id: string, label: string, name: string }> }
    | { __typename?: 'Incident', discoveredOn: string | null, status: string | null, severity: string | null, reportedOn: string | null, familiesNotifiedOn: string | null, stateNotifiedOn: string | null, studentsAffected: number | null, reviewedOn: string | null, id: string, label: string, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, affects: Array<
        | { __typename?: 'AccessRequest', id: string, label: string, name: string }
        | { __typename?: 'Agreement', id: string, label: string, name: string }
        | { __typename?: 'Consent', id: string, label: string, name: string }
        | { __typename?: 'DataElement', id: string, label: string, name: string }
        | { __typename?: 'Destruction', id: string, label: string, name: string }
        | { __typename?: 'Event', id: string, label: string, name: string }
        | { __typename?: 'Flow', id: string, label: string, name: string }
        | { __typename?: 'Incident', id: string, label: string, name: string }
        | { __typename?: 'LegalHold', id: string, label: string, name: string }
        | { __typename?: 'Mandate', id: string, label: string, name: string }
        | { __typename?: 'Organization', id: string, label: string, name: string }
        | { __typename?: 'Person', id: string, label: string, name: string }
        | { __typename?: 'Policy', id: string, label: string, name: string }
        | { __typename?: 'Purpose', id: string, label: string, name: string }
        | { __typename?: 'RetentionRule', id: string, label: string, name: string }
        | { __typename?: 'Role', id: string, label: string, name: string }
        | { __typename?: 'System', id: string, label: string, name: string }
        | { __typename?: 'Training', id: string, label: string, name: string }
      >, discoveredBy: { __typename?: 'Organization', id: string, label: string, name: string } | null }
    | { __typename?: 'LegalHold', reason: string | null, placedOn: string | null, releasedOn: string | null, cohorts: Array<string> | null, id: string, label: string, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, covers: Array<{ __typename?: 'DataElement', id: string, label: string, name: string }>, systems: Array<{ __typename?: 'System', id: string, label: string, name: string }> }
    | { __typename?: 'Mandate', citation: string | null, url: string | null, id: string, label: string, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, covers: Array<{ __typename?: 'DataElement', id: string, label: string, name: string }>, purposes: Array<{ __typename?: 'Purpose', id: string, label: string, name: string }>, flows: Array<{ __typename?: 'Flow', id: string, label: string, name: string }> }
    | { __typename?: 'Organization', kind: string | null, url: string | null, accessResponseDays: number | null, familyNoticeDays: number | null, stateNoticeDays: number | null, id: string, label: string, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, contact: { __typename?: 'Contact', name: string | null, email: string | null, url: string | null } | null, operates: Array<{ __typename?: 'System', id: string, label: string, name: string }>, hosts: Array<{ __typename?: 'System', id: string, label: string, name: string }>, agreements: Array<{ __typename?: 'Agreement', id: string, label: string, name: string }>, accountableTo: Array<{ __typename?: 'Organization', id: string, label: string, name: string }>, oversees: Array<{ __typename?: 'Organization', id: string, label: string, name: string }>, members: Array<{ __typename?: 'Person', id: string, label: string, name: string }>, policies: Array<{ __typename?: 'Policy', id: string, label: string, name: string }>, owns: Array<
        | { __typename?: 'AccessRequest', id: string, label: string, name: string }
        | { __typename?: 'Agreement', id: string, label: string, name: string }
        | { __typename?: 'Consent', id: string, label: string, name: string }
        | { __typename?: 'DataElement', id: string, label: string, name: string }
        | { __typename?: 'Destruction', id: string, label: string, name: string }
        | { __typename?: 'Event', id: string, label: string, name: string }
        | { __typename?: 'Flow', id: string, label: string, name: string }
        | { __typename?: 'Incident', id: string, label: string, name: string }
        | { __typename?: 'LegalHold', id: string, label: string, name: string }
        | { __typename?: 'Mandate', id: string, label: string, name: string }
        | { __typename?: 'Organization', id: string, label: string, name: string }
        | { __typename?: 'Person', id: string, label: string, name: string }
        | { __typename?: 'Policy', id: string, label: string, name: string }
        | { __typename?: 'Purpose', id: string, label: string, name: string }
        | { __typename?: 'RetentionRule', id: string, label: string, name: string }
        | { __typename?: 'Role', id: string, label: string, name: string }
        | { __typename?: 'System', id: string, label: string, name: string }
        | { __typename?: 'Training', id: string, label: string, name: string }
      >, owners: Array<
        | { __typename?: 'AccessRequest', id: string, label: string, name: string }
        | { __typename?: 'Agreement', id: string, label: string, name: string }
        | { __typename?: 'Consent', id: string, label: string, name: string }
        | { __typename?: 'DataElement', id: string, label: string, name: string }
        | { __typename?: 'Destruction', id: string, label: string, name: string }
        | { __typename?: 'Event', id: string, label: string, name: string }
        | { __typename?: 'Flow', id: string, label: string, name: string }
        | { __typename?: 'Incident', id: string, label: string, name: string }
        | { __typename?: 'LegalHold', id: string, label: string, name: string }
        | { __typename?: 'Mandate', id: string, label: string, name: string }
        | { __typename?: 'Organization', id: string, label: string, name: string }
        | { __typename?: 'Person', id: string, label: string, name: string }
        | { __typename?: 'Policy', id: string, label: string, name: string }
        | { __typename?: 'Purpose', id: string, label: string, name: string }
        | { __typename?: 'RetentionRule', id: string, label: string, name: string }
        | { __typename?: 'Role', id: string, label: string, name: string }
        | { __typename?: 'System', id: string, label: string, name: string }
        | { __typename?: 'Training', id: string, label: string, name: string }
      > }
    | { __typename?: 'Person', email: string | null, title: string | null, id: string, label: string, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, roles: Array<{ __typename?: 'Role', id: string, label: string, name: string }>, memberOf: Array<{ __typename?: 'Organization', id: string, label: string, name: string }>, owns: Array<
        | { __typename?: 'AccessRequest', id: string, label: string, name: string }
        | { __typename?: 'Agreement', id: string, label: string, name: string }
        | { __typename?: 'Consent', id: string, label: string, name: string }
        | { __typename?: 'DataElement', id: string, label: string, name: string }
        | { __typename?: 'Destruction', id: string, label: string, name: string }
        | { __typename?: 'Event', id: string, label: string, name: string }
        | { __typename?: 'Flow', id: string, label: string, name: string }
        | { __typename?: 'Incident', id: string, label: string, name: string }
        | { __typename?: 'LegalHold', id: string, label: string, name: string }
        | { __typename?: 'Mandate', id: string, label: string, name: string }
        | { __typename?: 'Organization', id: string, label: string, name: string }
        | { __typename?: 'Person', id: string, label: string, name: string }
        | { __typename?: 'Policy', id: string, label: string, name: string }
        | { __typename?: 'Purpose', id: string, label: string, name: string }
        | { __typename?: 'RetentionRule', id: string, label: string, name: string }
        | { __typename?: 'Role', id: string, label: string, name: string }
        | { __typename?: 'System', id: string, label: string, name: string }
        | { __typename?: 'Training', id: string, label: string, name: string }
      >, stewardOf: Array<
        | { __typename?: 'AccessRequest', id: string, label: string, name: string }
        | { __typename?: 'Agreement', id: string, label: string, name: string }
        | { __typename?: 'Consent', id: string, label: string, name: string }
        | { __typename?: 'DataElement', id: string, label: string, name: string }
        | { __typename?: 'Destruction', id: string, label: string, name: string }
        | { __typename?: 'Event', id: string, label: string, name: string }
        | { __typename?: 'Flow', id: string, label: string, name: string }
        | { __typename?: 'Incident', id: string, label: string, name: string }
        | { __typename?: 'LegalHold', id: string, label: string, name: string }
        | { __typename?: 'Mandate', id: string, label: string, name: string }
        | { __typename?: 'Organization', id: string, label: string, name: string }
        | { __typename?: 'Person', id: string, label: string, name: string }
        | { __typename?: 'Policy', id: string, label: string, name: string }
        | { __typename?: 'Purpose', id: string, label: string, name: string }
        | { __typename?: 'RetentionRule', id: string, label: string, name: string }
        | { __typename?: 'Role', id: string, label: string, name: string }
        | { __typename?: 'System', id: string, label: string, name: string }
        | { __typename?: 'Training', id: string, label: string, name: string }
      >, completed: Array<{ __typename?: 'Completion', on: string, node:
          | { __typename?: 'AccessRequest', id: string, label: string, name: string }
          | { __typename?: 'Agreement', id: string, label: string, name: string }
          | { __typename?: 'Consent', id: string, label: string, name: string }
          | { __typename?: 'DataElement', id: string, label: string, name: string }
          | { __typename?: 'Destruction', id: string, label: string, name: string }
          | { __typename?: 'Event', id: string, label: string, name: string }
          | { __typename?: 'Flow', id: string, label: string, name: string }
          | { __typename?: 'Incident', id: string, label: string, name: string }
          | { __typename?: 'LegalHold', id: string, label: string, name: string }
          | { __typename?: 'Mandate', id: string, label: string, name: string }
          | { __typename?: 'Organization', id: string, label: string, name: string }
          | { __typename?: 'Person', id: string, label: string, name: string }
          | { __typename?: 'Policy', id: string, label: string, name: string }
          | { __typename?: 'Purpose', id: string, label: string, name: string }
          | { __typename?: 'RetentionRule', id: string, label: string, name: string }
          | { __typename?: 'Role', id: string, label: string, name: string }
          | { __typename?: 'System', id: string, label: string, name: string }
          | { __typename?: 'Training', id: string, label: string, name: string }
         }> }
    | { __typename?: 'Policy', url: string | null, public: boolean | null, adoptedOn: string | null, reviewedOn: string | null, id: string, label: string, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, policyKind: string | null, adoptedBy: Array<{ __typename?: 'Organization', id: string, label: string, name: string }> }
    | { __typename?: 'Purpose', educational: boolean | null, automatedDecision: boolean | null, humanReview: boolean | null, id: string, label: string, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, purposeCategory: string | null, requires: Array<{ __typename?: 'DataElement', id: string, label: string, name: string }>, elements: Array<{ __typename?: 'DataElement', id: string, label: string, name: string }>, systems: Array<{ __typename?: 'System', id: string, label: string, name: string }>, flows: Array<{ __typename?: 'Flow', id: string, label: string, name: string }>, servedBy: Array<{ __typename?: 'Role', id: string, label: string, name: string }>, permittedBy: Array<{ __typename?: 'Agreement', id: string, label: string, name: string }>, owners: Array<
        | { __typename?: 'AccessRequest', id: string, label: string, name: string }
        | { __typename?: 'Agreement', id: string, label: string, name: string }
        | { __typename?: 'Consent', id: string, label: string, name: string }
        | { __typename?: 'DataElement', id: string, label: string, name: string }
        | { __typename?: 'Destruction', id: string, label: string, name: string }
        | { __typename?: 'Event', id: string, label: string, name: string }
        | { __typename?: 'Flow', id: string, label: string, name: string }
        | { __typename?: 'Incident', id: string, label: string, name: string }
        | { __typename?: 'LegalHold', id: string, label: string, name: string }
        | { __typename?: 'Mandate', id: string, label: string, name: string }
        | { __typename?: 'Organization', id: string, label: string, name: string }
        | { __typename?: 'Person', id: string, label: string, name: string }
        | { __typename?: 'Policy', id: string, label: string, name: string }
        | { __typename?: 'Purpose', id: string, label: string, name: string }
        | { __typename?: 'RetentionRule', id: string, label: string, name: string }
        | { __typename?: 'Role', id: string, label: string, name: string }
        | { __typename?: 'System', id: string, label: string, name: string }
        | { __typename?: 'Training', id: string, label: string, name: string }
      > }
    | { __typename?: 'RetentionRule', period: string | null, keepAtLeast: string | null, trigger: string | null, topic: string | null, action: string | null, authority: string | null, periodInWords: string | null, id: string, label: string, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, ruleElements: Array<{ __typename?: 'DataElement', id: string, label: string, name: string }>, agreements: Array<{ __typename?: 'Agreement', id: string, label: string, name: string }> }
    | { __typename?: 'Role', id: string, label: string, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, serves: Array<{ __typename?: 'Purpose', id: string, label: string, name: string }>, requiresTraining: Array<{ __typename?: 'Training', id: string, label: string, name: string }>, canAccess: Array<{ __typename?: 'Grant', level: string, target:
          | { __typename?: 'AccessRequest', id: string, label: string, name: string }
          | { __typename?: 'Agreement', id: string, label: string, name: string }
          | { __typename?: 'Consent', id: string, label: string, name: string }
          | { __typename?: 'DataElement', id: string, label: string, name: string }
          | { __typename?: 'Destruction', id: string, label: string, name: string }
          | { __typename?: 'Event', id: string, label: string, name: string }
          | { __typename?: 'Flow', id: string, label: string, name: string }
          | { __typename?: 'Incident', id: string, label: string, name: string }
          | { __typename?: 'LegalHold', id: string, label: string, name: string }
          | { __typename?: 'Mandate', id: string, label: string, name: string }
          | { __typename?: 'Organization', id: string, label: string, name: string }
          | { __typename?: 'Person', id: string, label: string, name: string }
          | { __typename?: 'Policy', id: string, label: string, name: string }
          | { __typename?: 'Purpose', id: string, label: string, name: string }
          | { __typename?: 'RetentionRule', id: string, label: string, name: string }
          | { __typename?: 'Role', id: string, label: string, name: string }
          | { __typename?: 'System', id: string, label: string, name: string }
          | { __typename?: 'Training', id: string, label: string, name: string }
         }>, people: Array<{ __typename?: 'Person', id: string, label: string, name: string }>, owns: Array<
        | { __typename?: 'AccessRequest', id: string, label: string, name: string }
        | { __typename?: 'Agreement', id: string, label: string, name: string }
        | { __typename?: 'Consent', id: string, label: string, name: string }
        | { __typename?: 'DataElement', id: string, label: string, name: string }
        | { __typename?: 'Destruction', id: string, label: string, name: string }
        | { __typename?: 'Event', id: string, label: string, name: string }
        | { __typename?: 'Flow', id: string, label: string, name: string }
        | { __typename?: 'Incident', id: string, label: string, name: string }
        | { __typename?: 'LegalHold', id: string, label: string, name: string }
        | { __typename?: 'Mandate', id: string, label: string, name: string }
        | { __typename?: 'Organization', id: string, label: string, name: string }
        | { __typename?: 'Person', id: string, label: string, name: string }
        | { __typename?: 'Policy', id: string, label: string, name: string }
        | { __typename?: 'Purpose', id: string, label: string, name: string }
        | { __typename?: 'RetentionRule', id: string, label: string, name: string }
        | { __typename?: 'Role', id: string, label: string, name: string }
        | { __typename?: 'System', id: string, label: string, name: string }
        | { __typename?: 'Training', id: string, label: string, name: string }
      >, owners: Array<
        | { __typename?: 'AccessRequest', id: string, label: string, name: string }
        | { __typename?: 'Agreement', id: string, label: string, name: string }
        | { __typename?: 'Consent', id: string, label: string, name: string }
        | { __typename?: 'DataElement', id: string, label: string, name: string }
        | { __typename?: 'Destruction', id: string, label: string, name: string }
        | { __typename?: 'Event', id: string, label: string, name: string }
        | { __typename?: 'Flow', id: string, label: string, name: string }
        | { __typename?: 'Incident', id: string, label: string, name: string }
        | { __typename?: 'LegalHold', id: string, label: string, name: string }
        | { __typename?: 'Mandate', id: string, label: string, name: string }
        | { __typename?: 'Organization', id: string, label: string, name: string }
        | { __typename?: 'Person', id: string, label: string, name: string }
        | { __typename?: 'Policy', id: string, label: string, name: string }
        | { __typename?: 'Purpose', id: string, label: string, name: string }
        | { __typename?: 'RetentionRule', id: string, label: string, name: string }
        | { __typename?: 'Role', id: string, label: string, name: string }
        | { __typename?: 'System', id: string, label: string, name: string }
        | { __typename?: 'Training', id: string, label: string, name: string }
      > }
    | { __typename?: 'System', kind: string | null, hosting: string | null, controls: Array<string> | null, decommissionedOn: string | null, id: string, label: string, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, holds: Array<{ __typename?: 'Holding', since: string | null, retentionRule: string | null, element: { __typename?: 'DataElement', id: string, label: string, name: string } | null }>, collects: Array<{ __typename?: 'DataElement', id: string, label: string, name: string }>, operator: { __typename?: 'Organization', id: string, label: string, name: string } | null, host: { __typename?: 'Organization', id: string, label: string, name: string } | null, flowsOut: Array<{ __typename?: 'Flow', id: string, label: string, name: string }>, flowsIn: Array<{ __typename?: 'Flow', id: string, label: string, name: string }>, usedFor: Array<{ __typename?: 'Purpose', id: string, label: string, name: string }>, accessibleBy: Array<{ __typename?: 'Role', id: string, label: string, name: string }>, incidents: Array<{ __typename?: 'Incident', id: string, label: string, name: string }>, destructions: Array<{ __typename?: 'Destruction', id: string, label: string, name: string }>, legalHolds: Array<{ __typename?: 'LegalHold', id: string, label: string, name: string }>, accessRequests: Array<{ __typename?: 'AccessRequest', id: string, label: string, name: string }>, owners: Array<
        | { __typename?: 'AccessRequest', id: string, label: string, name: string }
        | { __typename?: 'Agreement', id: string, label: string, name: string }
        | { __typename?: 'Consent', id: string, label: string, name: string }
        | { __typename?: 'DataElement', id: string, label: string, name: string }
        | { __typename?: 'Destruction', id: string, label: string, name: string }
        | { __typename?: 'Event', id: string, label: string, name: string }
        | { __typename?: 'Flow', id: string, label: string, name: string }
        | { __typename?: 'Incident', id: string, label: string, name: string }
        | { __typename?: 'LegalHold', id: string, label: string, name: string }
        | { __typename?: 'Mandate', id: string, label: string, name: string }
        | { __typename?: 'Organization', id: string, label: string, name: string }
        | { __typename?: 'Person', id: string, label: string, name: string }
        | { __typename?: 'Policy', id: string, label: string, name: string }
        | { __typename?: 'Purpose', id: string, label: string, name: string }
        | { __typename?: 'RetentionRule', id: string, label: string, name: string }
        | { __typename?: 'Role', id: string, label: string, name: string }
        | { __typename?: 'System', id: string, label: string, name: string }
        | { __typename?: 'Training', id: string, label: string, name: string }
      >, stewards: Array<{ __typename?: 'Person', id: string, label: string, name: string }> }
    | { __typename?: 'Training', validFor: string | null, id: string, label: string, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, requiredBy: Array<{ __typename?: 'Role', id: string, label: string, name: string }>, completions: Array<{ __typename?: 'Completion', on: string, node:
          | { __typename?: 'AccessRequest', id: string, label: string, name: string }
          | { __typename?: 'Agreement', id: string, label: string, name: string }
          | { __typename?: 'Consent', id: string, label: string, name: string }
          | { __typename?: 'DataElement', id: string, label: string, name: string }
          | { __typename?: 'Destruction', id: string, label: string, name: string }
          | { __typename?: 'Event', id: string, label: string, name: string }
          | { __typename?: 'Flow', id: string, label: string, name: string }
          | { __typename?: 'Incident', id: string, label: string, name: string }
          | { __typename?: 'LegalHold', id: string, label: string, name: string }
          | { __typename?: 'Mandate', id: string, label: string, name: string }
          | { __typename?: 'Organization', id: string, label: string, name: string }
          | { __typename?: 'Person', id: string, label: string, name: string }
          | { __typename?: 'Policy', id: string, label: string, name: string }
          | { __typename?: 'Purpose', id: string, label: string, name: string }
          | { __typename?: 'RetentionRule', id: string, label: string, name: string }
          | { __typename?: 'Role', id: string, label: string, name: string }
          | { __typename?: 'System', id: string, label: string, name: string }
          | { __typename?: 'Training', id: string, label: string, name: string }
         }> }
   | null };

export type NodeGovernanceQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  asOf: Scalars['String']['input'];
}>;


export type NodeGovernanceQuery = { __typename?: 'Query', responsibility: { __typename?: 'Responsibility', node: string, accountable: boolean, reachesCommittee: boolean, parties: Array<{ __typename?: 'Party', id: string, label: string, name: string, role: string, chain: Array<string> }> }, findings: Array<{ __typename?: 'Finding', rule: string, principle: string, severity: Severity, node: string, message: string, remedy: string, elements: Array<string> }>, changes: Array<{ __typename?: 'Change', seq: number, at: string, actor: string, action: string, target: string, before: unknown | null, after: unknown | null }> };

export type NodeDeadlinesQueryVariables = Exact<{
  asOf: Scalars['String']['input'];
  system: InputMaybe<Array<Scalars['ID']['input']> | Scalars['ID']['input']>;
  element: InputMaybe<Array<Scalars['ID']['input']> | Scalars['ID']['input']>;
}>;


export type NodeDeadlinesQuery = { __typename?: 'Query', deadlines: Array<{ __typename?: 'Deadline', system: string, element: string, cohort: string | null, status: DeadlineStatus, eligibleOn: string | null, dueOn: string | null, explanation: string, heldBy: Array<string> }> };

export type CountsQueryVariables = Exact<{ [key: string]: never; }>;


export type CountsQuery = { __typename?: 'Query', elements: { __typename?: 'DataElementConnection', totalCount: number }, systems: { __typename?: 'SystemConnection', totalCount: number }, flows: { __typename?: 'FlowConnection', totalCount: number }, organizations: { __typename?: 'OrganizationConnection', totalCount: number }, agreements: { __typename?: 'AgreementConnection', totalCount: number }, purposes: { __typename?: 'PurposeConnection', totalCount: number } };

export type CommitteeQueryVariables = Exact<{
  asOf: Scalars['String']['input'];
  since: Scalars['String']['input'];
}>;


export type CommitteeQuery = { __typename?: 'Query', scorecard: Array<{ __typename?: 'ScorecardRow', principle: string, title: string, checks: number, findings: number, high: number, medium: number, low: number }>, overdue: Array<{ __typename?: 'Deadline', system: string, element: string, cohort: string | null, dueOn: string | null }>, due: Array<{ __typename?: 'Deadline', system: string, element: string, cohort: string | null, dueOn: string | null }>, incidents: { __typename?: 'IncidentConnection', nodes: Array<{ __typename?: 'Incident', id: string, name: string, status: string | null, discoveredOn: string | null }> }, accessRequests: { __typename?: 'AccessRequestConnection', nodes: Array<{ __typename?: 'AccessRequest', id: string, name: string, receivedOn: string | null, answeredOn: string | null }> }, changes: Array<{ __typename?: 'Change', seq: number, at: string, actor: string, action: string, target: string }> };

export type ResponsibilityQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ResponsibilityQuery = { __typename?: 'Query', node:
    | { __typename?: 'AccessRequest', id: string, label: string, name: string }
    | { __typename?: 'Agreement', id: string, label: string, name: string }
    | { __typename?: 'Consent', id: string, label: string, name: string }
    | { __typename?: 'DataElement', id: string, label: string, name: string }
    | { __typename?: 'Destruction', id: string, label: string, name: string }
    | { __typename?: 'Event', id: string, label: string, name: string }
    | { __typename?: 'Flow', id: string, label: string, name: string }
    | { __typename?: 'Incident', id: string, label: string, name: string }
    | { __typename?: 'LegalHold', id: string, label: string, name: string }
    | { __typename?: 'Mandate', id: string, label: string, name: string }
    | { __typename?: 'Organization', id: string, label: string, name: string }
    | { __typename?: 'Person', id: string, label: string, name: string }
    | { __typename?: 'Policy', id: string, label: string, name: string }
    | { __typename?: 'Purpose', id: string, label: string, name: string }
    | { __typename?: 'RetentionRule', id: string, label: string, name: string }
    | { __typename?: 'Role', id: string, label: string, name: string }
    | { __typename?: 'System', id: string, label: string, name: string }
    | { __typename?: 'Training', id: string, label: string, name: string }
   | null, responsibility: { __typename?: 'Responsibility', node: string, accountable: boolean, reachesCommittee: boolean, parties: Array<{ __typename?: 'Party', id: string, label: string, name: string, role: string, chain: Array<string> }> } };

export type UnownedQueryVariables = Exact<{
  asOf: Scalars['String']['input'];
}>;


export type UnownedQuery = { __typename?: 'Query', findings: Array<{ __typename?: 'Finding', rule: string, severity: Severity, node: string, message: string, remedy: string }> };

export type SearchQueryVariables = Exact<{
  text: Scalars['String']['input'];
  first: Scalars['Int']['input'];
}>;


export type SearchQuery = { __typename?: 'Query', search: Array<
    | { __typename?: 'AccessRequest', id: string, label: string, name: string, description: string | null }
    | { __typename?: 'Agreement', id: string, label: string, name: string, description: string | null }
    | { __typename?: 'Consent', id: string, label: string, name: string, description: string | null }
    | { __typename?: 'DataElement', id: string, label: string, name: string, description: string | null }
    | { __typename?: 'Destruction', id: string, label: string, name: string, description: string | null }
    | { __typename?: 'Event', id: string, label: string, name: string, description: string | null }
    | { __typename?: 'Flow', id: string, label: string, name: string, description: string | null }
    | { __typename?: 'Incident', id: string, label: string, name: string, description: string | null }
    | { __typename?: 'LegalHold', id: string, label: string, name: string, description: string | null }
    | { __typename?: 'Mandate', id: string, label: string, name: string, description: string | null }
    | { __typename?: 'Organization', id: string, label: string, name: string, description: string | null }
    | { __typename?: 'Person', id: string, label: string, name: string, description: string | null }
    | { __typename?: 'Policy', id: string, label: string, name: string, description: string | null }
    | { __typename?: 'Purpose', id: string, label: string, name: string, description: string | null }
    | { __typename?: 'RetentionRule', id: string, label: string, name: string, description: string | null }
    | { __typename?: 'Role', id: string, label: string, name: string, description: string | null }
    | { __typename?: 'System', id: string, label: string, name: string, description: string | null }
    | { __typename?: 'Training', id: string, label: string, name: string, description: string | null }
  > };

export type WhoCanReadQueryVariables = Exact<{ [key: string]: never; }>;


export type WhoCanReadQuery = { __typename?: 'Query', changes: Array<{ __typename?: 'Change', seq: number }> };
