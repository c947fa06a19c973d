-- A step's A/B test: variant B's template for `split_share` percent of the carts (drawn per
-- cart by `domain::campaign::SplitTest`); null when the step has no test.
alter table reminder_steps add column split_template_id text;
alter table reminder_steps add column split_share bigint
    check (split_share between 1 and 99);
