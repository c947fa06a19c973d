-- no-transaction
-- A discount can be a free gift: a product (its SKU, and its name for the email) the shop's
-- cart rule adds for the code. Both tables that hold a discount's kind get the new kind and the
-- gift's columns; SQLite cannot change a check constraint in place, so both are rebuilt, with
-- foreign keys off for the rebuild, hence its own transaction.
pragma foreign_keys = off;
begin;
pragma legacy_alter_table = on;

create table step_discounts_new (
    step_id text not null,
    shop_id text not null,
    position integer not null,
    min_value bigint not null,
    max_value bigint,
    kind text not null,
    -- The percentage or the amount, in ten-thousandths like money; 0 for free shipping or a gift.
    value bigint not null,
    tax_included boolean not null,
    validity_days integer not null,
    combinable boolean not null,
    created_at timestamptz not null,
    template_id text,
    gift_sku text,
    gift_name text,
    constraint step_discounts_pkey primary key (step_id, position),
    constraint step_discounts_step_fkey foreign key (step_id) references reminder_steps (step_id) on delete cascade,
    constraint step_discounts_kind_check check (kind in ('percent', 'amount', 'free_shipping', 'free_gift')),
    constraint step_discounts_gift_check check ((kind = 'free_gift') = (gift_sku is not null and gift_name is not null)),
    constraint step_discounts_validity_check check (validity_days between 1 and 365)
);

insert into step_discounts_new (step_id, shop_id, position, min_value, max_value, kind, value,
    tax_included, validity_days, combinable, created_at, template_id)
select step_id, shop_id, position, min_value, max_value, kind, value,
    tax_included, validity_days, combinable, created_at, template_id
from step_discounts;

drop table step_discounts;
alter table step_discounts_new rename to step_discounts;

create table coupons_new (
    coupon_id text not null,
    shop_id text not null,
    code text not null,
    customer_id text not null,
    -- The reminder that carried it, or the call it was given on.
    delivery_id text,
    call_task_id text,
    kind text not null,
    value bigint,
    tax_included boolean not null,
    combinable boolean not null,
    expires_at timestamptz not null,
    used_at timestamptz,
    used_by_order text,
    created_at timestamptz not null,
    min_order bigint,
    min_order_basis text,
    gift_sku text,
    gift_name text,
    constraint coupons_pkey primary key (coupon_id),
    constraint coupons_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint coupons_customer_fkey foreign key (customer_id) references customers (customer_id),
    constraint coupons_delivery_fkey foreign key (delivery_id) references deliveries (delivery_id),
    constraint coupons_call_fkey foreign key (call_task_id) references call_tasks (task_id),
    constraint coupons_shop_code_key unique (shop_id, code),
    constraint coupons_delivery_key unique (delivery_id),
    constraint coupons_origin_check check ((delivery_id is null) <> (call_task_id is null)),
    constraint coupons_kind_check check (kind in ('percent', 'amount', 'free_shipping', 'free_gift')),
    constraint coupons_gift_check check ((kind = 'free_gift') = (gift_sku is not null and gift_name is not null)),
    constraint coupons_min_order_basis_check check (min_order_basis in ('tax_incl', 'tax_excl'))
);

insert into coupons_new (coupon_id, shop_id, code, customer_id, delivery_id, call_task_id, kind,
    value, tax_included, combinable, expires_at, used_at, used_by_order, created_at, min_order,
    min_order_basis)
select coupon_id, shop_id, code, customer_id, delivery_id, call_task_id, kind,
    value, tax_included, combinable, expires_at, used_at, used_by_order, created_at, min_order,
    min_order_basis
from coupons;

drop table coupons;
alter table coupons_new rename to coupons;

create index coupons_customer_idx on coupons (customer_id, created_at);
create index coupons_call_idx on coupons (call_task_id) where call_task_id is not null;

-- A code used by an order credits the reminder that carried it, whichever cart it was.
create trigger stats_coupon_used after update of used_at on coupons
when new.used_at is not null
begin
    insert into stats_dirty_days (shop_id, day)
    select d.shop_id, date(d.sent_at) from deliveries d
    where d.delivery_id = new.delivery_id and d.sent_at is not null
    on conflict (shop_id, day) do nothing;
end;

pragma legacy_alter_table = off;
commit;
pragma foreign_keys = on;
