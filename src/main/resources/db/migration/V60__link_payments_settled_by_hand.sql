-- A payment through a payment link that was held (a second payment for a settled fine, or a
-- reference that names no account) is settled by a finance officer: matched by hand to the
-- account the resident meant, or refunded through GOV.UK Pay. The finding (outcome) is kept as it
-- was; the settlement is recorded beside it, once. REFUNDING: GOV.UK Pay has been asked and has
-- not yet said it is done; the money stays in suspense until it has.
alter table link_payment
    add column settlement          text check (settlement in ('MATCHED', 'REFUNDING', 'REFUNDED')),
    add column settled_by          text,
    add column settled_at          timestamptz,
    add column matched_purpose     text check (matched_purpose in ('COUNCIL_TAX', 'RENT', 'PCN')),
    add column matched_paying_for  text,
    add column refund_ref          text unique,
    add column provider_refund_id  text,
    add constraint link_payment_settled_only_when_held check (settlement is null or outcome <> 'APPLIED'),
    add constraint link_payment_settled_by_someone check ((settlement is null) = (settled_by is null and settled_at is null)),
    add constraint link_payment_matched_names_its_account
        check ((coalesce(settlement, '') = 'MATCHED') = (matched_purpose is not null and matched_paying_for is not null)),
    add constraint link_payment_refund_has_its_ref check ((coalesce(settlement, '') in ('REFUNDING', 'REFUNDED')) = (refund_ref is not null));

-- Settled ones leave the reconciliation page's list; a refund in progress stays on it.
drop index link_payment_to_settle;
create index link_payment_to_settle on link_payment (found_at)
    where outcome <> 'APPLIED' and (settlement is null or settlement = 'REFUNDING');
