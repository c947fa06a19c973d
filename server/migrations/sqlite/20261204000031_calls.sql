-- no-transaction
-- Manual phone steps: a step can be a call task for staff. The task opens when the step falls
-- due; staff log its outcome, may mail a template and give a code from the call screen. A
-- code given on a call has no delivery: coupons are rebuilt with `delivery_id` optional, which
-- SQLite cannot change in place; the rebuild needs foreign keys off, hence its own transaction.
pragma foreign_keys = off;
begin;
pragma legacy_alter_table = on;

alter table reminder_steps add column channel text not null default 'email'
    constraint reminder_steps_channel_check check (channel in ('email', 'call'));
-- The member a call step's tasks go to; null: any staff of the shop.
alter table reminder_steps add column assignee_id text;

-- The postal address as one line, for staff's calls.
alter table customers add column address text;

create table call_tasks (
    task_id text not null,
    shop_id text not null,
    cart_id text not null,
    customer_id text not null,
    campaign_id text not null,
    step_id text not null,
    sequence integer not null,
    abandoned_at timestamptz,
    due_at timestamptz not null,
    created_at timestamptz not null,
    assignee_id text,
    -- When staff were told by mail; null: not yet (each pass tries again).
    notified_at timestamptz,
    status text not null default 'open',
    outcome text,
    notes text not null default '',
    done_by text,
    done_at timestamptz,
    constraint call_tasks_pkey primary key (task_id),
    constraint call_tasks_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint call_tasks_cart_fkey foreign key (cart_id) references carts (cart_id),
    constraint call_tasks_customer_fkey foreign key (customer_id) references customers (customer_id),
    constraint call_tasks_cart_step_key unique (cart_id, sequence, step_id),
    constraint call_tasks_status_check check (status in ('open', 'done')),
    constraint call_tasks_outcome_check check ((status = 'done') = (outcome is not null))
);

create index call_tasks_queue_idx on call_tasks (shop_id, status, due_at);
create index call_tasks_unnotified_idx on call_tasks (shop_id) where notified_at is null;

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
    constraint coupons_pkey primary key (coupon_id),
    constraint coupons_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint coupons_customer_fkey foreign key (customer_id) references customers (customer_id),
    constraint coupons_delivery_fkey foreign key (delivery_id) references deliveries (delivery_id),
    constraint coupons_call_fkey foreign key (call_task_id) references call_tasks (task_id),
    constraint coupons_shop_code_key unique (shop_id, code),
    constraint coupons_delivery_key unique (delivery_id),
    constraint coupons_origin_check check ((delivery_id is null) <> (call_task_id is null)),
    constraint coupons_kind_check check (kind in ('percent', 'amount', 'free_shipping')),
    constraint coupons_min_order_basis_check check (min_order_basis in ('tax_incl', 'tax_excl'))
);

insert into coupons_new (coupon_id, shop_id, code, customer_id, delivery_id, kind, value,
    tax_included, combinable, expires_at, used_at, used_by_order, created_at, min_order,
    min_order_basis)
select coupon_id, shop_id, code, customer_id, delivery_id, kind, value,
    tax_included, combinable, expires_at, used_at, used_by_order, created_at, min_order,
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
