// The curation forms: for each label, the catalog-file keys a form edits, and how to read
// each one's current value from the node page's answer.
import type { NodePageQuery } from "./generated/graphql";

type Page = Record<string, unknown>;
export type Kind = "text" | "long" | "date" | "bool" | "int" | "ref" | "refs";

export interface Field {
  key: string; // the catalog-file key; the typed mutations take it in camelCase
  label: string;
  kind: Kind;
  options?: string[]; // a closed vocabulary, suggested (the API decides)
  from?: string; // the GraphQL field it is read from, when not the key in camelCase
  required?: boolean; // as the typed input of the label requires it
}

export interface Form { label: string; plural: string; fields: Field[] }

const NAME: Field = { key: "name", label: "Name", kind: "text" };
const DESCRIPTION: Field = { key: "description", label: "Description", kind: "long" };
const NOTES: Field = { key: "notes", label: "Internal notes (never public)", kind: "long" };
const OWNERS: Field = { key: "owners", label: "Owners (ids)", kind: "refs" };
const STEWARDS: Field = { key: "stewards", label: "Stewards (person ids)", kind: "refs" };

export const FORMS: Record<string, Form> = {
  DataElement: { label: "Data element", plural: "elements", fields: [
    { ...NAME, required: true }, DESCRIPTION,
    { key: "definition", label: "Definition", kind: "long" },
    { key: "category", label: "Category", kind: "text", required: true, options: ["demographic", "identity", "contact", "enrollment",
      "attendance", "assessment", "grades", "discipline", "health", "special_education", "program", "derived"] },
    { key: "sensitivity", label: "Sensitivity", kind: "text", required: true, options: ["DIRECTORY", "PII", "SENSITIVE", "DEIDENTIFIED", "AGGREGATE"] },
    { key: "subject", label: "Subject", kind: "text", required: true, options: ["STUDENT", "PARENT", "STAFF"] },
    { key: "standard_ref", label: "Standard reference", kind: "text" },
    { key: "public", label: "Public", kind: "bool" },
    { key: "retained_under", label: "Retained under (rule id)", kind: "ref", from: "retainedUnder" },
    OWNERS, STEWARDS, NOTES] },
  System: { label: "System", plural: "systems", fields: [
    { ...NAME, required: true }, DESCRIPTION,
    { key: "kind", label: "Kind", kind: "text", from: "systemKind", required: true, options: ["SIS", "LMS", "ASSESSMENT", "WAREHOUSE", "APPLICATION", "FILE_STORE", "REPORTING"] },
    { key: "hosting", label: "Hosting", kind: "text" },
    { key: "operated_by", label: "Operated by (organisation id)", kind: "ref", from: "operator" },
    { key: "decommissioned_on", label: "Decommissioned on", kind: "date" },
    OWNERS, STEWARDS, NOTES] },
  Flow: { label: "Flow", plural: "flows", fields: [
    NAME, DESCRIPTION,
    { key: "from", label: "From (system id)", kind: "ref", required: true },
    { key: "to", label: "To (system id)", kind: "ref", required: true },
    { key: "carries", label: "Carries (element ids)", kind: "refs" },
    { key: "for", label: "For (purpose ids)", kind: "refs", from: "purposes" },
    { key: "under", label: "Under (agreement, consent or mandate ids)", kind: "refs", from: "basis" },
    { key: "method", label: "Method", kind: "text", options: ["API", "SFTP", "FILE", "EMAIL", "MANUAL", "STREAM"] },
    { key: "frequency", label: "Frequency", kind: "text" },
    { key: "started_on", label: "Started on", kind: "date" },
    { key: "ended_on", label: "Ended on", kind: "date" },
    OWNERS, STEWARDS, NOTES] },
  Agreement: { label: "Agreement", plural: "agreements", fields: [
    NAME, DESCRIPTION,
    { key: "kind", label: "Kind", kind: "text", from: "agreementKind", required: true, options: ["DPA", "NDPA", "MOU", "RESEARCH", "CONTRACT"] },
    { key: "with", label: "With (organisation id)", kind: "ref", from: "provider" },
    { key: "covers", label: "Covers (element ids)", kind: "refs" },
    { key: "permits", label: "Permits (purpose ids)", kind: "refs" },
    { key: "signed_on", label: "Signed on", kind: "date" },
    { key: "effective_on", label: "Effective on", kind: "date" },
    { key: "expires_on", label: "Expires on", kind: "date" },
    { key: "terminated_on", label: "Terminated on", kind: "date" },
    { key: "public_url", label: "Public URL", kind: "text" },
    { key: "breach_notice_hours", label: "Breach notice (hours)", kind: "int" },
    { key: "destruction_days", label: "Destruction (days)", kind: "int" },
    OWNERS, STEWARDS, NOTES] },
  RetentionRule: { label: "Retention rule", plural: "retention_rules", fields: [
    { ...NAME, required: true }, DESCRIPTION,
    { key: "period", label: "Period (ISO 8601, for example P5Y)", kind: "text" },
    { key: "keep_at_least", label: "Keep at least (ISO 8601)", kind: "text" },
    { key: "trigger", label: "Trigger", kind: "text", required: true, options: ["COLLECTION", "WITHDRAWAL", "GRADUATION", "AGREEMENT_END",
      "SCHOOL_YEAR_END", "DECOMMISSION", "EVENT"] },
    { key: "topic", label: "Topic", kind: "text" },
    { key: "action", label: "Action", kind: "text", required: true, options: ["DESTROY", "DEIDENTIFY", "ARCHIVE", "REVIEW"] },
    { key: "authority", label: "Authority", kind: "text" },
    OWNERS, STEWARDS, NOTES] },
};

export function camel(key: string): string {
  return key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** A field's value in the form: text, as the input holds it. */
export function currentValue(node: NonNullable<NodePageQuery["node"]>, field: Field): string {
  const value = (node as Page)[field.from ?? camel(field.key)];
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map((v) => (typeof v === "object" && v && "id" in v ? v.id : String(v))).join(", ");
  if (typeof value === "object" && "id" in value) return String(value.id);
  return String(value);
}

/** The value the API takes for what the input holds; null removes the key (in a patch). */
export function parsed(field: Field, text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === "") return field.kind === "refs" ? [] : null;
  if (field.kind === "refs") return trimmed.split(/[\s,]+/).filter(Boolean);
  if (field.kind === "bool") return trimmed === "true";
  if (field.kind === "int") return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed; // the API says what is wrong
  return trimmed;
}
