-- A shop that requires consent reminds only customers who opted in (`customer.newsletter`).
alter table shop_settings add column require_consent boolean not null default false;
