/** Names for the generated OpenAPI schemas, so the rest of the app never spells `components[...]`. */
import type { components as Commerce } from "./types/commerce";
import type { components as Core } from "./types/core";
import type { components as PaymentComponents } from "./types/payment";

type CommerceSchema = Commerce["schemas"];
type CoreSchema = Core["schemas"];
type PaymentSchema = PaymentComponents["schemas"];

export type ProductSummary = CommerceSchema["ProductSummary"];
export type ProductPage = CommerceSchema["Page_ProductSummary_"];
export type Product = CommerceSchema["ProductOut"];
export type Variant = CommerceSchema["VariantOut"];
export type ProductImage = CommerceSchema["Image"];
export type Facets = CommerceSchema["Facets"];
export type ServerCart = CommerceSchema["CartOut"];
export type ServerCartItem = CommerceSchema["CartItem"];
export type ShippingAddress = CommerceSchema["ShippingAddress"];
export type SavedAddress = CommerceSchema["AddressOut"];
export type AddressInput = CommerceSchema["AddressIn"];
export type Order = CommerceSchema["OrderOut"];
export type OrderSummary = CommerceSchema["OrderSummary"];
export type OrderPage = CommerceSchema["Page_OrderSummary_"];
export type OrderStatus = OrderSummary["status"];
export type StockReport = CommerceSchema["StockOut"];
export type Discount = CommerceSchema["DiscountOut"];
export type DiscountPage = CommerceSchema["Page_DiscountOut_"];
export type StaffOrderRow = CommerceSchema["StaffOrderRow"];
export type StaffOrderPage = CommerceSchema["Page_StaffOrderRow_"];
export type Dashboard = CommerceSchema["Dashboard"];
export type DashboardDay = CommerceSchema["DashboardDay"];
export type StaffOrdersQuery = NonNullable<
  import("./types/commerce").operations["list_all_orders_api_v1_admin_orders_get"]["parameters"]["query"]
>;
export type ProductSort = NonNullable<ProductFiltersQuery["sort"]>;
export type ProductFiltersQuery = NonNullable<
  import("./types/commerce").operations["list_products_api_v1_products_get"]["parameters"]["query"]
>;

export type User = CoreSchema["UserOut"];
export type UserPage = CoreSchema["Page_UserOut_"];

export type Payment = PaymentSchema["PaymentOut"];
export type PaymentStatus = Payment["status"];
export type FraudReview = PaymentSchema["FraudReviewOut"];
export type FraudReviewPage = PaymentSchema["Page_FraudReviewOut_"];
export type CardInput = PaymentSchema["CardIn"];
export type CatalogImportReport = CommerceSchema["ImportReport"];
