// A small GraphQL client over fetch: one POST to /graphql, with the session's token. A
// document of src/queries/ is sent whole, with the name of the operation to run.
import { token } from "./auth";

export interface GraphQLErrorItem {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export class ApiError extends Error {
  constructor(readonly errors: GraphQLErrorItem[], readonly status = 200) {
    super(errors.map((e) => e.message).join("; ") || `the server answered ${status}`);
  }

  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }

  /** A token would let the visitor see this. */
  get needsSignIn(): boolean {
    return this.errors.some((e) => ["FORBIDDEN", "UNAUTHENTICATED"].includes(e.extensions?.code ?? ""));
  }
}

export interface Partial<D> {
  data: D | null;
  errors: GraphQLErrorItem[];
}

/** Data and errors as they came: a field the visitor may not read is null beside the rest. */
export async function requestPartial<D, V extends object>(document: string, operationName: string,
                                                          variables?: V): Promise<Partial<D>> {
  const headers: Record<string, string> = { "Content-Type": "application/json", Accept: "application/json" };
  const secret = token();
  if (secret) headers.Authorization = `Bearer ${secret}`;
  let response: Response;
  try {
    response = await fetch("/graphql", { method: "POST", headers, body: JSON.stringify({ query: document, operationName, variables }) });
  } catch {
    throw new ApiError([{ message: "Steward's server cannot be reached" }], 0);
  }
  let body: { data?: D | null; errors?: GraphQLErrorItem[] };
  try {
    body = await response.json();
  } catch {
    throw new ApiError([{ message: `the server answered ${response.status} without JSON` }], response.status);
  }
  if (!response.ok && !body.data) throw new ApiError(body.errors ?? [], response.status);
  return { data: body.data ?? null, errors: body.errors ?? [] };
}

/** The data, or an ApiError when anything went wrong. */
export async function request<D, V extends object>(document: string, operationName: string,
                                                   variables?: V): Promise<D> {
  const { data, errors } = await requestPartial<D, V>(document, operationName, variables);
  if (errors.length || !data) throw new ApiError(errors);
  return data;
}
