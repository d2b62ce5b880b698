-- Floor items and printed labels. Design: docs/floor.md §2–3.
--
-- floor_items is the registry of what moves on the floor: one row per order or batch that has been
-- labelled, queued or scanned (rows are made on first use, not for every order). Each row points at
-- its production row through a real foreign key per kind (order_id, batch_id), so scans, actions and
-- queue entries reference one table while referential integrity stays intact; a later kind (garment
-- bundle, ticket) adds an enum value, a column and a branch in app.floor_item_context().
--
-- Labels: `FL1:<prefix>:<T>:<code>`, e.g. FL1:AUR:I:100ZA (15 characters):
--   FL1     format and version (a later FL2 is refused with a clear reason by this version);
--   prefix  the organisation's label prefix (floor_settings.label_prefix, 2–6 characters, unique
--           across all organisations), so another workshop's label is recognised and refused;
--   T       I item, L location, U user (badge), A action card;
--   code    I/L/A: a short code from a per-organisation counter in Crockford base32 (no I, L, O, U)
--           plus one Luhn mod 32 check character, so a mistyped code is caught instead of naming
--           another item; U: the member's badge code (already printed on badges, what pin_in takes).
-- Only upper-case letters, digits, ':' and '-' occur: QR "alphanumeric" mode, so a 15–20 character
-- label fits a version-1 QR code (21×21 modules) even at error correction M.

