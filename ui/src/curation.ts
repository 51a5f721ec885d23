// Every write the UI makes goes through here: today the API's generic mutations, which
// take a catalog-file mapping. Typed mutations per label can replace these three
// functions without the forms changing.
import { request } from "./client";
import type {
  CreateNodeMutation, CreateNodeMutationVariables, DeleteNodeMutation, DeleteNodeMutationVariables,
  UpdateNodeMutation, UpdateNodeMutationVariables,
} from "./generated/graphql";
import CURATION from "./queries/curation.graphql?raw";

export type Fields = Record<string, unknown>;

export async function createNode(label: string, fields: Fields): Promise<string> {
  const data = await request<CreateNodeMutation, CreateNodeMutationVariables>(CURATION, "CreateNode", { label, fields });
  return data.createNode.id;
}

export async function updateNode(id: string, fields: Fields): Promise<void> {
  await request<UpdateNodeMutation, UpdateNodeMutationVariables>(CURATION, "UpdateNode", { id, fields });
}

export async function deleteNode(id: string): Promise<void> {
  await request<DeleteNodeMutation, DeleteNodeMutationVariables>(CURATION, "DeleteNode", { id });
}
