-- The database writes one completed payment cannot do without, and nothing else: no look-ups,
-- no checks made by reading first, no application in between. PaymentsBench runs this with
-- pgbench on the same database as the measured payments, so that its rate is a ceiling: no
-- implementation making these writes on this machine can complete payments faster.
-- Variables: run (this run's number), i (counts this client's payments), provider_books (1: the
-- sandbox provider's own writes are made too, as in the measured payments; 0: left out, as with
-- GOV.UK Pay, whose books are not in our database), chained_audit (1: each audit row locks its
-- chain and reads the chain's last row first, as Townhall's do; 0: written unchained, as a
-- trail with a weaker guarantee could be); pgbench sets client_id.
-- A colon inside a literal stands alone (':'): pgbench would read ':name' as a variable.
\set i :i + 1
\set chain random(0, 7)
\set chain2 random(0, 7)

-- 1. The provider creates its payment, in its own books and its own commit.
\if :provider_books
insert into sandbox_charge (provider_id, amount_pence, reference, return_url, status, created_at, idempotency_key)
values ('sbx-' || :run::bigint || '-' || :client_id::int || '-' || :i::bigint, 100,
        'EBP-' || upper(substr(md5(:run::bigint || '-' || :client_id::int || '-' || :i::bigint), 1, 10)),
        'https://townhall.example/payments/floor/return', 'created', now(),
        'floor-idempotency-key-' || :run::bigint || '-' || :client_id::int || '-' || :i::bigint);
\endif

-- 2. Townhall writes the payment row (idempotency key, fingerprint) and its audit row together;
--    the audit row is chained, so its chain is locked and its last row read first.
begin;
insert into payment (public_ref, reference, idempotency_key, fingerprint, resident_ref, purpose, paying_for, description,
                     credit_account, return_path, amount_pence, state, provider, provider_id, next_url, created_at, updated_at)
values ('floor-' || :run::bigint || '-' || :client_id::int || '-' || :i::bigint,
        'EBP-' || upper(substr(md5(:run::bigint || '-' || :client_id::int || '-' || :i::bigint), 1, 10)),
        'floor-idempotency-key-' || :run::bigint || '-' || :client_id::int || '-' || :i::bigint,
        'resident|COUNCIL_TAX|floor-account|100|council-tax' || ':' || 'floor-account', 'floor-resident', 'COUNCIL_TAX', 'floor-account',
        'Council tax 2026/27, account 40000001', 'council-tax' || ':' || 'floor-account', '/council-tax/floor-account', 100, 'CREATED',
        'SANDBOX', 'sbx-' || :run::bigint || '-' || :client_id::int || '-' || :i::bigint, '/sandbox-pay/floor', now(), now());
\if :chained_audit
select pg_advisory_xact_lock(2047678208 + :chain::int);
select nextval('audit_event_id_seq') as audit_id,
       coalesce((select row_hash from audit_event where chain = :chain::int order by id desc limit 1), sha256('')) as previous \gset
\else
select nextval('audit_event_id_seq') as audit_id, sha256('') as previous \gset
\endif
insert into audit_event (id, chain, occurred_at, action, outcome, actor_type, actor_ref, subject_ref, object_ref,
                         client_address, request_id, detail, prev_hash, row_hash)
values (:audit_id::bigint, :chain::int, now(), 'PAYMENT_STARTED', 'SUCCESS', 'RESIDENT', 'floor-resident', 'floor-resident',
        'EBP-' || upper(substr(md5(:run::bigint || '-' || :client_id::int || '-' || :i::bigint), 1, 10)), '127.0.0.1',
        'floor-request', 'COUNCIL_TAX floor-account 100p', :previous::bytea,
        sha256(:audit_id::text::bytea));
commit;

-- 3. The resident gives card details on the provider's card page (authorised: the provider's own
--    commit), then confirms on its "Confirm your payment" page, as on GOV.UK Pay (taken: another).
\if :provider_books
update sandbox_charge set status = 'submitted', card_last4 = '1111'
where provider_id = 'sbx-' || :run::bigint || '-' || :client_id::int || '-' || :i::bigint and status in ('created', 'started');
update sandbox_charge set status = 'success'
where provider_id = 'sbx-' || :run::bigint || '-' || :client_id::int || '-' || :i::bigint and status = 'submitted';

-- 4. Townhall asks the provider how it went, then records the success, its balanced ledger entry,
--    its audit row and the emailed receipt in one commit.
select status from sandbox_charge where provider_id = 'sbx-' || :run::bigint || '-' || :client_id::int || '-' || :i::bigint;
\endif
begin;
update payment set state = 'SUCCESS', card_summary = 'Card ending 1111', updated_at = now(), finished_at = now()
where public_ref = 'floor-' || :run::bigint || '-' || :client_id::int || '-' || :i::bigint;
with entry as (
    insert into journal_entry (source, description, posted_at)
    values ('payment' || ':' || 'floor-' || :run::bigint || '-' || :client_id::int || '-' || :i::bigint, 'Council tax', now())
    returning id)
insert into journal_line (entry_id, account, amount_pence)
select entry.id, line.account, line.amount from entry,
       unnest(array['provider' || ':' || 'sandbox', 'council-tax' || ':' || 'floor-account'], array[100, -100]::bigint[]) as line(account, amount);
insert into notification_outbox (reference, template, recipient, personalisation, status, created_at)
values ('floor-' || :run::bigint || '-' || :client_id::int || '-' || :i::bigint, 'PAYMENT_RECEIPT', 'resident@example.org',
        '{"name": "A Resident", "amount": "£1.00", "reference": "EBP-0000000000"}', 'PENDING', now());
\if :chained_audit
select pg_advisory_xact_lock(2047678208 + :chain2::int);
select nextval('audit_event_id_seq') as audit_id,
       coalesce((select row_hash from audit_event where chain = :chain2::int order by id desc limit 1), sha256('')) as previous \gset
\else
select nextval('audit_event_id_seq') as audit_id, sha256('') as previous \gset
\endif
insert into audit_event (id, chain, occurred_at, action, outcome, actor_type, actor_ref, subject_ref, object_ref,
                         client_address, request_id, detail, prev_hash, row_hash)
values (:audit_id::bigint, :chain2::int, now(), 'PAYMENT_SUCCEEDED', 'SUCCESS', 'RESIDENT', 'floor-resident', 'floor-resident',
        'EBP-' || upper(substr(md5(:run::bigint || '-' || :client_id::int || '-' || :i::bigint), 1, 10)), '127.0.0.1',
        'floor-request', '100p', :previous::bytea, sha256(:audit_id::text::bytea));
commit;

-- 5. After that commit the receipt is handed to GOV.UK Notify and marked sent (its own commit),
--    so that the outbox's sweep does not send it again.
update notification_outbox set status = 'SENT', sent_at = now(), provider_id = 'floor-notification', attempts = attempts + 1
where reference = 'floor-' || :run::bigint || '-' || :client_id::int || '-' || :i::bigint;
