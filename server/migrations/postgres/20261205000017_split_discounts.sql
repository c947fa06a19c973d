-- An A/B test may give variant B its own discount (a `DiscountPolicy` as JSON: none or a
-- single discount) instead of the step's; null when B offers the step's.
alter table reminder_steps add column split_discount text;
