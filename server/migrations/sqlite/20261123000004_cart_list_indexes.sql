-- The Carts page sorts and counts 100,000s of carts: keep what it reads in indexes.

-- Products in the cart (quantities added up), kept with the cart so sorting by it needs no join.
alter table carts add column product_count integer not null default 0;

update carts set product_count = (
    select coalesce(sum(i.quantity), 0) from cart_items i where i.cart_id = carts.cart_id
);

create index carts_shop_total_idx on carts (shop_id, total_tax_incl);
create index carts_shop_products_idx on carts (shop_id, product_count);
-- Covers the 30-day figures (conversion, average cart) without reading the table.
create index carts_shop_created_idx on carts (shop_id, created_at, ordered_at, product_count, total_tax_incl);
