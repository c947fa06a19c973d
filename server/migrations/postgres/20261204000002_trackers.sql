-- A shop's storefront tracker: its public key (it is in every page of the shop, so it is
-- kept as is; it can only send tracker events, from the origins listed here, one per line),
-- and the API key its events are stored under (never shown, never usable as a bearer key).
create table trackers (
    shop_id text not null,
    public_key text not null,
    allowed_origins text not null,
    api_key_id text not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint trackers_pkey primary key (shop_id),
    constraint trackers_public_key_key unique (public_key),
    constraint trackers_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint trackers_key_fkey foreign key (api_key_id) references api_keys (api_key_id)
);
