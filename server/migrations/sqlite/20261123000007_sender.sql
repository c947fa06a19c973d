-- Who the reminders come from and where replies go, set in Settings. Empty means not set:
-- the From of RELANCE_MAIL_FROM, no Reply-To.
alter table shop_settings add column sender_name text not null default '';
alter table shop_settings add column sender_email text not null default '';
alter table shop_settings add column reply_to text not null default '';
