// Every write the UI makes goes through here: the API's typed mutations of a label
// (createDataElement(input:), updateSystem(id:, patch:), deleteFlow(id:) ...), which take
// the catalog-file keys in camelCase and check enums and dates before anything runs.
// The forms name the label, so the operation is chosen by name from curation.graphql.
import { request } from "./client";
import { camel } from "./forms";
import CURATION from "./queries/curation.graphql?raw";

export type Fields = Record<string, unknown>;

/** A form's values (catalog-file keys) as a typed input or patch takes them. */
function typed(fields: Fields): Fields {
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [camel(key), value]));
}

export async function createNode(label: string, fields: Fields): Promise<string> {
  const data = await request<Record<string, { id: string }>, { input: Fields }>(
    CURATION, `Create${label}`, { input: typed(fields) });
  return data[`create${label}`].id;
}

/** A key given as null is removed; a key left out is left alone. */
export async function updateNode(label: string, id: string, fields: Fields): Promise<void> {
  await request<Record<string, { id: string }>, { id: string; patch: Fields }>(
    CURATION, `Update${label}`, { id, patch: typed(fields) });
}

export async function deleteNode(label: string, id: string): Promise<void> {
  await request<Record<string, string>, { id: string }>(CURATION, `Delete${label}`, { id });
}
