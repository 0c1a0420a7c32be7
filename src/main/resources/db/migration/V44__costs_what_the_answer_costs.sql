-- At a borough's size (ten million audit rows, half a million payments) a page must cost what its
-- answer costs, not what the history costs.

-- Audit search orders a window of time newest first: one index serves the window and the order,
-- so an old month is found by seeking to it, not by walking back through every newer row.
create index audit_event_time_id_idx on audit_event (occurred_at, id);
drop index audit_event_time_idx;

-- How far each chain has been verified: the nightly check walks only the rows after this one,
-- anchored at its hash, so one day's check costs one day's rows. Within a chain ids commit in
-- order (a row's id is taken under its chain's lock, held until commit), so no row can later
-- appear behind the mark.
create table audit_chain_verified (
    chain       smallint primary key check (chain between 0 and 63),
    through_id  bigint not null,
    row_hash    bytea not null check (length(row_hash) = 32),
    verified_at timestamptz not null
);

-- Finance officers search payments by the days they were made, with or without a state.
create index payment_created_idx on payment (created_at);
create index payment_state_created_idx on payment (state, created_at);

-- A parking fine paid again (two tabs racing through the provider) is marked when its second
-- success is recorded, so the reconciliation page reads the few marked payments instead of
-- comparing every successful fine payment with every other.
alter table payment add column paid_again boolean not null default false;

update payment p set paid_again = true
where p.purpose = 'PCN' and p.state = 'SUCCESS'
  and exists (select 1 from payment earlier where earlier.purpose = 'PCN' and earlier.paying_for = p.paying_for
              and earlier.state = 'SUCCESS' and (earlier.finished_at, earlier.id) < (p.finished_at, p.id));

create index payment_paid_again_idx on payment (finished_at) where paid_again;

-- Successes of one fine are serialised on the lock payments already take on what they pay for
-- (PaymentStore.lockWhatIsPaid), so of two racing successes the second always sees the first.
create function payment_marks_fine_paid_again() returns trigger language plpgsql as $$
begin
    if new.purpose = 'PCN' and new.state = 'SUCCESS' and (tg_op = 'INSERT' or old.state <> 'SUCCESS') then
        perform pg_advisory_xact_lock(1885436230, hashtext(new.paying_for));
        new.paid_again := exists (select 1 from payment earlier where earlier.purpose = 'PCN'
                                  and earlier.paying_for = new.paying_for and earlier.state = 'SUCCESS'
                                  and earlier.id <> new.id);
    elsif tg_op = 'UPDATE' then
        new.paid_again := old.paid_again;
    end if;
    return new;
end $$;

create trigger payment_fine_paid_again before insert or update of state on payment
    for each row execute function payment_marks_fine_paid_again();

-- The ledger's own check, kept from one view of the reconciliation page to the next: entries up to
-- checked_through are final and were checked (how many did not balance, and what the provider
-- accounts held there), so a view checks only the entries since. The mark moves to pending_through
-- once every transaction that was running when pending_through was read has ended
-- (pending_xmax), because an entry's id is taken before its transaction commits.
create table ledger_check (
    one              boolean primary key default true check (one),
    checked_through  bigint not null,
    unbalanced       bigint not null,
    pending_through  bigint not null,
    pending_xmax     xid8 not null,
    checked_at       timestamptz
);
insert into ledger_check (checked_through, unbalanced, pending_through, pending_xmax) values (0, 0, 0, '0');

create table ledger_check_balance (
    account        text primary key,
    balance_pence  bigint not null
);

-- An account's lines after the mark, read from the index alone.
create index journal_line_account_entry_idx on journal_line (account, entry_id) include (amount_pence);
drop index journal_line_account_idx;
