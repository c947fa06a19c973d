-- A campaign can be paused as a whole (`relance campaign disable`, the Reminders tab): the
-- engine then decides nothing for it, and each step keeps its own switch for when it resumes.
alter table campaigns add column paused boolean not null default false;
