-- Cart ingestion: API keys, the events received (for idempotency and the carts' timelines), and
-- the cart columns the lifecycle rules need.

create table api_keys (
    api_key_id text not null,
    shop_id text not null,
    name text not null,
    -- The first characters of the key, to recognise it in lists; the key itself is never stored.
    key_prefix text not null,
    key_hash text not null,
    created_at timestamptz not null,
    last_used_at timestamptz,
    revoked_at timestamptz,
    constraint api_keys_pkey primary key (api_key_id),
    constraint api_keys_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint api_keys_key_hash_key unique (key_hash)
);

-- One row per event received; the key makes a resent event a duplicate.
create table cart_events (
    api_key_id text not null,
    event_id text not null,
    shop_id text not null,
    event_type text not null,
    cart_external_id text not null,
    occurred_at timestamptz not null,
    received_at timestamptz not null,
    -- What the event did: created, applied, restarted, stale, after_order, unknown_cart.
    outcome text not null,
    constraint cart_events_pkey primary key (api_key_id, event_id),
    constraint cart_events_key_fkey foreign key (api_key_id) references api_keys (api_key_id),
    constraint cart_events_type_check check (event_type in ('cart_updated', 'cart_deleted', 'order_completed'))
);

create index cart_events_cart_idx on cart_events (shop_id, cart_external_id, occurred_at);

-- Which products and quantities the cart holds, to tell when its items change.
alter table carts add column items_fingerprint text not null default '';
-- When the reminder sequence last (re)started: creation, or the last change of items.
alter table carts add column sequence_started_at timestamptz;

alter table customers add column phone text;

-- An order may name a cart Relance never saw; it still counts in conversion figures.
alter table orders add column cart_external_id text;
alter table orders add column coupon_codes_json text not null default '[]';

create table shop_settings (
    shop_id text not null,
    -- A cart with no activity for this long (and items, an email, no order) is abandoned.
    abandoned_after_minutes integer not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint shop_settings_pkey primary key (shop_id),
    constraint shop_settings_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint shop_settings_abandoned_after_check check (abandoned_after_minutes between 5 and 10080)
);
