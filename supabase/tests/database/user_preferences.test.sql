-- User preferences (spec 02): created on first use, validated, private to their owner.
begin;
select plan(17);

select tests.create_tenancy_fixture();

select tests.authenticate_as('operator@alpha.test'); -- preferences need no organisation or station session
select is_empty($$ select 1 from public.user_preferences $$, 'nobody has preferences before first use');
select results_eq(
  $$ select color_scheme::text, primary_color, font_size::text, font_scale, push_notifications, sound_enabled,
            vibration_enabled from public.get_my_preferences() $$,
  $$ values ('system', '#007AFF', 'medium', 1.00::numeric(3, 2), true, true, true) $$,
  'get_my_preferences creates the defaults on first use');
select is((select count(*)::int from public.user_preferences), 1, 'one row per person');
select lives_ok($$ select public.get_my_preferences() $$, 'calling it again is harmless');
select is((select count(*)::int from public.user_preferences), 1, 'and still one row');

select is(tests.rows_changed($$ update public.user_preferences set color_scheme = 'dark', font_size = 'large',
                                   primary_color = '#ff8800', vibration_enabled = false $$),
          1, 'a person updates their preferences');
select results_eq($$ select color_scheme::text, font_scale, primary_color from public.get_my_preferences() $$,
                  $$ values ('dark', 1.15::numeric(3, 2), '#ff8800') $$, 'large text scales 1.15');
select is((select font_scale from public.user_preferences where font_size = 'large'), 1.15::numeric(3, 2),
          'font_scale follows font_size');
update public.user_preferences set font_size = 'small';
select is((select font_scale from public.user_preferences), 0.85::numeric(3, 2), 'small text scales 0.85');

select throws_ok($$ update public.user_preferences set primary_color = 'orange' $$, '23514', null,
                 'primary_color must be #RRGGBB');
select throws_ok($$ update public.user_preferences set primary_color = '#12345' $$, '23514', null,
                 'six hex digits, no fewer');
select throws_ok($$ update public.user_preferences set color_scheme = 'sepia' $$, '22P02', null,
                 'colour scheme is light, dark or system');
select throws_ok($$ update public.user_preferences set font_scale = 2 $$, '428C9', null,
                 'font_scale is derived, never written');
select throws_ok($$ update public.user_preferences set user_id = tests.user_id('manager@alpha.test') $$, '42501', null,
                 'preferences cannot be handed to someone else');

select tests.authenticate_as('manager@alpha.test');
select is_empty($$ select 1 from public.user_preferences $$, 'another person in the same organisation sees none of it');
select ok(tests.changes_nothing($$ update public.user_preferences set color_scheme = 'light' $$),
          'and changes none of it');

select tests.authenticate_as_anon();
select throws_ok($$ select public.get_my_preferences() $$, '42501', null, 'anon has no preferences');

select * from finish();
rollback;
