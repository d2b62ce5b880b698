-- Per-person display and notification preferences (spec 02 UserPreferences). One row per user, not
-- per organisation; created on first use by get_my_preferences(); applied by the UI everywhere.

create type public.color_scheme as enum ('light', 'dark', 'system');
comment on type public.color_scheme is 'UI colour scheme; system follows the device.';
create type public.font_size as enum ('small', 'medium', 'large');
comment on type public.font_size is 'UI text size; scales 0.85 / 1.0 / 1.15 (user_preferences.font_scale).';

create table public.user_preferences (
  user_id uuid primary key references auth.users (id) on delete cascade,
  color_scheme public.color_scheme not null default 'system',
  primary_color text not null default '#007AFF' check (primary_color ~ '^#[0-9A-Fa-f]{6}$'),
  font_size public.font_size not null default 'medium',
  font_scale numeric(3, 2) generated always as (
    case font_size when 'small' then 0.85 when 'large' then 1.15 else 1.00 end
  ) stored,
  push_notifications boolean not null default true,
  sound_enabled boolean not null default true,
  vibration_enabled boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.user_preferences is
  'One row per person: theme and notification switches (spec 02). Only the person reads or writes it.';
comment on column public.user_preferences.primary_color is 'Accent colour, #RRGGBB (spec 02: ^#[0-9A-Fa-f]{6}$).';
comment on column public.user_preferences.font_scale is 'Derived from font_size: small 0.85, medium 1.00, large 1.15.';
comment on column public.user_preferences.push_notifications is 'Push notifications on this person''s devices.';
comment on column public.user_preferences.sound_enabled is 'Sounds on scans and alerts.';
comment on column public.user_preferences.vibration_enabled is 'Haptic feedback on scans and alerts.';

create trigger user_preferences_set_updated_at before update on public.user_preferences
  for each row execute function app.set_updated_at();

alter table public.user_preferences enable row level security;

create policy user_preferences_select on public.user_preferences for select to authenticated
  using (user_id = (select auth.uid()));
create policy user_preferences_insert on public.user_preferences for insert to authenticated
  with check (user_id = (select auth.uid()));
create policy user_preferences_update on public.user_preferences for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));
create policy user_preferences_delete on public.user_preferences for delete to authenticated
  using (user_id = (select auth.uid()));

revoke all on public.user_preferences from public, anon, authenticated, service_role;
grant select, delete on public.user_preferences to authenticated;
grant insert (user_id, color_scheme, primary_color, font_size, push_notifications, sound_enabled, vibration_enabled)
  on public.user_preferences to authenticated;
grant update (color_scheme, primary_color, font_size, push_notifications, sound_enabled, vibration_enabled)
  on public.user_preferences to authenticated;
grant all on public.user_preferences to service_role;

-- Reads the caller's preferences, creating the default row on first use.
create function public.get_my_preferences() returns public.user_preferences
language plpgsql volatile security invoker set search_path = '' as $$
declare
  v_uid uuid := (select auth.uid());
  v_row public.user_preferences;
begin
  if v_uid is null then
    raise exception using errcode = 'PT401', message = 'Sign in first';
  end if;
  insert into public.user_preferences (user_id) values (v_uid) on conflict (user_id) do nothing;
  select * into strict v_row from public.user_preferences where user_id = v_uid;
  return v_row;
end $$;
comment on function public.get_my_preferences() is
  'The signed-in person''s preferences; creates the default row on first use. Update them with a plain '
  'update of user_preferences (RLS: own row only).';

revoke execute on function public.get_my_preferences() from public, anon, authenticated, service_role;
grant execute on function public.get_my_preferences() to authenticated;
