-- The per-account sign-in brake is asked and fed by the app server only (service key): granted to
-- anon, anyone could call sign_in_failed(victim) in a loop and keep a victim's address in backoff
-- without a single password attempt, or probe sign_in_allowed to learn who is being guessed at.
-- Through the server, every counted failure is a real password check that Supabase Auth's per-IP
-- limit also meters.
revoke execute on function public.sign_in_allowed(text), public.sign_in_failed(text) from anon, authenticated;
grant execute on function public.sign_in_allowed(text), public.sign_in_failed(text) to service_role;
