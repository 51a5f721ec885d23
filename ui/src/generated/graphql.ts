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
  /** An ISO 8601 calendar date: YYYY-MM-DD, such as 2026-06-30. */
  Date: { input: string; output: string; }
  /** The `JSON` scalar type represents JSON values as specified by [ECMA-404](https://ecma-international.org/wp-content/uploads/ECMA-404_2nd_edition_december_2017.pdf). */
  JSON: { input: unknown; output: unknown; }
};

/** The values of AccessRequest.kind. */
export type AccessKind =
  | 'AMEND'
  | 'COPY'
  | 'INSPECT';

/** The values of CAN_ACCESS.level. */
export type AccessLevel =
  | 'admin'
  | 'read'
  | 'write';

/** A new AccessRequest: the keys of its catalog-file mapping. */
export type AccessRequestInput = {
  answeredOn: InputMaybe<Scalars['Date']['input']>;
  cohort: InputMaybe<Scalars['String']['input']>;
  concerns: InputMaybe<Array<Scalars['ID']['input']>>;
  description: InputMaybe<Scalars['String']['input']>;
  id: Scalars['String']['input'];
  kind: AccessKind;
  name: InputMaybe<Scalars['String']['input']>;
  notes: InputMaybe<Scalars['String']['input']>;
  receivedOn: Scalars['Date']['input'];
  requester: ConsentGiver;
};

/** The fields of a AccessRequest to change; null removes one. */
export type AccessRequestPatch = {
  answeredOn: InputMaybe<Scalars['Date']['input']>;
  cohort: InputMaybe<Scalars['String']['input']>;
  concerns: InputMaybe<Array<Scalars['ID']['input']>>;
  description: InputMaybe<Scalars['String']['input']>;
  kind: InputMaybe<AccessKind>;
  name: InputMaybe<Scalars['String']['input']>;
  notes: InputMaybe<Scalars['String']['input']>;
  receivedOn: InputMaybe<Scalars['Date']['input']>;
  requester: InputMaybe<ConsentGiver>;
};

/** The values of RetentionRule.action. */
export type Action =
  | 'ARCHIVE'
  | 'DEIDENTIFY'
  | 'DESTROY'
  | 'REVIEW';

/** A new Agreement: the keys of its catalog-file mapping. */
export type AgreementInput = {
  breachNoticeHours: InputMaybe<Scalars['Int']['input']>;
  covers: InputMaybe<Array<Scalars['ID']['input']>>;
  description: InputMaybe<Scalars['String']['input']>;
  destructionDays: InputMaybe<Scalars['Int']['input']>;
  effectiveOn: InputMaybe<Scalars['Date']['input']>;
  expiresOn: InputMaybe<Scalars['Date']['input']>;
  id: Scalars['String']['input'];
  kind: AgreementKind;
  name: InputMaybe<Scalars['String']['input']>;
  notes: InputMaybe<Scalars['String']['input']>;
  owners: InputMaybe<Array<Scalars['ID']['input']>>;
  permits: InputMaybe<Array<Scalars['ID']['input']>>;
  publicUrl: InputMaybe<Scalars['String']['input']>;
  requiresDestruction: InputMaybe<Array<Scalars['ID']['input']>>;
  requiresTraining: InputMaybe<Array<Scalars['ID']['input']>>;
  signedOn: InputMaybe<Scalars['Date']['input']>;
  stewards: InputMaybe<Array<Scalars['ID']['input']>>;
  subprocessors: InputMaybe<Array<Scalars['ID']['input']>>;
  terminatedOn: InputMaybe<Scalars['Date']['input']>;
  trainingAttestedOn: InputMaybe<Scalars['Date']['input']>;
  with: InputMaybe<Scalars['ID']['input']>;
};

/** The values of Agreement.kind. */
export type AgreementKind =
  | 'CONTRACT'
  | 'DPA'
  | 'MOU'
  | 'NDPA'
  | 'RESEARCH';

/** The fields of a Agreement to change; null removes one. */
export type AgreementPatch = {
  breachNoticeHours: InputMaybe<Scalars['Int']['input']>;
  covers: InputMaybe<Array<Scalars['ID']['input']>>;
  description: InputMaybe<Scalars['String']['input']>;
  destructionDays: InputMaybe<Scalars['Int']['input']>;
  effectiveOn: InputMaybe<Scalars['Date']['input']>;
  expiresOn: InputMaybe<Scalars['Date']['input']>;
  kind: InputMaybe<AgreementKind>;
  name: InputMaybe<Scalars['String']['input']>;
  notes: InputMaybe<Scalars['String']['input']>;
  owners: InputMaybe<Array<Scalars['ID']['input']>>;
  permits: InputMaybe<Array<Scalars['ID']['input']>>;
  publicUrl: InputMaybe<Scalars['String']['input']>;
  requiresDestruction: InputMaybe<Array<Scalars['ID']['input']>>;
  requiresTraining: InputMaybe<Array<Scalars['ID']['input']>>;
  signedOn: InputMaybe<Scalars['Date']['input']>;
  stewards: InputMaybe<Array<Scalars['ID']['input']>>;
  subprocessors: InputMaybe<Array<Scalars['ID']['input']>>;
  terminatedOn: InputMaybe<Scalars['Date']['input']>;
  trainingAttestedOn: InputMaybe<Scalars['Date']['input']>;
  with: InputMaybe<Scalars['ID']['input']>;
};

/** Who must be told of a breach. */
export type BreachAudience =
  | 'DISTRICT'
  | 'FAMILIES'
  | 'STATE';

/** The properties of a CAN_ACCESS relationship. */
export type CanAccessProps = {
  level: InputMaybe<AccessLevel>;
};

/** A CAN_ACCESS relationship: the node at the other end and its properties. */
export type CanAccessRef = {
  level: InputMaybe<AccessLevel>;
  target: Scalars['ID']['input'];
};

/** The properties of a COMPLETED relationship. */
export type CompletedProps = {
  on: Scalars['Date']['input'];
};

/** A COMPLETED relationship: the node at the other end and its properties. */
export type CompletedRef = {
  on: Scalars['Date']['input'];
  training: Scalars['ID']['input'];
};

/** The values of Consent.givenBy, AccessRequest.requester. */
export type ConsentGiver =
  | 'ELIGIBLE_STUDENT'
  | 'PARENT';

/** A new Consent: the keys of its catalog-file mapping. */
export type ConsentInput = {
  collectedFrom: InputMaybe<Scalars['Date']['input']>;
  covers: InputMaybe<Array<Scalars['ID']['input']>>;
  description: InputMaybe<Scalars['String']['input']>;
  expiresOn: InputMaybe<Scalars['Date']['input']>;
  for: InputMaybe<Array<Scalars['ID']['input']>>;
  formUrl: InputMaybe<Scalars['String']['input']>;
  givenBy: ConsentGiver;
  id: Scalars['String']['input'];
  name: Scalars['String']['input'];
  notes: InputMaybe<Scalars['String']['input']>;
  owners: InputMaybe<Array<Scalars['ID']['input']>>;
  stewards: InputMaybe<Array<Scalars['ID']['input']>>;
  withdrawnOn: InputMaybe<Scalars['Date']['input']>;
};

/** The fields of a Consent to change; null removes one. */
export type ConsentPatch = {
  collectedFrom: InputMaybe<Scalars['Date']['input']>;
  covers: InputMaybe<Array<Scalars['ID']['input']>>;
  description: InputMaybe<Scalars['String']['input']>;
  expiresOn: InputMaybe<Scalars['Date']['input']>;
  for: InputMaybe<Array<Scalars['ID']['input']>>;
  formUrl: InputMaybe<Scalars['String']['input']>;
  givenBy: InputMaybe<ConsentGiver>;
  name: InputMaybe<Scalars['String']['input']>;
  notes: InputMaybe<Scalars['String']['input']>;
  owners: InputMaybe<Array<Scalars['ID']['input']>>;
  stewards: InputMaybe<Array<Scalars['ID']['input']>>;
  withdrawnOn: InputMaybe<Scalars['Date']['input']>;
};

/** Who to contact at an organization. */
export type ContactInput = {
  email: InputMaybe<Scalars['String']['input']>;
  name: InputMaybe<Scalars['String']['input']>;
  url: InputMaybe<Scalars['String']['input']>;
};

/** The values of System.controls. */
export type Control =
  | 'AUDIT_LOG'
  | 'BACKUP'
  | 'ENCRYPTION_AT_REST'
  | 'ENCRYPTION_IN_TRANSIT'
  | 'MFA'
  | 'SSO';

