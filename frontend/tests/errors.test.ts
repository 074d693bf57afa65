import { describe, expect, it } from "vitest";
import { ApiError, invalidFields, toApiError, unwrap } from "@/lib/api/errors";

describe("toApiError", () => {
  it("reads the services' error shape", () => {
    const error = toApiError(409, { error: { code: "out_of_stock", message: "Only 2 left.", details: { available: 2 } } });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe("out_of_stock");
    expect(error.message).toBe("Only 2 left.");
    expect(error.details).toEqual({ available: 2 });
  });
  it("falls back to a readable message for other bodies", () => {
    const error = toApiError(503, "<html>bad gateway</html>");
    expect(error.code).toBe("http_503");
    expect(error.message).toMatch(/busy/);
  });
  it("marks 401 as unauthenticated", () => {
    expect(toApiError(401, null).isUnauthenticated).toBe(true);
  });
});

describe("unwrap", () => {
  it("returns the data of a success", () => {
    expect(unwrap({ data: { ok: 1 }, response: new Response(null, { status: 200 }) })).toEqual({ ok: 1 });
  });
  it("throws the ApiError of a failure", () => {
    expect(() =>
      unwrap({ error: { error: { code: "not_found", message: "No such order." } }, response: new Response(null, { status: 404 }) }),
    ).toThrowError(expect.objectContaining({ status: 404, code: "not_found" }));
  });
});

describe("invalidFields", () => {
  it("names the fields of a validation error", () => {
    const error = toApiError(422, {
      error: { code: "validation_error", message: "Invalid", details: [{ loc: ["body", "email"] }, { field: "password" }] },
    });
    expect(invalidFields(error)).toEqual(["email", "password"]);
  });
});
