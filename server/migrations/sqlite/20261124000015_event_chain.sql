-- A cart's events are found by following a chain instead of an index by cart: each event
-- points to the one received before it about the same cart, and the cart to its last one.
-- The index by (shop, cart, time) took every event to a random page of an index that only
-- grows, so each event written cost about one more page in the WAL (15 % of the ingestion
-- rate in batches); the chain costs two integers per event and one per cart.
create table cart_events_chained (
    -- Given by the ingestion writer, in the order it receives events.
    event_seq integer primary key,
    api_key_id text not null,
    event_id text not null,
    shop_id text not null,
    event_type text not null,
    cart_external_id text not null,
    occurred_at timestamptz not null,
    received_at timestamptz not null,
    -- What the event did: created, applied, restarted, stale, after_order, unknown_cart.
    outcome text not null,
    -- The event received before this one about the same cart; null for its first.
    previous_seq integer,
    constraint cart_events_key_event_key unique (api_key_id, event_id),
    constraint cart_events_key_fkey foreign key (api_key_id) references api_keys (api_key_id),
    constraint cart_events_type_check check (event_type in ('cart_updated', 'cart_deleted', 'order_completed'))
);

insert into cart_events_chained (event_seq, api_key_id, event_id, shop_id, event_type, cart_external_id,
    occurred_at, received_at, outcome, previous_seq)
select rowid, api_key_id, event_id, shop_id, event_type, cart_external_id, occurred_at, received_at, outcome,
    lag(rowid) over (partition by shop_id, cart_external_id order by rowid)
from cart_events;

drop table cart_events;
alter table cart_events_chained rename to cart_events;

-- Events about a cart Relance does not know yet (an order or a deletion that came first): a
-- cart created later links its chain to them. Few rows, so a small index.
create index cart_events_unknown_cart_idx on cart_events (shop_id, cart_external_id, event_seq)
    where outcome = 'unknown_cart';

alter table carts add column last_event_seq integer;

update carts set last_event_seq = heads.event_seq
from (
    select shop_id, cart_external_id, max(event_seq) as event_seq from cart_events
    group by shop_id, cart_external_id
) as heads
where heads.shop_id = carts.shop_id and heads.cart_external_id = carts.external_id;