/** A new DataElement: the keys of its catalog-file mapping. */
export type DataElementInput = {
  category: ElementCategory;
  definition: InputMaybe<Scalars['String']['input']>;
  derivedFrom: InputMaybe<Array<DerivedFromRef>>;
  description: InputMaybe<Scalars['String']['input']>;
  id: Scalars['String']['input'];
  name: Scalars['String']['input'];
  notes: InputMaybe<Scalars['String']['input']>;
  owners: InputMaybe<Array<Scalars['ID']['input']>>;
  public: InputMaybe<Scalars['Boolean']['input']>;
  retainedUnder: InputMaybe<Scalars['ID']['input']>;
  sensitivity: Sensitivity;
  standardRef: InputMaybe<Scalars['String']['input']>;
  stewards: InputMaybe<Array<Scalars['ID']['input']>>;
  subject: Subject;
  usedFor: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** The fields of a DataElement to change; null removes one. */
export type DataElementPatch = {
  category: InputMaybe<ElementCategory>;
  definition: InputMaybe<Scalars['String']['input']>;
  derivedFrom: InputMaybe<Array<DerivedFromRef>>;
  description: InputMaybe<Scalars['String']['input']>;
  name: InputMaybe<Scalars['String']['input']>;
  notes: InputMaybe<Scalars['String']['input']>;
  owners: InputMaybe<Array<Scalars['ID']['input']>>;
  public: InputMaybe<Scalars['Boolean']['input']>;
  retainedUnder: InputMaybe<Scalars['ID']['input']>;
  sensitivity: InputMaybe<Sensitivity>;
  standardRef: InputMaybe<Scalars['String']['input']>;
  stewards: InputMaybe<Array<Scalars['ID']['input']>>;
  subject: InputMaybe<Subject>;
  usedFor: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** A new DatasetMapping: the keys of its catalog-file mapping. */
export type DatasetMappingInput = {
  description: InputMaybe<Scalars['String']['input']>;
  fields: InputMaybe<Array<MapsFieldRef>>;
  id: Scalars['String']['input'];
  name: InputMaybe<Scalars['String']['input']>;
  namePattern: Scalars['String']['input'];
  namespace: Scalars['String']['input'];
  notes: InputMaybe<Scalars['String']['input']>;
  system: InputMaybe<Scalars['ID']['input']>;
};

/** The fields of a DatasetMapping to change; null removes one. */
export type DatasetMappingPatch = {
  description: InputMaybe<Scalars['String']['input']>;
  fields: InputMaybe<Array<MapsFieldRef>>;
  name: InputMaybe<Scalars['String']['input']>;
  namePattern: InputMaybe<Scalars['String']['input']>;
  namespace: InputMaybe<Scalars['String']['input']>;
  notes: InputMaybe<Scalars['String']['input']>;
  system: InputMaybe<Scalars['ID']['input']>;
};

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

/** The properties of a DERIVED_FROM relationship. */
export type DerivedFromProps = {
  transform: InputMaybe<Scalars['String']['input']>;
};

/** A DERIVED_FROM relationship: the node at the other end and its properties. */
export type DerivedFromRef = {
  element: Scalars['ID']['input'];
  transform: InputMaybe<Scalars['String']['input']>;
};

/** A new Destruction: the keys of its catalog-file mapping. */
export type DestructionInput = {
  certificateUrl: InputMaybe<Scalars['String']['input']>;
  cohort: InputMaybe<Scalars['String']['input']>;
  description: InputMaybe<Scalars['String']['input']>;
  id: Scalars['String']['input'];
  in: InputMaybe<Scalars['ID']['input']>;
  method: InputMaybe<Scalars['String']['input']>;
  name: InputMaybe<Scalars['String']['input']>;
  notes: InputMaybe<Scalars['String']['input']>;
  of: InputMaybe<Array<Scalars['ID']['input']>>;
  performedOn: Scalars['Date']['input'];
};

/** The fields of a Destruction to change; null removes one. */
export type DestructionPatch = {
  certificateUrl: InputMaybe<Scalars['String']['input']>;
  cohort: InputMaybe<Scalars['String']['input']>;
  description: InputMaybe<Scalars['String']['input']>;
  in: InputMaybe<Scalars['ID']['input']>;
  method: InputMaybe<Scalars['String']['input']>;
  name: InputMaybe<Scalars['String']['input']>;
  notes: InputMaybe<Scalars['String']['input']>;
  of: InputMaybe<Array<Scalars['ID']['input']>>;
  performedOn: InputMaybe<Scalars['Date']['input']>;
};

/** The values of DataElement.category. */
export type ElementCategory =
  | 'assessment'
  | 'attendance'
  | 'contact'
  | 'demographic'
  | 'derived'
  | 'discipline'
  | 'enrollment'
  | 'grades'
  | 'health'
  | 'identity'
  | 'program'
  | 'special_education';

/** A new Event: the keys of its catalog-file mapping. */
export type EventInput = {
  cohort: InputMaybe<Scalars['String']['input']>;
  concerns: InputMaybe<Array<Scalars['ID']['input']>>;
  description: InputMaybe<Scalars['String']['input']>;
  id: Scalars['String']['input'];
  kind: Trigger;
  name: InputMaybe<Scalars['String']['input']>;
  notes: InputMaybe<Scalars['String']['input']>;
  occurredOn: Scalars['Date']['input'];
  topic: InputMaybe<Scalars['String']['input']>;
};

/** The fields of a Event to change; null removes one. */
export type EventPatch = {
  cohort: InputMaybe<Scalars['String']['input']>;
  concerns: InputMaybe<Array<Scalars['ID']['input']>>;
  description: InputMaybe<Scalars['String']['input']>;
  kind: InputMaybe<Trigger>;
  name: InputMaybe<Scalars['String']['input']>;
  notes: InputMaybe<Scalars['String']['input']>;
  occurredOn: InputMaybe<Scalars['Date']['input']>;
  topic: InputMaybe<Scalars['String']['input']>;
};

/** A new Flow: the keys of its catalog-file mapping. */
export type FlowInput = {
  carries: InputMaybe<Array<Scalars['ID']['input']>>;
  description: InputMaybe<Scalars['String']['input']>;
  endedOn: InputMaybe<Scalars['Date']['input']>;
  for: InputMaybe<Array<Scalars['ID']['input']>>;
  frequency: InputMaybe<Scalars['String']['input']>;
  from: InputMaybe<Scalars['ID']['input']>;
  id: Scalars['String']['input'];
  lastObservedAt: InputMaybe<Scalars['String']['input']>;
  lastRunId: InputMaybe<Scalars['String']['input']>;
  method: InputMaybe<FlowMethod>;
  name: InputMaybe<Scalars['String']['input']>;
  notes: InputMaybe<Scalars['String']['input']>;
  owners: InputMaybe<Array<Scalars['ID']['input']>>;
  startedOn: InputMaybe<Scalars['Date']['input']>;
  stewards: InputMaybe<Array<Scalars['ID']['input']>>;
  to: InputMaybe<Scalars['ID']['input']>;
  under: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** The values of Flow.method. */
export type FlowMethod =
  | 'API'
  | 'EMAIL'
  | 'FILE'
  | 'MANUAL'
  | 'SFTP'
  | 'STREAM';

/** The fields of a Flow to change; null removes one. */
export type FlowPatch = {
  carries: InputMaybe<Array<Scalars['ID']['input']>>;
  description: InputMaybe<Scalars['String']['input']>;
  endedOn: InputMaybe<Scalars['Date']['input']>;
  for: InputMaybe<Array<Scalars['ID']['input']>>;
  frequency: InputMaybe<Scalars['String']['input']>;
  from: InputMaybe<Scalars['ID']['input']>;
  lastObservedAt: InputMaybe<Scalars['String']['input']>;
  lastRunId: InputMaybe<Scalars['String']['input']>;
  method: InputMaybe<FlowMethod>;
  name: InputMaybe<Scalars['String']['input']>;
  notes: InputMaybe<Scalars['String']['input']>;
  owners: InputMaybe<Array<Scalars['ID']['input']>>;
  startedOn: InputMaybe<Scalars['Date']['input']>;
  stewards: InputMaybe<Array<Scalars['ID']['input']>>;
  to: InputMaybe<Scalars['ID']['input']>;
  under: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** The properties of a HOLDS relationship. */
export type HoldsProps = {
  retentionRule: InputMaybe<Scalars['String']['input']>;
  since: InputMaybe<Scalars['Date']['input']>;
};

/** A HOLDS relationship: the node at the other end and its properties. */
export type HoldsRef = {
  element: Scalars['ID']['input'];
  retentionRule: InputMaybe<Scalars['String']['input']>;
  since: InputMaybe<Scalars['Date']['input']>;
};

/** A new Incident: the keys of its catalog-file mapping. */
export type IncidentInput = {
  affects: InputMaybe<Array<Scalars['ID']['input']>>;
  description: InputMaybe<Scalars['String']['input']>;
  discoveredBy: InputMaybe<Scalars['ID']['input']>;
  discoveredOn: Scalars['Date']['input'];
  familiesNotifiedOn: InputMaybe<Scalars['Date']['input']>;
  id: Scalars['String']['input'];
  name: Scalars['String']['input'];
  notes: InputMaybe<Scalars['String']['input']>;
  reportedOn: InputMaybe<Scalars['Date']['input']>;
  reviewedOn: InputMaybe<Scalars['Date']['input']>;
  severity: Severity;
  stateNotifiedOn: InputMaybe<Scalars['Date']['input']>;
  status: IncidentStatus;
  studentsAffected: InputMaybe<Scalars['Int']['input']>;
};

/** The fields of a Incident to change; null removes one. */
export type IncidentPatch = {
  affects: InputMaybe<Array<Scalars['ID']['input']>>;
  description: InputMaybe<Scalars['String']['input']>;
  discoveredBy: InputMaybe<Scalars['ID']['input']>;
  discoveredOn: InputMaybe<Scalars['Date']['input']>;
  familiesNotifiedOn: InputMaybe<Scalars['Date']['input']>;
  name: InputMaybe<Scalars['String']['input']>;
  notes: InputMaybe<Scalars['String']['input']>;
  reportedOn: InputMaybe<Scalars['Date']['input']>;
  reviewedOn: InputMaybe<Scalars['Date']['input']>;
  severity: InputMaybe<Severity>;
  stateNotifiedOn: InputMaybe<Scalars['Date']['input']>;
  status: InputMaybe<IncidentStatus>;
  studentsAffected: InputMaybe<Scalars['Int']['input']>;
};

/** The values of Incident.status. */
export type IncidentStatus =
  | 'CLOSED'
  | 'CONTAINED'
  | 'OPEN';

/** The label of a node: what kind of thing it is. */
export type Label =
  | 'AccessRequest'
  | 'Agreement'
  | 'Consent'
  | 'DataElement'
  | 'DatasetMapping'
  | 'Destruction'
  | 'Event'
  | 'Flow'
  | 'Incident'
  | 'LegalHold'
  | 'Mandate'
  | 'Organization'
  | 'PendingObservation'
  | 'Person'
  | 'Policy'
  | 'Purpose'
  | 'RetentionRule'
  | 'Role'
  | 'System'
  | 'Training';

/** A new LegalHold: the keys of its catalog-file mapping. */
export type LegalHoldInput = {
  cohorts: InputMaybe<Array<Scalars['String']['input']>>;
  covers: InputMaybe<Array<Scalars['ID']['input']>>;
  description: InputMaybe<Scalars['String']['input']>;
  id: Scalars['String']['input'];
  in: InputMaybe<Array<Scalars['ID']['input']>>;
  name: Scalars['String']['input'];
  notes: InputMaybe<Scalars['String']['input']>;
  placedOn: Scalars['Date']['input'];
  reason: InputMaybe<Scalars['String']['input']>;
  releasedOn: InputMaybe<Scalars['Date']['input']>;
};

/** The fields of a LegalHold to change; null removes one. */
export type LegalHoldPatch = {
  cohorts: InputMaybe<Array<Scalars['String']['input']>>;
  covers: InputMaybe<Array<Scalars['ID']['input']>>;
  description: InputMaybe<Scalars['String']['input']>;
  in: InputMaybe<Array<Scalars['ID']['input']>>;
  name: InputMaybe<Scalars['String']['input']>;
  notes: InputMaybe<Scalars['String']['input']>;
  placedOn: InputMaybe<Scalars['Date']['input']>;
  reason: InputMaybe<Scalars['String']['input']>;
  releasedOn: InputMaybe<Scalars['Date']['input']>;
};

/** Which way lineage goes: where data goes, where it came from, or both. */
export type LineageDirection =
  | 'BOTH'
  | 'DOWN'
  | 'UP';

/** A new Mandate: the keys of its catalog-file mapping. */
export type MandateInput = {
  citation: Scalars['String']['input'];
  covers: InputMaybe<Array<Scalars['ID']['input']>>;
  description: InputMaybe<Scalars['String']['input']>;
  for: InputMaybe<Array<Scalars['ID']['input']>>;
  id: Scalars['String']['input'];
  name: Scalars['String']['input'];
  notes: InputMaybe<Scalars['String']['input']>;
  owners: InputMaybe<Array<Scalars['ID']['input']>>;
  stewards: InputMaybe<Array<Scalars['ID']['input']>>;
  url: InputMaybe<Scalars['String']['input']>;
};

/** The fields of a Mandate to change; null removes one. */
export type MandatePatch = {
  citation: InputMaybe<Scalars['String']['input']>;
  covers: InputMaybe<Array<Scalars['ID']['input']>>;
  description: InputMaybe<Scalars['String']['input']>;
  for: InputMaybe<Array<Scalars['ID']['input']>>;
  name: InputMaybe<Scalars['String']['input']>;
  notes: InputMaybe<Scalars['String']['input']>;
  owners: InputMaybe<Array<Scalars['ID']['input']>>;
  stewards: InputMaybe<Array<Scalars['ID']['input']>>;
  url: InputMaybe<Scalars['String']['input']>;
};

/** The properties of a MAPS_FIELD relationship. */
export type MapsFieldProps = {
  field: Scalars['String']['input'];
};

/** A MAPS_FIELD relationship: the node at the other end and its properties. */
export type MapsFieldRef = {
  element: Scalars['ID']['input'];
  field: Scalars['String']['input'];
};

/** Where a breach notice stands on the date asked. */
export type NoticeStatus =
  | 'DUE'
  | 'GIVEN'
  | 'LATE'
  | 'NOT_STARTED'
  | 'NO_PERIOD'
  | 'OVERDUE';

/** The values of Organization.kind. */
export type OrgKind =
  | 'COMMITTEE'
  | 'DISTRICT'
  | 'FEDERAL_AGENCY'
  | 'OTHER'
  | 'RESEARCHER'
  | 'SCHOOL'
  | 'SERVICE_PROVIDER'
  | 'STATE_AGENCY';

/** A new Organization: the keys of its catalog-file mapping. */
export type OrganizationInput = {
  accessResponseDays: InputMaybe<Scalars['Int']['input']>;
  accountableTo: InputMaybe<Array<Scalars['ID']['input']>>;
  contact: InputMaybe<ContactInput>;
  description: InputMaybe<Scalars['String']['input']>;
  familyNoticeDays: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['String']['input'];
  kind: OrgKind;
  name: Scalars['String']['input'];
  notes: InputMaybe<Scalars['String']['input']>;
  owners: InputMaybe<Array<Scalars['ID']['input']>>;
  stateNoticeDays: InputMaybe<Scalars['Int']['input']>;
  stewards: InputMaybe<Array<Scalars['ID']['input']>>;
  url: InputMaybe<Scalars['String']['input']>;
};

/** The fields of a Organization to change; null removes one. */
export type OrganizationPatch = {
  accessResponseDays: InputMaybe<Scalars['Int']['input']>;
  accountableTo: InputMaybe<Array<Scalars['ID']['input']>>;
  contact: InputMaybe<ContactInput>;
  description: InputMaybe<Scalars['String']['input']>;
  familyNoticeDays: InputMaybe<Scalars['Int']['input']>;
  kind: InputMaybe<OrgKind>;
  name: InputMaybe<Scalars['String']['input']>;
  notes: InputMaybe<Scalars['String']['input']>;
  owners: InputMaybe<Array<Scalars['ID']['input']>>;
  stateNoticeDays: InputMaybe<Scalars['Int']['input']>;
  stewards: InputMaybe<Array<Scalars['ID']['input']>>;
  url: InputMaybe<Scalars['String']['input']>;
};

/** A new PendingObservation: the keys of its catalog-file mapping. */
export type PendingObservationInput = {
  dataset: Scalars['String']['input'];
  description: InputMaybe<Scalars['String']['input']>;
  fields: InputMaybe<Array<Scalars['String']['input']>>;
  id: Scalars['String']['input'];
  job: InputMaybe<Scalars['String']['input']>;
  lastObservedAt: InputMaybe<Scalars['String']['input']>;
  lastRunId: InputMaybe<Scalars['String']['input']>;
  name: InputMaybe<Scalars['String']['input']>;
  namespace: Scalars['String']['input'];
  notes: InputMaybe<Scalars['String']['input']>;
};

/** The fields of a PendingObservation to change; null removes one. */
export type PendingObservationPatch = {
  dataset: InputMaybe<Scalars['String']['input']>;
  description: InputMaybe<Scalars['String']['input']>;
  fields: InputMaybe<Array<Scalars['String']['input']>>;
  job: InputMaybe<Scalars['String']['input']>;
  lastObservedAt: InputMaybe<Scalars['String']['input']>;
  lastRunId: InputMaybe<Scalars['String']['input']>;
  name: InputMaybe<Scalars['String']['input']>;
  namespace: InputMaybe<Scalars['String']['input']>;
  notes: InputMaybe<Scalars['String']['input']>;
};

/** A new Person: the keys of its catalog-file mapping. */
export type PersonInput = {
  completed: InputMaybe<Array<CompletedRef>>;
  description: InputMaybe<Scalars['String']['input']>;
  email: InputMaybe<Scalars['String']['input']>;
  id: Scalars['String']['input'];
  memberOf: InputMaybe<Array<Scalars['ID']['input']>>;
  name: Scalars['String']['input'];
  notes: InputMaybe<Scalars['String']['input']>;
  roles: InputMaybe<Array<Scalars['ID']['input']>>;
  title: InputMaybe<Scalars['String']['input']>;
};

/** The fields of a Person to change; null removes one. */
export type PersonPatch = {
  completed: InputMaybe<Array<CompletedRef>>;
  description: InputMaybe<Scalars['String']['input']>;
  email: InputMaybe<Scalars['String']['input']>;
  memberOf: InputMaybe<Array<Scalars['ID']['input']>>;
  name: InputMaybe<Scalars['String']['input']>;
  notes: InputMaybe<Scalars['String']['input']>;
  roles: InputMaybe<Array<Scalars['ID']['input']>>;
  title: InputMaybe<Scalars['String']['input']>;
};

/** A new Policy: the keys of its catalog-file mapping. */
export type PolicyInput = {
  adoptedBy: InputMaybe<Array<Scalars['ID']['input']>>;
  adoptedOn: InputMaybe<Scalars['Date']['input']>;
  description: InputMaybe<Scalars['String']['input']>;
  id: Scalars['String']['input'];
  kind: PolicyKind;
  name: Scalars['String']['input'];
  notes: InputMaybe<Scalars['String']['input']>;
  owners: InputMaybe<Array<Scalars['ID']['input']>>;
  public: InputMaybe<Scalars['Boolean']['input']>;
  reviewedOn: InputMaybe<Scalars['Date']['input']>;
  stewards: InputMaybe<Array<Scalars['ID']['input']>>;
  url: InputMaybe<Scalars['String']['input']>;
};

/** The values of Policy.kind. */
export type PolicyKind =
  | 'ACCEPTABLE_USE'
  | 'ANNUAL_NOTICE'
  | 'BREACH_RESPONSE'
  | 'PRIVACY'
  | 'RETENTION'
  | 'SECURITY'
  | 'TRAINING';

/** The fields of a Policy to change; null removes one. */
export type PolicyPatch = {
  adoptedBy: InputMaybe<Array<Scalars['ID']['input']>>;
  adoptedOn: InputMaybe<Scalars['Date']['input']>;
  description: InputMaybe<Scalars['String']['input']>;
  kind: InputMaybe<PolicyKind>;
  name: InputMaybe<Scalars['String']['input']>;
  notes: InputMaybe<Scalars['String']['input']>;
  owners: InputMaybe<Array<Scalars['ID']['input']>>;
  public: InputMaybe<Scalars['Boolean']['input']>;
  reviewedOn: InputMaybe<Scalars['Date']['input']>;
  stewards: InputMaybe<Array<Scalars['ID']['input']>>;
  url: InputMaybe<Scalars['String']['input']>;
};

/** The values of Purpose.category. */
export type PurposeCategory =
  | 'ASSESSMENT'
  | 'INSTRUCTION'
  | 'MARKETING'
  | 'OPERATIONS'
  | 'REPORTING'
  | 'RESEARCH'
  | 'SAFETY';

/** A new Purpose: the keys of its catalog-file mapping. */
export type PurposeInput = {
  automatedDecision: InputMaybe<Scalars['Boolean']['input']>;
  category: PurposeCategory;
  description: InputMaybe<Scalars['String']['input']>;
  educational: InputMaybe<Scalars['Boolean']['input']>;
  humanReview: InputMaybe<Scalars['Boolean']['input']>;
  id: Scalars['String']['input'];
  name: Scalars['String']['input'];
  notes: InputMaybe<Scalars['String']['input']>;
  owners: InputMaybe<Array<Scalars['ID']['input']>>;
  requires: InputMaybe<Array<Scalars['ID']['input']>>;
  stewards: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** The fields of a Purpose to change; null removes one. */
export type PurposePatch = {
  automatedDecision: InputMaybe<Scalars['Boolean']['input']>;
  category: InputMaybe<PurposeCategory>;
  description: InputMaybe<Scalars['String']['input']>;
  educational: InputMaybe<Scalars['Boolean']['input']>;
  humanReview: InputMaybe<Scalars['Boolean']['input']>;
  name: InputMaybe<Scalars['String']['input']>;
  notes: InputMaybe<Scalars['String']['input']>;
  owners: InputMaybe<Array<Scalars['ID']['input']>>;
  requires: InputMaybe<Array<Scalars['ID']['input']>>;
  stewards: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** The type of a relationship, written as in the graph: (System)-[:HOLDS]->(DataElement). */
export type RelType =
  | 'ACCOUNTABLE_TO'
  | 'ADOPTED'
  | 'AFFECTS'
  | 'ALLOWS_SUBPROCESSOR'
  | 'CAN_ACCESS'
  | 'CARRIES'
  | 'COLLECTS'
  | 'COMPLETED'
  | 'CONCERNS'
  | 'COVERS'
  | 'DERIVED_FROM'
  | 'DISCOVERED_BY'
  | 'FOR'
  | 'FROM'
  | 'HAS_ROLE'
  | 'HOLDS'
  | 'HOSTS'
  | 'IN'
  | 'MAPS_FIELD'
  | 'MAPS_TO'
  | 'MEMBER_OF'
  | 'OF'
  | 'OPERATES'
  | 'OWNS'
  | 'PERMITS'
  | 'REQUIRES'
  | 'REQUIRES_DESTRUCTION'
  | 'REQUIRES_TRAINING'
  | 'RETAINED_UNDER'
  | 'SERVES'
  | 'STEWARDS'
  | 'TO'
  | 'UNDER'
  | 'USED_FOR'
  | 'WITH';

/** A new RetentionRule: the keys of its catalog-file mapping. */
export type RetentionRuleInput = {
  action: Action;
  authority: InputMaybe<Scalars['String']['input']>;
  description: InputMaybe<Scalars['String']['input']>;
  id: Scalars['String']['input'];
  keepAtLeast: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  notes: InputMaybe<Scalars['String']['input']>;
  owners: InputMaybe<Array<Scalars['ID']['input']>>;
  period: InputMaybe<Scalars['String']['input']>;
  stewards: InputMaybe<Array<Scalars['ID']['input']>>;
  topic: InputMaybe<Scalars['String']['input']>;
  trigger: Trigger;
};

/** The fields of a RetentionRule to change; null removes one. */
export type RetentionRulePatch = {
  action: InputMaybe<Action>;
  authority: InputMaybe<Scalars['String']['input']>;
  description: InputMaybe<Scalars['String']['input']>;
  keepAtLeast: InputMaybe<Scalars['String']['input']>;
  name: InputMaybe<Scalars['String']['input']>;
  notes: InputMaybe<Scalars['String']['input']>;
  owners: InputMaybe<Array<Scalars['ID']['input']>>;
  period: InputMaybe<Scalars['String']['input']>;
  stewards: InputMaybe<Array<Scalars['ID']['input']>>;
  topic: InputMaybe<Scalars['String']['input']>;
  trigger: InputMaybe<Trigger>;
};

/** A new Role: the keys of its catalog-file mapping. */
export type RoleInput = {
  canAccess: InputMaybe<Array<CanAccessRef>>;
  description: InputMaybe<Scalars['String']['input']>;
  id: Scalars['String']['input'];
  name: Scalars['String']['input'];
  notes: InputMaybe<Scalars['String']['input']>;
  owners: InputMaybe<Array<Scalars['ID']['input']>>;
  requiresTraining: InputMaybe<Array<Scalars['ID']['input']>>;
  serves: InputMaybe<Array<Scalars['ID']['input']>>;
  stewards: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** The fields of a Role to change; null removes one. */
export type RolePatch = {
  canAccess: InputMaybe<Array<CanAccessRef>>;
  description: InputMaybe<Scalars['String']['input']>;
  name: InputMaybe<Scalars['String']['input']>;
  notes: InputMaybe<Scalars['String']['input']>;
  owners: InputMaybe<Array<Scalars['ID']['input']>>;
  requiresTraining: InputMaybe<Array<Scalars['ID']['input']>>;
  serves: InputMaybe<Array<Scalars['ID']['input']>>;
  stewards: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** The values of DataElement.sensitivity. */
export type Sensitivity =
  | 'AGGREGATE'
  | 'DEIDENTIFIED'
  | 'DIRECTORY'
  | 'PII'
  | 'SENSITIVE';

/** How serious an incident is, or how urgent a finding. */
export type Severity =
  | 'CRITICAL'
  | 'HIGH'
  | 'LOW'
  | 'MEDIUM';

/** The values of DataElement.subject. */
export type Subject =
  | 'PARENT'
  | 'STAFF'
  | 'STUDENT';

/** A new System: the keys of its catalog-file mapping. */
export type SystemInput = {
  collects: InputMaybe<Array<Scalars['ID']['input']>>;
  controls: InputMaybe<Array<Control>>;
  decommissionedOn: InputMaybe<Scalars['Date']['input']>;
  description: InputMaybe<Scalars['String']['input']>;
  holds: InputMaybe<Array<HoldsRef>>;
  hostedBy: InputMaybe<Scalars['ID']['input']>;
  hosting: InputMaybe<Scalars['String']['input']>;
  id: Scalars['String']['input'];
  kind: SystemKind;
  name: Scalars['String']['input'];
  notes: InputMaybe<Scalars['String']['input']>;
  operatedBy: InputMaybe<Scalars['ID']['input']>;
  owners: InputMaybe<Array<Scalars['ID']['input']>>;
  stewards: InputMaybe<Array<Scalars['ID']['input']>>;
  usedFor: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** The values of System.kind. */
export type SystemKind =
  | 'APPLICATION'
  | 'ASSESSMENT'
  | 'FILE_STORE'
  | 'LMS'
  | 'REPORTING'
  | 'SIS'
  | 'WAREHOUSE';

/** The fields of a System to change; null removes one. */
export type SystemPatch = {
  collects: InputMaybe<Array<Scalars['ID']['input']>>;
  controls: InputMaybe<Array<Control>>;
  decommissionedOn: InputMaybe<Scalars['Date']['input']>;
  description: InputMaybe<Scalars['String']['input']>;
  holds: InputMaybe<Array<HoldsRef>>;
  hostedBy: InputMaybe<Scalars['ID']['input']>;
  hosting: InputMaybe<Scalars['String']['input']>;
  kind: InputMaybe<SystemKind>;
  name: InputMaybe<Scalars['String']['input']>;
  notes: InputMaybe<Scalars['String']['input']>;
  operatedBy: InputMaybe<Scalars['ID']['input']>;
  owners: InputMaybe<Array<Scalars['ID']['input']>>;
  stewards: InputMaybe<Array<Scalars['ID']['input']>>;
  usedFor: InputMaybe<Array<Scalars['ID']['input']>>;
};

/** What a token may do: each role what the ones below it may. */
export type TokenRole =
  | 'ADMIN'
  | 'PUBLIC'
  | 'STEWARD'
  | 'VIEWER';

/** A new Training: the keys of its catalog-file mapping. */
export type TrainingInput = {
  description: InputMaybe<Scalars['String']['input']>;
  id: Scalars['String']['input'];
  name: Scalars['String']['input'];
  notes: InputMaybe<Scalars['String']['input']>;
  owners: InputMaybe<Array<Scalars['ID']['input']>>;
  stewards: InputMaybe<Array<Scalars['ID']['input']>>;
  validFor: InputMaybe<Scalars['String']['input']>;
};

/** The fields of a Training to change; null removes one. */
export type TrainingPatch = {
  description: InputMaybe<Scalars['String']['input']>;
  name: InputMaybe<Scalars['String']['input']>;
  notes: InputMaybe<Scalars['String']['input']>;
  owners: InputMaybe<Array<Scalars['ID']['input']>>;
  stewards: InputMaybe<Array<Scalars['ID']['input']>>;
  validFor: InputMaybe<Scalars['String']['input']>;
};

/** The values of RetentionRule.trigger, Event.kind. */
export type Trigger =
  | 'AGREEMENT_END'
  | 'COLLECTION'
  | 'DECOMMISSION'
  | 'EVENT'
  | 'GRADUATION'
  | 'SCHOOL_YEAR_END'
  | 'WITHDRAWAL';

export type ChangesQueryVariables = Exact<{
  since: InputMaybe<Scalars['String']['input']>;
  until: InputMaybe<Scalars['String']['input']>;
  nodeId: InputMaybe<Scalars['ID']['input']>;
  actor: InputMaybe<Scalars['String']['input']>;
  before: InputMaybe<Scalars['Int']['input']>;
  after: InputMaybe<Scalars['Int']['input']>;
  newestFirst: Scalars['Boolean']['input'];
  first: Scalars['Int']['input'];
}>;


export type ChangesQuery = { __typename?: 'Query', changes: Array<{ __typename?: 'Change', seq: number, at: string, actor: string, action: string, target: string, before: unknown | null, after: unknown | null }> };

export type CreateDataElementMutationVariables = Exact<{
  input: DataElementInput;
}>;


export type CreateDataElementMutation = { __typename?: 'Mutation', createDataElement: { __typename?: 'DataElement', id: string } };

export type UpdateDataElementMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  patch: DataElementPatch;
}>;


export type UpdateDataElementMutation = { __typename?: 'Mutation', updateDataElement: { __typename?: 'DataElement', id: string } };

export type DeleteDataElementMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteDataElementMutation = { __typename?: 'Mutation', deleteDataElement: string };

export type CreateSystemMutationVariables = Exact<{
  input: SystemInput;
}>;


export type CreateSystemMutation = { __typename?: 'Mutation', createSystem: { __typename?: 'System', id: string } };

export type UpdateSystemMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  patch: SystemPatch;
}>;


export type UpdateSystemMutation = { __typename?: 'Mutation', updateSystem: { __typename?: 'System', id: string } };

export type DeleteSystemMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteSystemMutation = { __typename?: 'Mutation', deleteSystem: string };

export type CreateFlowMutationVariables = Exact<{
  input: FlowInput;
}>;


export type CreateFlowMutation = { __typename?: 'Mutation', createFlow: { __typename?: 'Flow', id: string } };

export type UpdateFlowMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  patch: FlowPatch;
}>;


export type UpdateFlowMutation = { __typename?: 'Mutation', updateFlow: { __typename?: 'Flow', id: string } };

export type DeleteFlowMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteFlowMutation = { __typename?: 'Mutation', deleteFlow: string };

export type CreateAgreementMutationVariables = Exact<{
  input: AgreementInput;
}>;


export type CreateAgreementMutation = { __typename?: 'Mutation', createAgreement: { __typename?: 'Agreement', id: string } };

export type UpdateAgreementMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  patch: AgreementPatch;
}>;


export type UpdateAgreementMutation = { __typename?: 'Mutation', updateAgreement: { __typename?: 'Agreement', id: string } };

export type DeleteAgreementMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteAgreementMutation = { __typename?: 'Mutation', deleteAgreement: string };

export type CreateRetentionRuleMutationVariables = Exact<{
  input: RetentionRuleInput;
}>;


export type CreateRetentionRuleMutation = { __typename?: 'Mutation', createRetentionRule: { __typename?: 'RetentionRule', id: string } };

export type UpdateRetentionRuleMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  patch: RetentionRulePatch;
}>;


export type UpdateRetentionRuleMutation = { __typename?: 'Mutation', updateRetentionRule: { __typename?: 'RetentionRule', id: string } };

export type DeleteRetentionRuleMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteRetentionRuleMutation = { __typename?: 'Mutation', deleteRetentionRule: string };

export type DeadlinesQueryVariables = Exact<{
  asOf: Scalars['Date']['input'];
  status: InputMaybe<Array<DeadlineStatus> | DeadlineStatus>;
  system: InputMaybe<Array<Scalars['ID']['input']> | Scalars['ID']['input']>;
  cohort: InputMaybe<Array<Scalars['String']['input']> | Scalars['String']['input']>;
}>;


export type DeadlinesQuery = { __typename?: 'Query', deadlines: Array<{ __typename?: 'Deadline', system: string, element: string, cohort: string | null, status: DeadlineStatus, eligibleOn: string | null, dueOn: string | null, action: Action | null, rule: string | null, conflict: boolean, boundBySystem: string | null, heldBy: Array<string>, destroyedBy: string | null, destroyedOn: string | null, explanation: string }> };

export type ProviderSystemsQueryVariables = Exact<{
  provider: Scalars['String']['input'];
}>;


export type ProviderSystemsQuery = { __typename?: 'Query', systems: { __typename?: 'SystemConnection', nodes: Array<{ __typename?: 'System', id: string }> } };

export type NeighboursQueryVariables = Exact<{
  ids: Array<Scalars['ID']['input']> | Scalars['ID']['input'];
  first: Scalars['Int']['input'];
}>;


export type NeighboursQuery = { __typename?: 'Query', neighbours: { __typename?: 'Neighbourhood', complete: boolean, nodes: Array<{ __typename?: 'Neighbour', id: string, label: Label, name: string, sensitivity: Sensitivity | null }>, edges: Array<{ __typename?: 'NeighbourEdge', source: string, type: RelType, target: string }> } };

export type FindingsQueryVariables = Exact<{
  asOf: Scalars['Date']['input'];
  principle: InputMaybe<Scalars['String']['input']>;
  severity: InputMaybe<Severity>;
}>;


export type FindingsQuery = { __typename?: 'Query', scorecard: Array<{ __typename?: 'ScorecardRow', principle: string, title: string }>, findings: Array<{ __typename?: 'Finding', rule: string, principle: string, severity: Severity, node: string, message: string, remedy: string, elements: Array<string>, count: number }> };

export type IncidentQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  asOf: InputMaybe<Scalars['Date']['input']>;
}>;


export type IncidentQuery = { __typename?: 'Query', node:
    | { __typename?: 'AccessRequest', id: string, name: string }
    | { __typename?: 'Agreement', id: string, name: string }
    | { __typename?: 'Consent', id: string, name: string }
    | { __typename?: 'DataElement', id: string, name: string }
    | { __typename?: 'DatasetMapping', id: string, name: string }
    | { __typename?: 'Destruction', id: string, name: string }
    | { __typename?: 'Event', id: string, name: string }
    | { __typename?: 'Flow', id: string, name: string }
    | { __typename?: 'Incident', discoveredOn: string | null, status: IncidentStatus | null, severity: Severity | null, reportedOn: string | null, studentsAffected: number | null, id: string, name: string }
    | { __typename?: 'LegalHold', id: string, name: string }
    | { __typename?: 'Mandate', id: string, name: string }
    | { __typename?: 'Organization', id: string, name: string }
    | { __typename?: 'PendingObservation', id: string, name: string }
    | { __typename?: 'Person', id: string, name: string }
    | { __typename?: 'Policy', id: string, name: string }
    | { __typename?: 'Purpose', id: string, name: string }
    | { __typename?: 'RetentionRule', id: string, name: string }
    | { __typename?: 'Role', id: string, name: string }
    | { __typename?: 'System', id: string, name: string }
    | { __typename?: 'Training', id: string, name: string }
   | null, blastRadius: { __typename?: 'BlastRadius', incident: string, discoveredOn: string, affected: Array<string>, systems: Array<string>, onwardSystems: Array<string>, elements: Array<string>, flows: Array<string>, providers: Array<string>, agreements: Array<string>, sensitiveCategories: Array<string>, duties: Array<{ __typename?: 'BreachDuty', by: string, to: BreachAudience, agreement: string | null, hours: number | null, days: number | null, startsOn: string | null, dueOn: string | null, givenOn: string | null, status: NoticeStatus }> } };

export type HopFieldsFragment = { __typename?: 'Hop', flow: string, name: string, from: string, to: string, sourceOperator: string | null, targetOperator: string | null, method: string | null, purposes: Array<string>, bases: Array<string>, carries: Array<string>, leavesDistrict: boolean, basisInForce: boolean };

export type LineageQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  direction: LineageDirection;
  depth: Scalars['Int']['input'];
  asOf: Scalars['Date']['input'];
}>;


export type LineageQuery = { __typename?: 'Query', lineage: { __typename?: 'Lineage', root: string, label: string, direction: LineageDirection, depth: number, elements: Array<string>, starts: Array<string>, organizations: Array<string>, derivations: Array<{ __typename?: 'LineageDerivation', element: string, derivedFrom: string, transform: string | null }>, systems: { __typename?: 'LineageSystems', totalCount: number, hasNextPage: boolean, nodes: Array<{ __typename?: 'ReachedSystem', id: string, operator: string | null, direction: LineageDirection, distance: number }> }, flows: { __typename?: 'LineageFlows', totalCount: number, hasNextPage: boolean, nodes: Array<{ __typename?: 'Hop', flow: string, name: string, from: string, to: string, sourceOperator: string | null, targetOperator: string | null, method: string | null, purposes: Array<string>, bases: Array<string>, carries: Array<string>, leavesDistrict: boolean, basisInForce: boolean }> }, operators: Array<{ __typename?: 'LineageOrganization', id: string, name: string, insideDistrict: boolean }>, bases: Array<{ __typename?: 'LineageBasis', id: string, label: Label | null, name: string, inForce: boolean }> } };

type Ref_AccessRequest_Fragment = { __typename?: 'AccessRequest', id: string, label: Label, name: string };

type Ref_Agreement_Fragment = { __typename?: 'Agreement', id: string, label: Label, name: string };

type Ref_Consent_Fragment = { __typename?: 'Consent', id: string, label: Label, name: string };

type Ref_DataElement_Fragment = { __typename?: 'DataElement', id: string, label: Label, name: string };

type Ref_DatasetMapping_Fragment = { __typename?: 'DatasetMapping', id: string, label: Label, name: string };

type Ref_Destruction_Fragment = { __typename?: 'Destruction', id: string, label: Label, name: string };

type Ref_Event_Fragment = { __typename?: 'Event', id: string, label: Label, name: string };

type Ref_Flow_Fragment = { __typename?: 'Flow', id: string, label: Label, name: string };

type Ref_Incident_Fragment = { __typename?: 'Incident', id: string, label: Label, name: string };

type Ref_LegalHold_Fragment = { __typename?: 'LegalHold', id: string, label: Label, name: string };

type Ref_Mandate_Fragment = { __typename?: 'Mandate', id: string, label: Label, name: string };

type Ref_Organization_Fragment = { __typename?: 'Organization', id: string, label: Label, name: string };

type Ref_PendingObservation_Fragment = { __typename?: 'PendingObservation', id: string, label: Label, name: string };

type Ref_Person_Fragment = { __typename?: 'Person', id: string, label: Label, name: string };

type Ref_Policy_Fragment = { __typename?: 'Policy', id: string, label: Label, name: string };

type Ref_Purpose_Fragment = { __typename?: 'Purpose', id: string, label: Label, name: string };

type Ref_RetentionRule_Fragment = { __typename?: 'RetentionRule', id: string, label: Label, name: string };

type Ref_Role_Fragment = { __typename?: 'Role', id: string, label: Label, name: string };

type Ref_System_Fragment = { __typename?: 'System', id: string, label: Label, name: string };

type Ref_Training_Fragment = { __typename?: 'Training', id: string, label: Label, name: string };

export type RefFragment =
  | Ref_AccessRequest_Fragment
  | Ref_Agreement_Fragment
  | Ref_Consent_Fragment
  | Ref_DataElement_Fragment
  | Ref_DatasetMapping_Fragment
  | Ref_Destruction_Fragment
  | Ref_Event_Fragment
  | Ref_Flow_Fragment
  | Ref_Incident_Fragment
  | Ref_LegalHold_Fragment
  | Ref_Mandate_Fragment
  | Ref_Organization_Fragment
  | Ref_PendingObservation_Fragment
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
    | { __typename?: 'AccessRequest', requester: ConsentGiver | null, receivedOn: string | null, answeredOn: string | null, cohort: string | null, id: string, label: Label, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, requestKind: AccessKind | null, concerns: Array<
        | { __typename?: 'AccessRequest', id: string, label: Label, name: string }
        | { __typename?: 'Agreement', id: string, label: Label, name: string }
        | { __typename?: 'Consent', id: string, label: Label, name: string }
        | { __typename?: 'DataElement', id: string, label: Label, name: string }
        | { __typename?: 'DatasetMapping', id: string, label: Label, name: string }
        | { __typename?: 'Destruction', id: string, label: Label, name: string }
        | { __typename?: 'Event', id: string, label: Label, name: string }
        | { __typename?: 'Flow', id: string, label: Label, name: string }
        | { __typename?: 'Incident', id: string, label: Label, name: string }
        | { __typename?: 'LegalHold', id: string, label: Label, name: string }
        | { __typename?: 'Mandate', id: string, label: Label, name: string }
        | { __typename?: 'Organization', id: string, label: Label, name: string }
        | { __typename?: 'PendingObservation', id: string, label: Label, name: string }
        | { __typename?: 'Person', id: string, label: Label, name: string }
        | { __typename?: 'Policy', id: string, label: Label, name: string }
        | { __typename?: 'Purpose', id: string, label: Label, name: string }
        | { __typename?: 'RetentionRule', id: string, label: Label, name: string }
        | { __typename?: 'Role', id: string, label: Label, name: string }
        | { __typename?: 'System', id: string, label: Label, name: string }
        | { __typename?: 'Training', id: string, label: Label, name: string }
      > }
    | { __typename?: 'Agreement', signedOn: string | null, effectiveOn: string | null, expiresOn: string | null, terminatedOn: string | null, publicUrl: string | null, breachNoticeHours: number | null, destructionDays: number | null, trainingAttestedOn: string | null, id: string, label: Label, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, agreementKind: AgreementKind | null, provider: { __typename?: 'Organization', id: string, label: Label, name: string } | null, covers: Array<{ __typename?: 'DataElement', id: string, label: Label, name: string }>, permits: Array<{ __typename?: 'Purpose', id: string, label: Label, name: string }>, requiresDestruction: Array<{ __typename?: 'RetentionRule', id: string, label: Label, name: string }>, flows: Array<{ __typename?: 'Flow', id: string, label: Label, name: string }>, subprocessors: Array<{ __typename?: 'Organization', id: string, label: Label, name: string }>, requiresTraining: Array<{ __typename?: 'Training', id: string, label: Label, name: string }>, owners: Array<
        | { __typename?: 'AccessRequest', id: string, label: Label, name: string }
        | { __typename?: 'Agreement', id: string, label: Label, name: string }
        | { __typename?: 'Consent', id: string, label: Label, name: string }
        | { __typename?: 'DataElement', id: string, label: Label, name: string }
        | { __typename?: 'DatasetMapping', id: string, label: Label, name: string }
        | { __typename?: 'Destruction', id: string, label: Label, name: string }
        | { __typename?: 'Event', id: string, label: Label, name: string }
        | { __typename?: 'Flow', id: string, label: Label, name: string }
        | { __typename?: 'Incident', id: string, label: Label, name: string }
        | { __typename?: 'LegalHold', id: string, label: Label, name: string }
        | { __typename?: 'Mandate', id: string, label: Label, name: string }
        | { __typename?: 'Organization', id: string, label: Label, name: string }
        | { __typename?: 'PendingObservation', id: string, label: Label, name: string }
        | { __typename?: 'Person', id: string, label: Label, name: string }
        | { __typename?: 'Policy', id: string, label: Label, name: string }
        | { __typename?: 'Purpose', id: string, label: Label, name: string }
        | { __typename?: 'RetentionRule', id: string, label: Label, name: string }
        | { __typename?: 'Role', id: string, label: Label, name: string }
        | { __typename?: 'System', id: string, label: Label, name: string }
        | { __typename?: 'Training', id: string, label: Label, name: string }
      > }
    | { __typename?: 'Consent', givenBy: ConsentGiver | null, formUrl: string | null, collectedFrom: string | null, withdrawnOn: string | null, id: string, label: Label, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, consentExpiresOn: string | null, covers: Array<{ __typename?: 'DataElement', id: string, label: Label, name: string }>, purposes: Array<{ __typename?: 'Purpose', id: string, label: Label, name: string }>, flows: Array<{ __typename?: 'Flow', id: string, label: Label, name: string }> }
    | { __typename?: 'DataElement', definition: string | null, category: ElementCategory | null, sensitivity: Sensitivity | null, subject: Subject | null, standardRef: string | null, public: boolean | null, id: string, label: Label, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, heldBy: Array<{ __typename?: 'System', id: string, label: Label, name: string }>, collectedBy: Array<{ __typename?: 'System', id: string, label: Label, name: string }>, usedFor: Array<{ __typename?: 'Purpose', id: string, label: Label, name: string }>, requiredBy: Array<{ __typename?: 'Purpose', id: string, label: Label, name: string }>, retainedUnder: { __typename?: 'RetentionRule', id: string, label: Label, name: string } | null, derivedFrom: Array<{ __typename?: 'Derivation', transform: string | null, element: { __typename?: 'DataElement', id: string, label: Label, name: string } }>, derivatives: Array<{ __typename?: 'DataElement', id: string, label: Label, name: string }>, carriedBy: Array<{ __typename?: 'Flow', id: string, label: Label, name: string }>, coveredBy: Array<{ __typename?: 'Agreement', id: string, label: Label, name: string }>, consents: Array<{ __typename?: 'Consent', id: string, label: Label, name: string }>, accessibleBy: Array<{ __typename?: 'Role', id: string, label: Label, name: string }>, destructions: Array<{ __typename?: 'Destruction', id: string, label: Label, name: string }>, legalHolds: Array<{ __typename?: 'LegalHold', id: string, label: Label, name: string }>, accessRequests: Array<{ __typename?: 'AccessRequest', id: string, label: Label, name: string }>, owners: Array<
        | { __typename?: 'AccessRequest', id: string, label: Label, name: string }
        | { __typename?: 'Agreement', id: string, label: Label, name: string }
        | { __typename?: 'Consent', id: string, label: Label, name: string }
        | { __typename?: 'DataElement', id: string, label: Label, name: string }
        | { __typename?: 'DatasetMapping', id: string, label: Label, name: string }
        | { __typename?: 'Destruction', id: string, label: Label, name: string }
        | { __typename?: 'Event', id: string, label: Label, name: string }
        | { __typename?: 'Flow', id: string, label: Label, name: string }
        | { __typename?: 'Incident', id: string, label: Label, name: string }
        | { __typename?: 'LegalHold', id: string, label: Label, name: string }
        | { __typename?: 'Mandate', id: string, label: Label, name: string }
        | { __typename?: 'Organization', id: string, label: Label, name: string }
        | { __typename?: 'PendingObservation', id: string, label: Label, name: string }
        | { __typename?: 'Person', id: string, label: Label, name: string }
        | { __typename?: 'Policy', id: string, label: Label, name: string }
        | { __typename?: 'Purpose', id: string, label: Label, name: string }
        | { __typename?: 'RetentionRule', id: string, label: Label, name: string }
        | { __typename?: 'Role', id: string, label: Label, name: string }
        | { __typename?: 'System', id: string, label: Label, name: string }
        | { __typename?: 'Training', id: string, label: Label, name: string }
      >, stewards: Array<{ __typename?: 'Person', id: string, label: Label, name: string }> }
    | { __typename?: 'DatasetMapping', id: string, label: Label, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null }
    | { __typename?: 'Destruction', performedOn: string | null, certificateUrl: string | null, cohort: string | null, id: string, label: Label, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, destructionMethod: string | null, elements: Array<{ __typename?: 'DataElement', id: string, label: Label, name: string }>, system: { __typename?: 'System', id: string, label: Label, name: string } | null }
    | { __typename?: 'Event', occurredOn: string | null, cohort: string | null, topic: string | null, id: string, label: Label, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, eventKind: Trigger | null, concerns: Array<
        | { __typename?: 'AccessRequest', id: string, label: Label, name: string }
        | { __typename?: 'Agreement', id: string, label: Label, name: string }
        | { __typename?: 'Consent', id: string, label: Label, name: string }
        | { __typename?: 'DataElement', id: string, label: Label, name: string }
        | { __typename?: 'DatasetMapping', id: string, label: Label, name: string }
        | { __typename?: 'Destruction', id: string, label: Label, name: string }
        | { __typename?: 'Event', id: string, label: Label, name: string }
        | { __typename?: 'Flow', id: string, label: Label, name: string }
        | { __typename?: 'Incident', id: string, label: Label, name: string }
        | { __typename?: 'LegalHold', id: string, label: Label, name: string }
        | { __typename?: 'Mandate', id: string, label: Label, name: string }
        | { __typename?: 'Organization', id: string, label: Label, name: string }
        | { __typename?: 'PendingObservation', id: string, label: Label, name: string }
        | { __typename?: 'Person', id: string, label: Label, name: string }
        | { __typename?: 'Policy', id: string, label: Label, name: string }
        | { __typename?: 'Purpose', id: string, label: Label, name: string }
        | { __typename?: 'RetentionRule', id: string, label: Label, name: string }
        | { __typename?: 'Role', id: string, label: Label, name: string }
        | { __typename?: 'System', id: string, label: Label, name: string }
        | { __typename?: 'Training', id: string, label: Label, name: string }
      > }
    | { __typename?: 'Flow', method: FlowMethod | null, frequency: string | null, startedOn: string | null, endedOn: string | null, id: string, label: Label, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, from: { __typename?: 'System', id: string, label: Label, name: string } | null, to: { __typename?: 'System', id: string, label: Label, name: string } | null, carries: Array<{ __typename?: 'DataElement', id: string, label: Label, name: string }>, purposes: Array<{ __typename?: 'Purpose', id: string, label: Label, name: string }>, basis: Array<
        | { __typename?: 'AccessRequest', id: string, label: Label, name: string }
        | { __typename?: 'Agreement', id: string, label: Label, name: string }
        | { __typename?: 'Consent', id: string, label: Label, name: string }
        | { __typename?: 'DataElement', id: string, label: Label, name: string }
        | { __typename?: 'DatasetMapping', id: string, label: Label, name: string }
        | { __typename?: 'Destruction', id: string, label: Label, name: string }
        | { __typename?: 'Event', id: string, label: Label, name: string }
        | { __typename?: 'Flow', id: string, label: Label, name: string }
        | { __typename?: 'Incident', id: string, label: Label, name: string }
        | { __typename?: 'LegalHold', id: string, label: Label, name: string }
        | { __typename?: 'Mandate', id: string, label: Label, name: string }
        | { __typename?: 'Organization', id: string, label: Label, name: string }
        | { __typename?: 'PendingObservation', id: string, label: Label, name: string }
        | { __typename?: 'Person', id: string, label: Label, name: string }
        | { __typename?: 'Policy', id: string, label: Label, name: string }
        | { __typename?: 'Purpose', id: string, label: Label, name: string }
        | { __typename?: 'RetentionRule', id: string, label: Label, name: string }
        | { __typename?: 'Role', id: string, label: Label, name: string }
        | { __typename?: 'System', id: string, label: Label, name: string }
        | { __typename?: 'Training', id: string, label: Label, name: string }
      >, owners: Array<
        | { __typename?: 'AccessRequest', id: string, label: Label, name: string }
        | { __typename?: 'Agreement', id: string, label: Label, name: string }
        | { __typename?: 'Consent', id: string, label: Label, name: string }
        | { __typename?: 'DataElement', id: string, label: Label, name: string }
        | { __typename?: 'DatasetMapping', id: string, label: Label, name: string }
        | { __typename?: 'Destruction', id: string, label: Label, name: string }
        | { __typename?: 'Event', id: string, label: Label, name: string }
        | { __typename?: 'Flow', id: string, label: Label, name: string }
        | { __typename?: 'Incident', id: string, label: Label, name: string }
        | { __typename?: 'LegalHold', id: string, label: Label, name: string }
        | { __typename?: 'Mandate', id: string, label: Label, name: string }
        | { __typename?: 'Organization', id: string, label: Label, name: string }
        | { __typename?: 'PendingObservation', id: string, label: Label, name: string }
        | { __typename?: 'Person', id: string, label: Label, name: string }
        | { __typename?: 'Policy', id: string, label: Label, name: string }
        | { __typename?: 'Purpose', id: string, label: Label, name: string }
        | { __typename?: 'RetentionRule', id: string, label: Label, name: string }
        | { __typename?: 'Role', id: string, label: Label, name: string }
        | { __typename?: 'System', id: string, label: Label, name: string }
        | { __typename?: 'Training', id: string, label: Label, name: string }
      >, stewards: Array<{ __typename?: 'Person', id: string, label: Label, name: string }> }
    | { __typename?: 'Incident', discoveredOn: string | null, status: IncidentStatus | null, severity: Severity | null, reportedOn: string | null, familiesNotifiedOn: string | null, stateNotifiedOn: string | null, studentsAffected: number | null, reviewedOn: string | null, id: string, label: Label, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, affects: Array<
        | { __typename?: 'AccessRequest', id: string, label: Label, name: string }
        | { __typename?: 'Agreement', id: string, label: Label, name: string }
        | { __typename?: 'Consent', id: string, label: Label, name: string }
        | { __typename?: 'DataElement', id: string, label: Label, name: string }
        | { __typename?: 'DatasetMapping', id: string, label: Label, name: string }
        | { __typename?: 'Destruction', id: string, label: Label, name: string }
        | { __typename?: 'Event', id: string, label: Label, name: string }
        | { __typename?: 'Flow', id: string, label: Label, name: string }
        | { __typename?: 'Incident', id: string, label: Label, name: string }
        | { __typename?: 'LegalHold', id: string, label: Label, name: string }
        | { __typename?: 'Mandate', id: string, label: Label, name: string }
        | { __typename?: 'Organization', id: string, label: Label, name: string }
        | { __typename?: 'PendingObservation', id: string, label: Label, name: string }
        | { __typename?: 'Person', id: string, label: Label, name: string }
        | { __typename?: 'Policy', id: string, label: Label, name: string }
        | { __typename?: 'Purpose', id: string, label: Label, name: string }
        | { __typename?: 'RetentionRule', id: string, label: Label, name: string }
        | { __typename?: 'Role', id: string, label: Label, name: string }
        | { __typename?: 'System', id: string, label: Label, name: string }
        | { __typename?: 'Training', id: string, label: Label, name: string }
      >, discoveredBy: { __typename?: 'Organization', id: string, label: Label, name: string } | null }
    | { __typename?: 'LegalHold', reason: string | null, placedOn: string | null, releasedOn: string | null, cohorts: Array<string> | null, id: string, label: Label, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, covers: Array<{ __typename?: 'DataElement', id: string, label: Label, name: string }>, systems: Array<{ __typename?: 'System', id: string, label: Label, name: string }> }
    | { __typename?: 'Mandate', citation: string | null, url: string | null, id: string, label: Label, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, covers: Array<{ __typename?: 'DataElement', id: string, label: Label, name: string }>, purposes: Array<{ __typename?: 'Purpose', id: string, label: Label, name: string }>, flows: Array<{ __typename?: 'Flow', id: string, label: Label, name: string }> }
    | { __typename?: 'Organization', url: string | null, accessResponseDays: number | null, familyNoticeDays: number | null, stateNoticeDays: number | null, id: string, label: Label, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, orgKind: OrgKind | null, contact: { __typename?: 'Contact', name: string | null, email: string | null, url: string | null } | null, operates: Array<{ __typename?: 'System', id: string, label: Label, name: string }>, hosts: Array<{ __typename?: 'System', id: string, label: Label, name: string }>, agreements: Array<{ __typename?: 'Agreement', id: string, label: Label, name: string }>, accountableTo: Array<{ __typename?: 'Organization', id: string, label: Label, name: string }>, oversees: Array<{ __typename?: 'Organization', id: string, label: Label, name: string }>, members: Array<{ __typename?: 'Person', id: string, label: Label, name: string }>, policies: Array<{ __typename?: 'Policy', id: string, label: Label, name: string }>, owns: Array<
        | { __typename?: 'AccessRequest', id: string, label: Label, name: string }
        | { __typename?: 'Agreement', id: string, label: Label, name: string }
        | { __typename?: 'Consent', id: string, label: Label, name: string }
        | { __typename?: 'DataElement', id: string, label: Label, name: string }
        | { __typename?: 'DatasetMapping', id: string, label: Label, name: string }
        | { __typename?: 'Destruction', id: string, label: Label, name: string }
        | { __typename?: 'Event', id: string, label: Label, name: string }
        | { __typename?: 'Flow', id: string, label: Label, name: string }
        | { __typename?: 'Incident', id: string, label: Label, name: string }
        | { __typename?: 'LegalHold', id: string, label: Label, name: string }
        | { __typename?: 'Mandate', id: string, label: Label, name: string }
        | { __typename?: 'Organization', id: string, label: Label, name: string }
        | { __typename?: 'PendingObservation', id: string, label: Label, name: string }
        | { __typename?: 'Person', id: string, label: Label, name: string }
        | { __typename?: 'Policy', id: string, label: Label, name: string }
        | { __typename?: 'Purpose', id: string, label: Label, name: string }
        | { __typename?: 'RetentionRule', id: string, label: Label, name: string }
        | { __typename?: 'Role', id: string, label: Label, name: string }
        | { __typename?: 'System', id: string, label: Label, name: string }
        | { __typename?: 'Training', id: string, label: Label, name: string }
      >, owners: Array<
        | { __typename?: 'AccessRequest', id: string, label: Label, name: string }
        | { __typename?: 'Agreement', id: string, label: Label, name: string }
        | { __typename?: 'Consent', id: string, label: Label, name: string }
        | { __typename?: 'DataElement', id: string, label: Label, name: string }
        | { __typename?: 'DatasetMapping', id: string, label: Label, name: string }
        | { __typename?: 'Destruction', id: string, label: Label, name: string }
        | { __typename?: 'Event', id: string, label: Label, name: string }
        | { __typename?: 'Flow', id: string, label: Label, name: string }
        | { __typename?: 'Incident', id: string, label: Label, name: string }
        | { __typename?: 'LegalHold', id: string, label: Label, name: string }
        | { __typename?: 'Mandate', id: string, label: Label, name: string }
        | { __typename?: 'Organization', id: string, label: Label, name: string }
        | { __typename?: 'PendingObservation', id: string, label: Label, name: string }
        | { __typename?: 'Person', id: string, label: Label, name: string }
        | { __typename?: 'Policy', id: string, label: Label, name: string }
        | { __typename?: 'Purpose', id: string, label: Label, name: string }
        | { __typename?: 'RetentionRule', id: string, label: Label, name: string }
        | { __typename?: 'Role', id: string, label: Label, name: string }
        | { __typename?: 'System', id: string, label: Label, name: string }
        | { __typename?: 'Training', id: string, label: Label, name: string }
      > }
    | { __typename?: 'PendingObservation', id: string, label: Label, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null }
    | { __typename?: 'Person', email: string | null, title: string | null, id: string, label: Label, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, roles: Array<{ __typename?: 'Role', id: string, label: Label, name: string }>, memberOf: Array<{ __typename?: 'Organization', id: string, label: Label, name: string }>, owns: Array<
        | { __typename?: 'AccessRequest', id: string, label: Label, name: string }
        | { __typename?: 'Agreement', id: string, label: Label, name: string }
        | { __typename?: 'Consent', id: string, label: Label, name: string }
        | { __typename?: 'DataElement', id: string, label: Label, name: string }
        | { __typename?: 'DatasetMapping', id: string, label: Label, name: string }
        | { __typename?: 'Destruction', id: string, label: Label, name: string }
        | { __typename?: 'Event', id: string, label: Label, name: string }
        | { __typename?: 'Flow', id: string, label: Label, name: string }
        | { __typename?: 'Incident', id: string, label: Label, name: string }
        | { __typename?: 'LegalHold', id: string, label: Label, name: string }
        | { __typename?: 'Mandate', id: string, label: Label, name: string }
        | { __typename?: 'Organization', id: string, label: Label, name: string }
        | { __typename?: 'PendingObservation', id: string, label: Label, name: string }
        | { __typename?: 'Person', id: string, label: Label, name: string }
        | { __typename?: 'Policy', id: string, label: Label, name: string }
        | { __typename?: 'Purpose', id: string, label: Label, name: string }
        | { __typename?: 'RetentionRule', id: string, label: Label, name: string }
        | { __typename?: 'Role', id: string, label: Label, name: string }
        | { __typename?: 'System', id: string, label: Label, name: string }
        | { __typename?: 'Training', id: string, label: Label, name: string }
      >, stewardOf: Array<
        | { __typename?: 'AccessRequest', id: string, label: Label, name: string }
        | { __typename?: 'Agreement', id: string, label: Label, name: string }
        | { __typename?: 'Consent', id: string, label: Label, name: string }
        | { __typename?: 'DataElement', id: string, label: Label, name: string }
        | { __typename?: 'DatasetMapping', id: string, label: Label, name: string }
        | { __typename?: 'Destruction', id: string, label: Label, name: string }
        | { __typename?: 'Event', id: string, label: Label, name: string }
        | { __typename?: 'Flow', id: string, label: Label, name: string }
        | { __typename?: 'Incident', id: string, label: Label, name: string }
        | { __typename?: 'LegalHold', id: string, label: Label, name: string }
        | { __typename?: 'Mandate', id: string, label: Label, name: string }
        | { __typename?: 'Organization', id: string, label: Label, name: string }
        | { __typename?: 'PendingObservation', id: string, label: Label, name: string }
        | { __typename?: 'Person', id: string, label: Label, name: string }
        | { __typename?: 'Policy', id: string, label: Label, name: string }
        | { __typename?: 'Purpose', id: string, label: Label, name: string }
        | { __typename?: 'RetentionRule', id: string, label: Label, name: string }
        | { __typename?: 'Role', id: string, label: Label, name: string }
        | { __typename?: 'System', id: string, label: Label, name: string }
        | { __typename?: 'Training', id: string, label: Label, name: string }
      >, completed: Array<{ __typename?: 'Completion', on: string, node:
          | { __typename?: 'AccessRequest', id: string, label: Label, name: string }
          | { __typename?: 'Agreement', id: string, label: Label, name: string }
          | { __typename?: 'Consent', id: string, label: Label, name: string }
          | { __typename?: 'DataElement', id: string, label: Label, name: string }
          | { __typename?: 'DatasetMapping', id: string, label: Label, name: string }
          | { __typename?: 'Destruction', id: string, label: Label, name: string }
          | { __typename?: 'Event', id: string, label: Label, name: string }
          | { __typename?: 'Flow', id: string, label: Label, name: string }
          | { __typename?: 'Incident', id: string, label: Label, name: string }
          | { __typename?: 'LegalHold', id: string, label: Label, name: string }
          | { __typename?: 'Mandate', id: string, label: Label, name: string }
          | { __typename?: 'Organization', id: string, label: Label, name: string }
          | { __typename?: 'PendingObservation', id: string, label: Label, name: string }
          | { __typename?: 'Person', id: string, label: Label, name: string }
          | { __typename?: 'Policy', id: string, label: Label, name: string }
          | { __typename?: 'Purpose', id: string, label: Label, name: string }
          | { __typename?: 'RetentionRule', id: string, label: Label, name: string }
          | { __typename?: 'Role', id: string, label: Label, name: string }
          | { __typename?: 'System', id: string, label: Label, name: string }
          | { __typename?: 'Training', id: string, label: Label, name: string }
         }> }
    | { __typename?: 'Policy', url: string | null, public: boolean | null, adoptedOn: string | null, reviewedOn: string | null, id: string, label: Label, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, policyKind: PolicyKind | null, adoptedBy: Array<{ __typename?: 'Organization', id: string, label: Label, name: string }> }
    | { __typename?: 'Purpose', educational: boolean | null, automatedDecision: boolean | null, humanReview: boolean | null, id: string, label: Label, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, purposeCategory: PurposeCategory | null, requires: Array<{ __typename?: 'DataElement', id: string, label: Label, name: string }>, elements: Array<{ __typename?: 'DataElement', id: string, label: Label, name: string }>, systems: Array<{ __typename?: 'System', id: string, label: Label, name: string }>, flows: Array<{ __typename?: 'Flow', id: string, label: Label, name: string }>, servedBy: Array<{ __typename?: 'Role', id: string, label: Label, name: string }>, permittedBy: Array<{ __typename?: 'Agreement', id: string, label: Label, name: string }>, owners: Array<
        | { __typename?: 'AccessRequest', id: string, label: Label, name: string }
        | { __typename?: 'Agreement', id: string, label: Label, name: string }
        | { __typename?: 'Consent', id: string, label: Label, name: string }
        | { __typename?: 'DataElement', id: string, label: Label, name: string }
        | { __typename?: 'DatasetMapping', id: string, label: Label, name: string }
        | { __typename?: 'Destruction', id: string, label: Label, name: string }
        | { __typename?: 'Event', id: string, label: Label, name: string }
        | { __typename?: 'Flow', id: string, label: Label, name: string }
        | { __typename?: 'Incident', id: string, label: Label, name: string }
        | { __typename?: 'LegalHold', id: string, label: Label, name: string }
        | { __typename?: 'Mandate', id: string, label: Label, name: string }
        | { __typename?: 'Organization', id: string, label: Label, name: string }
        | { __typename?: 'PendingObservation', id: string, label: Label, name: string }
        | { __typename?: 'Person', id: string, label: Label, name: string }
        | { __typename?: 'Policy', id: string, label: Label, name: string }
        | { __typename?: 'Purpose', id: string, label: Label, name: string }
        | { __typename?: 'RetentionRule', id: string, label: Label, name: string }
        | { __typename?: 'Role', id: string, label: Label, name: string }
        | { __typename?: 'System', id: string, label: Label, name: string }
        | { __typename?: 'Training', id: string, label: Label, name: string }
      > }
    | { __typename?: 'RetentionRule', period: string | null, keepAtLeast: string | null, trigger: Trigger | null, topic: string | null, action: Action | null, authority: string | null, periodInWords: string | null, id: string, label: Label, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, ruleElements: Array<{ __typename?: 'DataElement', id: string, label: Label, name: string }>, agreements: Array<{ __typename?: 'Agreement', id: string, label: Label, name: string }> }
    | { __typename?: 'Role', id: string, label: Label, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, serves: Array<{ __typename?: 'Purpose', id: string, label: Label, name: string }>, requiresTraining: Array<{ __typename?: 'Training', id: string, label: Label, name: string }>, canAccess: Array<{ __typename?: 'Grant', level: AccessLevel, target:
          | { __typename?: 'AccessRequest', id: string, label: Label, name: string }
          | { __typename?: 'Agreement', id: string, label: Label, name: string }
          | { __typename?: 'Consent', id: string, label: Label, name: string }
          | { __typename?: 'DataElement', id: string, label: Label, name: string }
          | { __typename?: 'DatasetMapping', id: string, label: Label, name: string }
          | { __typename?: 'Destruction', id: string, label: Label, name: string }
          | { __typename?: 'Event', id: string, label: Label, name: string }
          | { __typename?: 'Flow', id: string, label: Label, name: string }
          | { __typename?: 'Incident', id: string, label: Label, name: string }
          | { __typename?: 'LegalHold', id: string, label: Label, name: string }
          | { __typename?: 'Mandate', id: string, label: Label, name: string }
          | { __typename?: 'Organization', id: string, label: Label, name: string }
          | { __typename?: 'PendingObservation', id: string, label: Label, name: string }
          | { __typename?: 'Person', id: string, label: Label, name: string }
          | { __typename?: 'Policy', id: string, label: Label, name: string }
          | { __typename?: 'Purpose', id: string, label: Label, name: string }
          | { __typename?: 'RetentionRule', id: string, label: Label, name: string }
          | { __typename?: 'Role', id: string, label: Label, name: string }
          | { __typename?: 'System', id: string, label: Label, name: string }
          | { __typename?: 'Training', id: string, label: Label, name: string }
         }>, people: Array<{ __typename?: 'Person', id: string, label: Label, name: string }>, owns: Array<
        | { __typename?: 'AccessRequest', id: string, label: Label, name: string }
        | { __typename?: 'Agreement', id: string, label: Label, name: string }
        | { __typename?: 'Consent', id: string, label: Label, name: string }
        | { __typename?: 'DataElement', id: string, label: Label, name: string }
        | { __typename?: 'DatasetMapping', id: string, label: Label, name: string }
        | { __typename?: 'Destruction', id: string, label: Label, name: string }
        | { __typename?: 'Event', id: string, label: Label, name: string }
        | { __typename?: 'Flow', id: string, label: Label, name: string }
        | { __typename?: 'Incident', id: string, label: Label, name: string }
        | { __typename?: 'LegalHold', id: string, label: Label, name: string }
        | { __typename?: 'Mandate', id: string, label: Label, name: string }
        | { __typename?: 'Organization', id: string, label: Label, name: string }
        | { __typename?: 'PendingObservation', id: string, label: Label, name: string }
        | { __typename?: 'Person', id: string, label: Label, name: string }
        | { __typename?: 'Policy', id: string, label: Label, name: string }
        | { __typename?: 'Purpose', id: string, label: Label, name: string }
        | { __typename?: 'RetentionRule', id: string, label: Label, name: string }
        | { __typename?: 'Role', id: string, label: Label, name: string }
        | { __typename?: 'System', id: string, label: Label, name: string }
        | { __typename?: 'Training', id: string, label: Label, name: string }
      >, owners: Array<
        | { __typename?: 'AccessRequest', id: string, label: Label, name: string }
        | { __typename?: 'Agreement', id: string, label: Label, name: string }
        | { __typename?: 'Consent', id: string, label: Label, name: string }
        | { __typename?: 'DataElement', id: string, label: Label, name: string }
        | { __typename?: 'DatasetMapping', id: string, label: Label, name: string }
        | { __typename?: 'Destruction', id: string, label: Label, name: string }
        | { __typename?: 'Event', id: string, label: Label, name: string }
        | { __typename?: 'Flow', id: string, label: Label, name: string }
        | { __typename?: 'Incident', id: string, label: Label, name: string }
        | { __typename?: 'LegalHold', id: string, label: Label, name: string }
        | { __typename?: 'Mandate', id: string, label: Label, name: string }
        | { __typename?: 'Organization', id: string, label: Label, name: string }
        | { __typename?: 'PendingObservation', id: string, label: Label, name: string }
        | { __typename?: 'Person', id: string, label: Label, name: string }
        | { __typename?: 'Policy', id: string, label: Label, name: string }
        | { __typename?: 'Purpose', id: string, label: Label, name: string }
        | { __typename?: 'RetentionRule', id: string, label: Label, name: string }
        | { __typename?: 'Role', id: string, label: Label, name: string }
        | { __typename?: 'System', id: string, label: Label, name: string }
        | { __typename?: 'Training', id: string, label: Label, name: string }
      > }
    | { __typename?: 'System', hosting: string | null, controls: Array<Control> | null, decommissionedOn: string | null, id: string, label: Label, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, systemKind: SystemKind | null, holds: Array<{ __typename?: 'Holding', since: string | null, retentionRule: string | null, element: { __typename?: 'DataElement', id: string, label: Label, name: string } | null }>, collects: Array<{ __typename?: 'DataElement', id: string, label: Label, name: string }>, operator: { __typename?: 'Organization', id: string, label: Label, name: string } | null, host: { __typename?: 'Organization', id: string, label: Label, name: string } | null, flowsOut: Array<{ __typename?: 'Flow', id: string, label: Label, name: string }>, flowsIn: Array<{ __typename?: 'Flow', id: string, label: Label, name: string }>, usedFor: Array<{ __typename?: 'Purpose', id: string, label: Label, name: string }>, accessibleBy: Array<{ __typename?: 'Role', id: string, label: Label, name: string }>, incidents: Array<{ __typename?: 'Incident', id: string, label: Label, name: string }>, destructions: Array<{ __typename?: 'Destruction', id: string, label: Label, name: string }>, legalHolds: Array<{ __typename?: 'LegalHold', id: string, label: Label, name: string }>, accessRequests: Array<{ __typename?: 'AccessRequest', id: string, label: Label, name: string }>, owners: Array<
        | { __typename?: 'AccessRequest', id: string, label: Label, name: string }
        | { __typename?: 'Agreement', id: string, label: Label, name: string }
        | { __typename?: 'Consent', id: string, label: Label, name: string }
        | { __typename?: 'DataElement', id: string, label: Label, name: string }
        | { __typename?: 'DatasetMapping', id: string, label: Label, name: string }
        | { __typename?: 'Destruction', id: string, label: Label, name: string }
        | { __typename?: 'Event', id: string, label: Label, name: string }
        | { __typename?: 'Flow', id: string, label: Label, name: string }
        | { __typename?: 'Incident', id: string, label: Label, name: string }
        | { __typename?: 'LegalHold', id: string, label: Label, name: string }
        | { __typename?: 'Mandate', id: string, label: Label, name: string }
        | { __typename?: 'Organization', id: string, label: Label, name: string }
        | { __typename?: 'PendingObservation', id: string, label: Label, name: string }
        | { __typename?: 'Person', id: string, label: Label, name: string }
        | { __typename?: 'Policy', id: string, label: Label, name: string }
        | { __typename?: 'Purpose', id: string, label: Label, name: string }
        | { __typename?: 'RetentionRule', id: string, label: Label, name: string }
        | { __typename?: 'Role', id: string, label: Label, name: string }
        | { __typename?: 'System', id: string, label: Label, name: string }
        | { __typename?: 'Training', id: string, label: Label, name: string }
      >, stewards: Array<{ __typename?: 'Person', id: string, label: Label, name: string }> }
    | { __typename?: 'Training', validFor: string | null, id: string, label: Label, name: string, description: string | null, updatedAt: string | null, notes: string | null, definedIn: string | null, requiredBy: Array<{ __typename?: 'Role', id: string, label: Label, name: string }>, completions: Array<{ __typename?: 'Completion', on: string, node:
          | { __typename?: 'AccessRequest', id: string, label: Label, name: string }
          | { __typename?: 'Agreement', id: string, label: Label, name: string }
          | { __typename?: 'Consent', id: string, label: Label, name: string }
          | { __typename?: 'DataElement', id: string, label: Label, name: string }
          | { __typename?: 'DatasetMapping', id: string, label: Label, name: string }
          | { __typename?: 'Destruction', id: string, label: Label, name: string }
          | { __typename?: 'Event', id: string, label: Label, name: string }
          | { __typename?: 'Flow', id: string, label: Label, name: string }
          | { __typename?: 'Incident', id: string, label: Label, name: string }
          | { __typename?: 'LegalHold', id: string, label: Label, name: string }
          | { __typename?: 'Mandate', id: string, label: Label, name: string }
          | { __typename?: 'Organization', id: string, label: Label, name: string }
          | { __typename?: 'PendingObservation', id: string, label: Label, name: string }
          | { __typename?: 'Person', id: string, label: Label, name: string }
          | { __typename?: 'Policy', id: string, label: Label, name: string }
          | { __typename?: 'Purpose', id: string, label: Label, name: string }
          | { __typename?: 'RetentionRule', id: string, label: Label, name: string }
          | { __typename?: 'Role', id: string, label: Label, name: string }
          | { __typename?: 'System', id: string, label: Label, name: string }
          | { __typename?: 'Training', id: string, label: Label, name: string }
         }> }
   | null };

export type NodeGovernanceQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  asOf: Scalars['Date']['input'];
}>;


