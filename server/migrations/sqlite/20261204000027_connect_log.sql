-- What the Connect page shows a merchant connecting a shop: the last requests received from
-- each source (API, tracker, webhooks, test), with their result. Kept to the newest 50 per
-- shop; no foreign key, so that writing it never fails on a shop being removed.
create table connect_log (
    log_id text not null,
    shop_id text not null,
    received_at timestamptz not null,
    source text not null,
    summary text not null,
    result text not null,
    reason text,
    constraint connect_log_pkey primary key (log_id),
    constraint connect_log_result_check check (result in ('accepted', 'duplicate', 'refused'))
);

create index connect_log_shop_idx on connect_log (shop_id, received_at);
