-- A digest of every stored field of the cart's lines, so an update that resends the same lines
-- (shops send the whole cart on every change, and some on every page view) leaves them as they
-- are instead of deleting and inserting each one. Empty until the cart's next update.
alter table carts add column items_digest text not null default '';
