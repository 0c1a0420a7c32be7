-- Saving a PCN to a Townhall account is a saved look-up, not ownership (ADR 0012): any number of
-- residents who know its number and the vehicle registration may save it, and saving grants no
-- more than the look-up does. It never hides the PCN from the keeper, nor stops them challenging
-- or paying it; a challenge and its letters and evidence stay with the resident who made it.
create table pcn_saved (
    pcn_id       bigint not null references pcn (id),
    resident_ref text not null check (length(resident_ref) <= 64),
    saved_at     timestamptz not null,
    primary key (pcn_id, resident_ref)
);
create index pcn_saved_resident_idx on pcn_saved (resident_ref);

-- PCNs already on an account stay saved there.
insert into pcn_saved (pcn_id, resident_ref, saved_at) select id, resident_ref, now() from pcn where resident_ref is not null;

-- The one resident per PCN was the rule that let the first to add it lock the keeper out.
alter table pcn drop column resident_ref;
