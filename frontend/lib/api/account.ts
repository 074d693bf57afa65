/** The signed-in user's profile, and the admin's view of users. */
import { unwrap } from "./errors";
import type { User, UserPage } from "./schema";
import { getViewer, services } from "./server";

export async function currentUser(): Promise<User | null> {
  const viewer = await getViewer();
  if (!viewer || viewer.role === "guest") return null;
  const api = await services();
  const result = await api.core.GET("/api/v1/users/me");
  if (result.response.status === 401 || result.response.status === 403) return null;
  return unwrap(result);
}

export async function listUsers(query: { q?: string; page?: number }): Promise<UserPage> {
  const api = await services();
  return unwrap(
    await api.core.GET("/api/v1/admin/users", {
      params: { query: { q: query.q || undefined, page: query.page ?? 1, page_size: 20 } },
    }),
  );
}
