"""The GraphQL API: schema, types, resolvers and the per-request context."""
