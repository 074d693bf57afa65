/** The admin dashboard's figures (commerce, admins only). */
import { unwrap } from "./errors";
import type { Dashboard } from "./schema";
import { services } from "./server";

/** The periods the dashboard offers, in days; anything else is the default. */
export const DASHBOARD_PERIODS = [7, 30, 90] as const;
export const DEFAULT_DASHBOARD_PERIOD = 30;

export function dashboardPeriod(value: string | string[] | undefined): number {
  const days = Number(Array.isArray(value) ? value[0] : value);
  return (DASHBOARD_PERIODS as readonly number[]).includes(days) ? days : DEFAULT_DASHBOARD_PERIOD;
}

export async function dashboard(days: number): Promise<Dashboard> {
  const api = await services();
  return unwrap(await api.commerce.GET("/api/v1/admin/dashboard", { params: { query: { days } } }));
}
