-- Statistics: which template each reminder was written with, the attribution window, the
-- indexes a day's recount reads along, and the stored per-day figures (domain::stats::DayStats)
-- that the Statistics page sums instead of recounting millions of deliveries.

alter table shop_settings add column attribution_window_days integer not null default 5;

-- The template a sent reminder was rendered with (a step may change template later).
alter table deliveries add column template_id text;
update deliveries set template_id = (
    select s.template_id from reminder_steps s where s.step_id = deliveries.step_id
) where status = 'sent';

create index deliveries_shop_sent_idx on deliveries (shop_id, sent_at);
create index orders_cart_idx on orders (cart_id);

-- One row per day of the shop's calendar, without then with probable scanners.
create table stats_days (
    shop_id text not null,
    day date not null,
    scanners boolean not null,
    carts_created integer not null,
    carts_abandoned integer not null,
    credited_orders integer not null,
    -- Money in ten-thousandths, like every amount.
    credited_revenue bigint not null,
    constraint stats_days_pkey primary key (shop_id, day, scanners),
    constraint stats_days_shop_fkey foreign key (shop_id) references shops (shop_id)
);

-- The reminders of one step and template sent on a day, and what became of them.
create table stats_step_days (
    shop_id text not null,
    day date not null,
    scanners boolean not null,
    step_id text not null,
    template_id text not null,
    sent integer not null,
    opened integer not null,
    clicked integer not null,
    converted integer not null,
    revenue bigint not null,
    constraint stats_step_days_pkey primary key (shop_id, day, scanners, step_id, template_id),
    constraint stats_step_days_shop_fkey foreign key (shop_id) references shops (shop_id)
);

-- Carts and customers reminded on a day, by the day of their previous reminder, so a range
-- counts each once (domain::stats::Reach).
create table stats_reach_days (
    shop_id text not null,
    day date not null,
    subject text not null,
    prev_day date,
    reached integer not null,
    converted integer not null,
    value bigint not null,
    constraint stats_reach_days_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint stats_reach_days_subject_check check (subject in ('cart', 'customer'))
);

-- Covering: a range's sums read the index alone.
create index stats_reach_days_day_idx on stats_reach_days (
    shop_id, day, subject, prev_day, reached, converted, value
);

-- The UTC days whose facts changed since the figures were last computed. The writes mark them
-- here (triggers below, in the writer's own transaction; a day already marked costs one index
-- lookup, no write); a refresh moves them to stats_claimed_days in one transaction, recounts
-- the shop days around them, then forgets the claim. A write during the recount marks its day
-- again, and a refresh that died leaves its claim for the next one.
create table stats_dirty_days (
    shop_id text not null,
    day date not null,
    constraint stats_dirty_days_pkey primary key (shop_id, day)
);

create table stats_claimed_days (
    shop_id text not null,
    day date not null,
    constraint stats_claimed_days_pkey primary key (shop_id, day)
);

-- When the figures were last brought up to date, and with which attribution window.
create table stats_state (
    shop_id text not null,
    refreshed_at timestamptz not null,
    window_days integer not null,
    time_zone text not null,
    constraint stats_state_pkey primary key (shop_id),
    constraint stats_state_shop_fkey foreign key (shop_id) references shops (shop_id)
);

create trigger stats_delivery_insert after insert on deliveries
when new.sent_at is not null
begin
    insert into stats_dirty_days (shop_id, day) values (new.shop_id, date(new.sent_at))
    on conflict (shop_id, day) do nothing;
end;

create trigger stats_delivery_update after update of status, sent_at on deliveries
when old.sent_at is not new.sent_at
begin
    insert into stats_dirty_days (shop_id, day)
    select new.shop_id, date(at) from (select new.sent_at as at union all select old.sent_at)
    where at is not null
    on conflict (shop_id, day) do nothing;
end;

-- An open or click changes its reminder's day; an unsubscribe changes every day the customer
-- was reminded (the customer counts as unsubscribed from each). Two statements, so each reads
-- along an index.
create trigger stats_delivery_event_insert after insert on delivery_events
begin
    insert into stats_dirty_days (shop_id, day)
    select d.shop_id, date(d.sent_at) from deliveries d
    where d.delivery_id = new.delivery_id and d.sent_at is not null
    on conflict (shop_id, day) do nothing;
    insert into stats_dirty_days (shop_id, day)
    select d.shop_id, date(d.sent_at) from deliveries d
    where new.kind = 'unsubscribe' and d.sent_at is not null and d.customer_id =
        (select x.customer_id from deliveries x where x.delivery_id = new.delivery_id)
    on conflict (shop_id, day) do nothing;
end;

create trigger stats_cart_insert after insert on carts
begin
    insert into stats_dirty_days (shop_id, day)
    select new.shop_id, date(at) from (select new.created_at as at union all select new.last_activity_at)
    where true
    on conflict (shop_id, day) do nothing;
end;

-- A cart's activity moves its abandonment; its value, order or deletion change the days it
-- was reminded on.
create trigger stats_cart_update after update of last_activity_at, ordered_at, deleted_at,
    customer_id, total_tax_incl, product_count on carts
begin
    insert into stats_dirty_days (shop_id, day)
    select new.shop_id, date(at) from (
        select old.last_activity_at as at union all select new.last_activity_at
        union all select new.ordered_at union all select old.ordered_at
        union all select d.sent_at from deliveries d where d.cart_id = new.cart_id
    )
    where at is not null
    on conflict (shop_id, day) do nothing;
end;

create trigger stats_order_insert after insert on orders
begin
    insert into stats_dirty_days (shop_id, day)
    select new.shop_id, date(at) from (
        select new.ordered_at as at
        union all select d.sent_at from deliveries d where d.cart_id = new.cart_id
    )
    where at is not null
    on conflict (shop_id, day) do nothing;
end;

-- A code used by an order credits the reminder that carried it, whichever cart it was.
create trigger stats_coupon_used after update of used_at on coupons
when new.used_at is not null
begin
    insert into stats_dirty_days (shop_id, day)
    select d.shop_id, date(d.sent_at) from deliveries d
    where d.delivery_id = new.delivery_id and d.sent_at is not null
    on conflict (shop_id, day) do nothing;
end;
