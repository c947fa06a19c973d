-- A shop's webhook secret per platform: Shopify signs with the app's secret (pasted by the
-- merchant), WooCommerce with one Relance makes. Kept as is: checking a signature needs it.
-- Each platform's events are stored under an API key of their own (never shown, never usable
-- as a bearer key), so the events' deduplication by (key, event id) holds for webhooks too.
create table webhook_secrets (
    shop_id text not null,
    platform text not null,
    secret text not null,
    api_key_id text not null,
    created_at timestamptz not null,
    updated_at timestamptz not null,
    constraint webhook_secrets_pkey primary key (shop_id, platform),
    constraint webhook_secrets_shop_fkey foreign key (shop_id) references shops (shop_id),
    constraint webhook_secrets_key_fkey foreign key (api_key_id) references api_keys (api_key_id),
    constraint webhook_secrets_platform_check check (platform in ('shopify', 'woocommerce'))
);
