import { AdminActionForm } from "@/components/forms/AdminActionForm";
import { Pagination } from "@/components/Pagination";
import { setUserActive } from "@/lib/actions/admin";
import { listUsers } from "@/lib/api/account";

export const metadata = { title: "Users" };

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<{ q?: string; page?: string }> }) {
  const { q = "", page = "1" } = await searchParams;
  const users = await listUsers({ q, page: Math.max(1, Number.parseInt(page, 10) || 1) });
  return (
    <>
      <h1>Users</h1>
      <form action="/admin/users" role="search" className="inline-form" style={{ marginBottom: "1rem" }}>
        <label htmlFor="user-search">E-mail or name</label>
        <input id="user-search" name="q" defaultValue={q} />
        <button type="submit" className="button small">
          Search
        </button>
      </form>
      <p role="status">{users.total} users</p>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">Role</th>
              <th scope="col">State</th>
              <th scope="col">Action</th>
            </tr>
          </thead>
          <tbody>
            {users.items.map((user) => (
              <tr key={user.id} data-testid={`user-row-${user.email}`}>
                <td>
                  <strong>{user.full_name}</strong>
                  <br />
                  {user.email}
                  <br />
                  <a href={`/admin/orders?customer=${user.id}`}>Orders</a>
                </td>
                <td>{user.role === "admin" ? "Admin" : "Customer"}</td>
                <td>
                  {user.is_active ? "Active" : "Deactivated"}
                  {user.is_verified ? " · verified" : " · not verified"}
                </td>
                <td>
                  <AdminActionForm
                    action={setUserActive}
                    hidden={{ user_id: user.id, active: user.is_active ? "false" : "true" }}
                    label={user.is_active ? `Deactivate ${user.email}` : `Activate ${user.email}`}
                    danger={user.is_active}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={users.page} pages={users.pages} href={(p) => `/admin/users?${new URLSearchParams({ q, page: String(p) })}`} />
    </>
  );
}
