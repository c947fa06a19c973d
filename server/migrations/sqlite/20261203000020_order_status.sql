-- Orders have a status: only a paid one credits a reminder; a cancelled or refunded one takes
-- its revenue back out. Orders received before were taken as paid, and stay so.
alter table orders add column status text not null default 'paid'
    constraint orders_status_check check (status in ('pending', 'paid', 'cancelled', 'refunded'));
alter table orders add column status_changed_at timestamptz;

-- A status change recounts the days the order counts on: its own and its cart's reminders'.
create trigger stats_order_status after update of status on orders
when old.status is not new.status
begin
    insert into stats_dirty_days (shop_id, day)
    select new.shop_id, date(at) from (
        select new.ordered_at as at
        union all select d.sent_at from deliveries d where d.cart_id = new.cart_id
        union all select d.sent_at from coupons c join deliveries d on d.delivery_id = c.delivery_id
            where c.shop_id = new.shop_id and c.used_by_order = new.external_id
    )
    where at is not null
    on conflict (shop_id, day) do nothing;
end;

-- An order now counts within 7 days of a reminder's send or click (it was 5 days of an open
-- or click): shops still on the old default move to the new one.
update shop_settings set attribution_window_days = 7 where attribution_window_days = 5;

-- Events may now be `order_updated`: SQLite cannot change a check, so the table is rebuilt
-- as it is with the wider check.
create table cart_events_typed (
    event_seq integer primary key,
    api_key_id text not null,
    event_id text not null,
    shop_id text not null,
    event_type text not null,
    cart_external_id text not null,
    occurred_at timestamptz not null,
    received_at timestamptz not null,
    outcome text not null,
    previous_seq integer,
    constraint cart_events_key_event_key unique (api_key_id, event_id),
    constraint cart_events_key_fkey foreign key (api_key_id) references api_keys (api_key_id),
    constraint cart_events_type_check check (event_type in
        ('cart_updated', 'cart_deleted', 'order_completed', 'order_updated'))
);
insert into cart_events_typed select event_seq, api_key_id, event_id, shop_id, event_type,
    cart_external_id, occurred_at, received_at, outcome, previous_seq from cart_events;
drop table cart_events;
alter table cart_events_typed rename to cart_events;
create index cart_events_unknown_cart_idx on cart_events (shop_id, cart_external_id, event_seq)
    where outcome = 'unknown_cart';