export type NodeGovernanceQuery = { __typename?: 'Query', responsibility: { __typename?: 'Responsibility', node: string, accountable: boolean, reachesCommittee: boolean, parties: Array<{ __typename?: 'Party', id: string, label: string, name: string, role: string, chain: Array<string> }> }, findings: Array<{ __typename?: 'Finding', rule: string, principle: string, severity: Severity, node: string, message: string, remedy: string, elements: Array<string> }>, changes: Array<{ __typename?: 'Change', seq: number, at: string, actor: string, action: string, target: string, before: unknown | null, after: unknown | null }> };

export type NodeDeadlinesQueryVariables = Exact<{
  asOf: Scalars['Date']['input'];
  system: InputMaybe<Array<Scalars['ID']['input']> | Scalars['ID']['input']>;
  element: InputMaybe<Array<Scalars['ID']['input']> | Scalars['ID']['input']>;
}>;


export type NodeDeadlinesQuery = { __typename?: 'Query', deadlines: Array<{ __typename?: 'Deadline', system: string, element: string, cohort: string | null, status: DeadlineStatus, eligibleOn: string | null, dueOn: string | null, explanation: string, heldBy: Array<string> }> };

export type CountsQueryVariables = Exact<{ [key: string]: never; }>;


export type CountsQuery = { __typename?: 'Query', elements: { __typename?: 'DataElementConnection', totalCount: number }, systems: { __typename?: 'SystemConnection', totalCount: number }, flows: { __typename?: 'FlowConnection', totalCount: number }, organizations: { __typename?: 'OrganizationConnection', totalCount: number }, agreements: { __typename?: 'AgreementConnection', totalCount: number }, purposes: { __typename?: 'PurposeConnection', totalCount: number } };

