-- Code collections: codes the merchant made in the shop and imported (CSV), handed out one per
-- reminder instead of codes Relance makes, for the steps that name the collection.
create table code_collections (
    collection_id text not null,
    shop_id text not null,
    name text not null,
    created_at timestamptz not null,
    constraint code_collections_pkey primary key (collection_id),
    constraint code_collections_shop_fkey foreign key (shop_id) references shops (shop_id)
);

create table collection_codes (
    collection_id text not null,
    code text not null,
    -- The reminder that carried it, once taken.
    delivery_id text,
    taken_at timestamptz,
    constraint collection_codes_pkey primary key (collection_id, code),
    constraint collection_codes_collection_fkey foreign key (collection_id)
        references code_collections (collection_id) on delete cascade
);

create index collection_codes_free_idx on collection_codes (collection_id, code)
where delivery_id is null;

alter table reminder_steps add column code_collection_id text;