-- ------------------------------------------------------------------ per-organisation floor settings
create table public.floor_settings (
  org_id uuid primary key references public.organisations (id) on delete cascade,
  label_prefix text not null unique check (label_prefix ~ '^[A-Z0-9]{2,6}$'),
  approval_min_role public.member_role not null default 'supervisor' check (approval_min_role >= 'supervisor'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.floor_settings is
  'Floor settings of an organisation, one row each (made with the organisation). Members read; admins+ '
  'may change approval_min_role. label_prefix is fixed: printed labels carry it.';
comment on column public.floor_settings.label_prefix is
  'Printed in every label (FL1:<prefix>:…); unique across organisations so a foreign label is recognised. '
  'Derived from the slug (AURORA → AUR). Never changes: that would void printed labels.';
comment on column public.floor_settings.approval_min_role is
  'Lowest role whose PIN approves an approval action (default supervisor); a stage action may ask for more.';

create trigger floor_settings_set_updated_at before update on public.floor_settings
  for each row execute function app.set_updated_at();
create trigger floor_settings_audit after insert or update or delete on public.floor_settings
  for each row execute function app.audit_row();

-- A prefix from the slug: its first 3 letters/digits, longer if taken, then with a number.
create function app.floor_settings_create(p_org_id uuid) returns text
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_base text;
  v_try text;
  v_prefix text;
begin
  select s.label_prefix into v_prefix from public.floor_settings s where s.org_id = p_org_id;
  if v_prefix is not null then
    return v_prefix;
  end if;
  select upper(regexp_replace(o.slug, '[^a-z0-9]', '', 'g')) into v_base
    from public.organisations o where o.id = p_org_id;
  if length(v_base) < 2 then
    v_base := rpad(v_base, 2, 'X'); -- a slug of hyphens and one character
  end if;
  for v_try in
    select c from (
      select left(v_base, n) as c, n as ord from generate_series(3, 6) n
      union all
      select left(left(v_base, 3) || k, 6), 10 + k from generate_series(2, 999) k
    ) x
    where length(c) >= 2
    order by ord
  loop
    begin
      insert into public.floor_settings (org_id, label_prefix) values (p_org_id, v_try);
      return v_try;
    exception when unique_violation then
      -- taken by another organisation (or a concurrent creation): try the next candidate
      if exists (select 1 from public.floor_settings s where s.org_id = p_org_id) then
        return (select s.label_prefix from public.floor_settings s where s.org_id = p_org_id);
      end if;
    end;
  end loop;
  raise exception 'app.floor_settings_create: no free label prefix for organisation %', p_org_id;
end $$;
comment on function app.floor_settings_create(uuid) is
  'Creates an organisation''s floor settings once, with a free label prefix derived from its slug.';

create function app.floor_on_organisation_created() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  perform app.floor_settings_create(new.id);
  return null;
end $$;
comment on function app.floor_on_organisation_created() is 'Trigger: every new organisation gets floor settings.';

create trigger organisations_floor_settings after insert on public.organisations
  for each row execute function app.floor_on_organisation_created();

select app.floor_settings_create(o.id) from public.organisations o order by o.created_at, o.id;

-- ------------------------------------------------------------------ short codes
create function app.floor_base32_alphabet() returns text
language sql immutable set search_path = '' as $$
  select '0123456789ABCDEFGHJKMNPQRSTVWXYZ'::text
$$;
comment on function app.floor_base32_alphabet() is 'Crockford base32: digits and letters without I, L, O, U.';

create function app.floor_base32(p_n bigint) returns text
language plpgsql immutable set search_path = '' as $$
declare
  v_alpha text := app.floor_base32_alphabet();
  v_out text := '';
  v_n bigint := p_n;
begin
  if v_n is null or v_n < 0 then
    return null;
  end if;
  loop
    v_out := substr(v_alpha, (v_n % 32)::int + 1, 1) || v_out;
    v_n := v_n / 32;
    exit when v_n = 0;
  end loop;
  return v_out;
end $$;
comment on function app.floor_base32(bigint) is 'A non-negative number in Crockford base32.';

-- Luhn mod N (N = 32): catches every single wrong character and most swapped neighbours.
create function app.floor_check_char(p_code text) returns text
language plpgsql immutable set search_path = '' as $$
declare
  v_alpha text := app.floor_base32_alphabet();
  v_factor integer := 2;
  v_sum integer := 0;
  v_add integer;
  v_pos integer;
begin
  for i in reverse length(p_code) .. 1 loop
    v_pos := strpos(v_alpha, substr(p_code, i, 1)) - 1;
    if v_pos < 0 then
      return null;
    end if;
    v_add := v_factor * v_pos;
    v_factor := case when v_factor = 2 then 1 else 2 end;
    v_sum := v_sum + v_add / 32 + v_add % 32;
  end loop;
  return substr(v_alpha, (32 - v_sum % 32) % 32 + 1, 1);
end $$;
comment on function app.floor_check_char(text) is 'The Luhn mod 32 check character of a base32 code.';

-- Upper-cases and maps Crockford's look-alikes (O → 0, I/L → 1); null unless data + check are valid.
create function app.floor_short_code(p_text text) returns text
language plpgsql immutable set search_path = '' as $$
declare
  v text := translate(upper(btrim(coalesce(p_text, ''))), 'OIL', '011');
begin
  if v !~ '^[0-9A-HJKMNP-TV-Z]{3,13}$' then
    return null;
  end if;
  if app.floor_check_char(left(v, length(v) - 1)) <> right(v, 1) then
    return null;
  end if;
  return v;
end $$;
comment on function app.floor_short_code(text) is
  'A typed or scanned short code normalised (upper case, O→0, I/L→1), or null if malformed or the check fails.';

-- ------------------------------------------------------------------ floor items
create table public.floor_items (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  kind public.floor_item_kind not null,
  order_id uuid,
  batch_id uuid,
  created_at timestamptz not null default now(),
  unique (org_id, id),
  unique (org_id, order_id),
  unique (org_id, batch_id),
  check (num_nonnulls(order_id, batch_id) = 1
         and (kind = 'order') = (order_id is not null)
         and (kind = 'batch') = (batch_id is not null)),
  foreign key (org_id, order_id) references public.orders (org_id, id) on delete cascade,
  foreign key (org_id, batch_id) references public.batches (org_id, id) on delete cascade
);
comment on table public.floor_items is
  'What moves on the floor (spec 01 "items"): one row per order or batch that has been labelled, queued or '
  'scanned, made on first use. Scans, actions and queue entries reference it; its production row holds the '
  'state (stage, status). Read by members; written only by the floor RPCs.';
comment on column public.floor_items.kind is 'order or batch; exactly the matching reference column is set.';
comment on column public.floor_items.order_id is 'The production order (kind order).';
comment on column public.floor_items.batch_id is 'The batch (kind batch).';

-- ------------------------------------------------------------------ labels
create table public.floor_labels (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organisations (id) on delete cascade,
  code text not null check (code ~ '^[0-9A-HJKMNP-TV-Z]{3,13}$'),
  kind public.floor_label_kind not null,
  item_id uuid,
  location_id uuid,
  stage_action_id uuid,
  created_by uuid,
  created_at timestamptz not null default now(),
  unique (org_id, code),
  unique (org_id, item_id),
  unique (org_id, location_id),
  unique (org_id, stage_action_id),
  check (num_nonnulls(item_id, location_id, stage_action_id) = 1
         and (kind = 'item') = (item_id is not null)
         and (kind = 'location') = (location_id is not null)
         and (kind = 'action') = (stage_action_id is not null)),
  foreign key (org_id, item_id) references public.floor_items (org_id, id) on delete cascade,
  foreign key (org_id, location_id) references public.locations (org_id, id) on delete cascade,
  foreign key (org_id, created_by) references public.members (org_id, id) on delete set null (created_by)
  -- stage_action_id → floor_stage_actions is added with that table
);
comment on table public.floor_labels is
  'The short code printed on the label of an item, a location or an action card (FL1:<prefix>:<I|L|A>:<code>). '
  'One per thing, minted on first print by label_code()/floor_label_sheet(); never reused. Read by members.';
comment on column public.floor_labels.code is 'Crockford base32 of a per-organisation counter plus a Luhn mod 32 check character.';

create index floor_labels_org_created_by_idx on public.floor_labels (org_id, created_by);

-- The code of a thing's label, minted on first use. Does not check the caller (the RPCs do).
create function app.floor_mint_label(p_org_id uuid, p_kind public.floor_label_kind, p_target uuid)
returns text
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_code text;
  v_data text;
begin
  select l.code into v_code from public.floor_labels l
    where l.org_id = p_org_id
      and case p_kind when 'item' then l.item_id when 'location' then l.location_id else l.stage_action_id end = p_target;
  if v_code is not null then
    return v_code;
  end if;
  -- 32768 = '1000': codes start at four data characters (a million labels before a fifth)
  v_data := app.floor_base32(app.next_number(p_org_id, 'floor_label', 32768));
  insert into public.floor_labels (org_id, code, kind, item_id, location_id, stage_action_id, created_by)
    values (p_org_id, v_data || app.floor_check_char(v_data), p_kind,
            case when p_kind = 'item' then p_target end,
            case when p_kind = 'location' then p_target end,
            case when p_kind = 'action' then p_target end,
            app.actor_member_id(p_org_id))
    on conflict do nothing
    returning code into v_code;
  if v_code is null then
    -- a concurrent call minted it first
    select l.code into v_code from public.floor_labels l
      where l.org_id = p_org_id
        and case p_kind when 'item' then l.item_id when 'location' then l.location_id else l.stage_action_id end = p_target;
  end if;
  return v_code;
end $$;
comment on function app.floor_mint_label(uuid, public.floor_label_kind, uuid) is
  'The short code of an item/location/action label, minted once (concurrency-safe).';

create function app.floor_label_text(p_org_id uuid, p_type text, p_code text) returns text
language plpgsql stable security definer set search_path = '' as $$
begin
  return (
  select 'FL1:' || s.label_prefix || ':' || p_type || ':' || p_code
  from public.floor_settings s where s.org_id = p_org_id and p_code is not null);
end $$;
comment on function app.floor_label_text(uuid, text, text) is
  'The full printed label FL1:<prefix>:<type letter>:<code>.';

-- ------------------------------------------------------------------ RLS
alter table public.floor_settings enable row level security;
alter table public.floor_items enable row level security;
alter table public.floor_labels enable row level security;

create policy floor_settings_select on public.floor_settings for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy floor_settings_insert on public.floor_settings for insert to authenticated
  with check (false); -- made with the organisation
create policy floor_settings_update on public.floor_settings for update to authenticated
  using (org_id = any (array(select app.my_org_ids('admin'))))
  with check (org_id = any (array(select app.my_org_ids('admin'))));
create policy floor_settings_delete on public.floor_settings for delete to authenticated
  using (false);

create policy floor_items_select on public.floor_items for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy floor_items_insert on public.floor_items for insert to authenticated with check (false);
create policy floor_items_update on public.floor_items for update to authenticated using (false);
create policy floor_items_delete on public.floor_items for delete to authenticated using (false);

create policy floor_labels_select on public.floor_labels for select to authenticated
  using (org_id = any (array(select app.my_org_ids())));
create policy floor_labels_insert on public.floor_labels for insert to authenticated with check (false);
create policy floor_labels_update on public.floor_labels for update to authenticated using (false);
create policy floor_labels_delete on public.floor_labels for delete to authenticated using (false);

revoke all on public.floor_settings, public.floor_items, public.floor_labels
  from public, anon, authenticated, service_role;
grant select on public.floor_settings, public.floor_items, public.floor_labels to authenticated, service_role;
grant update (approval_min_role) on public.floor_settings to authenticated, service_role;

revoke execute on all functions in schema app from public;