export type CommitteeQueryVariables = Exact<{
  asOf: Scalars['Date']['input'];
  since: Scalars['String']['input'];
}>;


export type CommitteeQuery = { __typename?: 'Query', scorecard: Array<{ __typename?: 'ScorecardRow', principle: string, title: string, checks: number, findings: number, high: number, medium: number, low: number }>, overdue: Array<{ __typename?: 'Deadline', system: string, element: string, cohort: string | null, dueOn: string | null }>, due: Array<{ __typename?: 'Deadline', system: string, element: string, cohort: string | null, dueOn: string | null }>, incidents: { __typename?: 'IncidentConnection', nodes: Array<{ __typename?: 'Incident', id: string, name: string, status: IncidentStatus | null, discoveredOn: string | null }> }, accessRequests: { __typename?: 'AccessRequestConnection', nodes: Array<{ __typename?: 'AccessRequest', id: string, name: string, receivedOn: string | null, answeredOn: string | null }> }, changes: Array<{ __typename?: 'Change', seq: number, at: string, actor: string, action: string, target: string }> };

export type ResponsibilityQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ResponsibilityQuery = { __typename?: 'Query', node:
    | { __typename?: 'AccessRequest', id: string, label: Label, name: string }
    | { __typename?: 'Agreement', id: string, label: Label, name: string }
    | { __typename?: 'Consent', id: string, label: Label, name: string }
    | { __typename?: 'DataElement', id: string, label: Label, name: string }
    | { __typename?: 'DatasetMapping', id: string, label: Label, name: string }
    | { __typename?: 'Destruction', id: string, label: Label, name: string }
    | { __typename?: 'Event', id: string, label: Label, name: string }
    | { __typename?: 'Flow', id: string, label: Label, name: string }
    | { __typename?: 'Incident', id: string, label: Label, name: string }
    | { __typename?: 'LegalHold', id: string, label: Label, name: string }
    | { __typename?: 'Mandate', id: string, label: Label, name: string }
    | { __typename?: 'Organization', id: string, label: Label, name: string }
    | { __typename?: 'PendingObservation', id: string, label: Label, name: string }
    | { __typename?: 'Person', id: string, label: Label, name: string }
    | { __typename?: 'Policy', id: string, label: Label, name: string }
    | { __typename?: 'Purpose', id: string, label: Label, name: string }
    | { __typename?: 'RetentionRule', id: string, label: Label, name: string }
    | { __typename?: 'Role', id: string, label: Label, name: string }
    | { __typename?: 'System', id: string, label: Label, name: string }
    | { __typename?: 'Training', id: string, label: Label, name: string }
   | null, responsibility: { __typename?: 'Responsibility', node: string, accountable: boolean, reachesCommittee: boolean, parties: Array<{ __typename?: 'Party', id: string, label: string, name: string, role: string, chain: Array<string> }> } };

