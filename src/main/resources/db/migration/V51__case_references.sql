-- A reference a resident can read out on the phone or quote in a letter, for each challenge and
-- set of representations (ADR 0028). The public reference stays what addresses name; this one is
-- shorter, unambiguous (no 0/O, 1/I), and unique. Cases made before it get one now.
alter table parking_case add column reference text unique check (reference ~ '^EBC-[A-HJ-NP-Z2-9]{10}$');

update parking_case set reference = 'EBC-' || (
    select string_agg(substr('ABCDEFGHJKLMNPQRSTUVWXYZ23456789', 1 + floor(random() * 32)::int, 1), '')
    from generate_series(1, 10) where parking_case.id is not null);

alter table parking_case alter column reference set not null;
