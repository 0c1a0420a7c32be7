-- Payments and the double-entry ledger (ADR 0009). Money is integer pence.

-- A journal entry records one movement of money; its lines say which ledger accounts it moves
-- between. Debits are positive, credits negative, and every entry's lines sum to zero: the
-- database refuses to commit one that does not. Entries are never changed or removed: a mistake
-- is corrected by another entry.
create table journal_entry (
    id          bigint generated always as identity primary key,
    -- What caused it (a payment's success, a refund, a weekly rent charge), unique so that
    -- posting the same movement twice is a no-op rather than a second charge.
    source      text not null unique check (length(source) <= 200),
    description text not null check (length(description) <= 200),
    posted_at   timestamptz not null
);

create table journal_line (
    id           bigint generated always as identity primary key,
    entry_id     bigint not null references journal_entry (id),
    account      text not null check (account ~ '^[a-z-]+(:[A-Za-z0-9_-]+)?$'),
    amount_pence bigint not null check (amount_pence <> 0)
);
create index journal_line_entry_idx on journal_line (entry_id);
create index journal_line_account_idx on journal_line (account);

create function journal_entry_balances() returns trigger language plpgsql as $$
declare
    total bigint;
    lines integer;
begin
    select coalesce(sum(amount_pence), 0), count(*) into total, lines
      from journal_line where entry_id = new.id;
    if lines < 2 or total <> 0 then
        raise exception 'journal entry % does not balance: % lines summing to %', new.id, lines, total
            using errcode = '23514';
    end if;
    return null;
end $$;

-- Checked at commit, once every line of the entry is in.
create constraint trigger journal_entry_must_balance
    after insert on journal_entry deferrable initially deferred
    for each row execute function journal_entry_balances();

create function journal_line_entry_balances() returns trigger language plpgsql as $$
declare
    total bigint;
begin
    select coalesce(sum(amount_pence), 0) into total from journal_line where entry_id = new.entry_id;
    if total <> 0 then
        raise exception 'journal entry % does not balance: lines sum to %', new.entry_id, total
            using errcode = '23514';
    end if;
    return null;
end $$;

-- A line added later to an existing entry is checked too.
create constraint trigger journal_line_must_balance
    after insert on journal_line deferrable initially deferred
    for each row execute function journal_line_entry_balances();

create function ledger_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the ledger is append-only: correct a mistake with another entry' using errcode = '42501';
end $$;

create trigger journal_entry_append_only before update or delete on journal_entry
    for each row execute function ledger_is_append_only();
create trigger journal_line_append_only before update or delete on journal_line
    for each row execute function ledger_is_append_only();
create trigger journal_entry_no_truncate before truncate on journal_entry
    for each statement execute function ledger_is_append_only();
create trigger journal_line_no_truncate before truncate on journal_line
    for each statement execute function ledger_is_append_only();

-- The payment lifecycle, as GOV.UK Pay's: the only moves a payment may make. PaymentState holds
-- the same table; PaymentStateTest checks they agree.
create table payment_transition (
    from_state text not null,
    to_state   text not null,
    primary key (from_state, to_state)
);
insert into payment_transition (from_state, to_state) values
    ('CREATED', 'STARTED'), ('CREATED', 'SUBMITTED'), ('CREATED', 'SUCCESS'), ('CREATED', 'FAILED'),
    ('CREATED', 'CANCELLED'), ('CREATED', 'ERROR'), ('CREATED', 'EXPIRED'),
    ('STARTED', 'SUBMITTED'), ('STARTED', 'SUCCESS'), ('STARTED', 'FAILED'), ('STARTED', 'CANCELLED'),
    ('STARTED', 'ERROR'), ('STARTED', 'EXPIRED'),
    ('SUBMITTED', 'SUCCESS'), ('SUBMITTED', 'FAILED'), ('SUBMITTED', 'CANCELLED'), ('SUBMITTED', 'ERROR'),
    ('SUBMITTED', 'EXPIRED');

create table payment (
    id               bigint generated always as identity primary key,
    public_ref       text not null unique,
    -- The reference on the resident's receipt and the council's settlement report.
    reference        text not null unique check (reference ~ '^EBP-[A-Z0-9]{10}$'),
    idempotency_key  text not null unique check (length(idempotency_key) between 16 and 100),
    -- What the request asked for, so that a repeat with the same key but different details is refused.
    fingerprint      text not null,
    resident_ref     text not null,
    purpose          text not null check (purpose in ('COUNCIL_TAX', 'RENT', 'PCN')),
    paying_for       text not null check (length(paying_for) <= 64),
    description      text not null check (length(description) <= 200),
    credit_account   text not null,
    return_path      text not null check (return_path ~ '^/[A-Za-z0-9/_-]*$'),
    amount_pence     bigint not null check (amount_pence > 0),
    state            text not null check (state in
                         ('CREATED', 'STARTED', 'SUBMITTED', 'SUCCESS', 'FAILED', 'CANCELLED', 'ERROR', 'EXPIRED')),
    failure          text check (length(failure) <= 200),
    provider         text not null check (provider in ('SANDBOX', 'GOVUK_PAY')),
    provider_id      text unique,
    next_url         text,
    card_summary     text check (length(card_summary) <= 60),
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    finished_at      timestamptz,
    refunded_pence   bigint not null default 0 check (refunded_pence >= 0),
    check (refunded_pence <= amount_pence),
    check (refunded_pence = 0 or state = 'SUCCESS')
);
create index payment_resident_idx on payment (resident_ref);
create index payment_unfinished_idx on payment (state) where state in ('CREATED', 'STARTED', 'SUBMITTED');
create index payment_finished_idx on payment (finished_at);

create function payment_moves_by_the_table() returns trigger language plpgsql as $$
begin
    if new.state is distinct from old.state and not exists
        (select 1 from payment_transition where from_state = old.state and to_state = new.state) then
        raise exception 'a payment cannot move from % to %', old.state, new.state using errcode = '23514';
    end if;
    if new.amount_pence <> old.amount_pence or new.idempotency_key <> old.idempotency_key
        or new.paying_for <> old.paying_for or new.resident_ref <> old.resident_ref then
        raise exception 'what a payment pays for and how much never change' using errcode = '23514';
    end if;
    return new;
end $$;

create trigger payment_state_change before update on payment
    for each row execute function payment_moves_by_the_table();

create trigger payment_kept before delete on payment
    for each row execute function ledger_is_append_only();

create table refund (
    id            bigint generated always as identity primary key,
    public_ref    text not null unique,
    payment_id    bigint not null references payment (id),
    amount_pence  bigint not null check (amount_pence > 0),
    state         text not null check (state in ('SUBMITTED', 'SUCCESS', 'ERROR')),
    provider_id   text,
    reason        text not null check (length(reason) between 1 and 500),
    requested_by  text not null,
    created_at    timestamptz not null,
    finished_at   timestamptz
);
create index refund_payment_idx on refund (payment_id);
create index refund_unfinished_idx on refund (state) where state = 'SUBMITTED';

-- Webhook messages already acted on, so a replayed one changes nothing.
create table provider_webhook (
    message_id  text primary key check (length(message_id) <= 100),
    received_at timestamptz not null
);

-- The built-in sandbox provider's own books: what it "charged" and "refunded". Kept apart from
-- Townhall's payment rows, as a real provider's would be, so that a crash between the two is real.
create table sandbox_charge (
    provider_id    text primary key,
    amount_pence   bigint not null check (amount_pence > 0),
    reference      text not null,
    return_url     text not null,
    status         text not null check (status in ('created', 'started', 'submitted', 'success', 'failed', 'cancelled', 'error')),
    failure_code   text,
    card_last4     text,
    slow           boolean not null default false,
    created_at     timestamptz not null
);

create table sandbox_refund (
    refund_id      text primary key,
    provider_id    text not null references sandbox_charge (provider_id),
    amount_pence   bigint not null check (amount_pence > 0),
    status         text not null check (status in ('submitted', 'success', 'error')),
    created_at     timestamptz not null
);
