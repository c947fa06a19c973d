-- Quiet hours per shop: "HH:MM-HH:MM" in the customer's local time, or '' for none. Every
-- shop starts with 21:00-08:00, as merchants expect from a reminder tool.
alter table shop_settings add column quiet_hours text not null default '21:00-08:00';

-- The customer's IANA time zone when the shop sends it (`customer.time_zone`): quiet hours
-- are counted in it, else in the shop's.
alter table customers add column time_zone text;

-- Escalation: a campaign's discounts go only to a sequence that already had a reminder
-- without one, so customers cannot learn to abandon a cart to get a code.
alter table campaigns add column escalation boolean not null default false;