export type UnownedQueryVariables = Exact<{
  asOf: Scalars['Date']['input'];
}>;


export type UnownedQuery = { __typename?: 'Query', findings: Array<{ __typename?: 'Finding', rule: string, severity: Severity, node: string, message: string, remedy: string }> };

export type SearchQueryVariables = Exact<{
  text: Scalars['String']['input'];
  first: Scalars['Int']['input'];
}>;


export type SearchQuery = { __typename?: 'Query', search: Array<
    | { __typename?: 'AccessRequest', id: string, label: Label, name: string, description: string | null }
    | { __typename?: 'Agreement', id: string, label: Label, name: string, description: string | null }
    | { __typename?: 'Consent', id: string, label: Label, name: string, description: string | null }
    | { __typename?: 'DataElement', id: string, label: Label, name: string, description: string | null }
    | { __typename?: 'DatasetMapping', id: string, label: Label, name: string, description: string | null }
    | { __typename?: 'Destruction', id: string, label: Label, name: string, description: string | null }
    | { __typename?: 'Event', id: string, label: Label, name: string, description: string | null }
    | { __typename?: 'Flow', id: string, label: Label, name: string, description: string | null }
    | { __typename?: 'Incident', id: string, label: Label, name: string, description: string | null }
    | { __typename?: 'LegalHold', id: string, label: Label, name: string, description: string | null }
    | { __typename?: 'Mandate', id: string, label: Label, name: string, description: string | null }
    | { __typename?: 'Organization', id: string, label: Label, name: string, description: string | null }
    | { __typename?: 'PendingObservation', id: string, label: Label, name: string, description: string | null }
    | { __typename?: 'Person', id: string, label: Label, name: string, description: string | null }
    | { __typename?: 'Policy', id: string, label: Label, name: string, description: string | null }
    | { __typename?: 'Purpose', id: string, label: Label, name: string, description: string | null }
    | { __typename?: 'RetentionRule', id: string, label: Label, name: string, description: string | null }
    | { __typename?: 'Role', id: string, label: Label, name: string, description: string | null }
    | { __typename?: 'System', id: string, label: Label, name: string, description: string | null }
    | { __typename?: 'Training', id: string, label: Label, name: string, description: string | null }
  > };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { __typename?: 'Query', me: { __typename?: 'Me', role: TokenRole, tokenName: string | null } };
