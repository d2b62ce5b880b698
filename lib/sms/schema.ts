import { z } from 'zod'
import { Constants } from '@/types/database'

/**
 * The SMS screens' forms (react-hook-form + these schemas, and the server actions parse with the
 * same ones). The rules they show early — placeholders, lengths — are the database's; its refusals
 * come back under the same field names.
 */
const uuid = z.string().uuid()
const variableList = z
  .string()
  .max(400)
  .transform((s) =>
    s
      .split(/[\s,]+/)
      .map((v) => v.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[A-Z][A-Z0-9_]{0,31}$/, 'Variables are like NAME, ORDER_NUMBER')).max(20))

export const TemplateFormInput = z.object({
  orgId: uuid,
  id: uuid.optional(),
  name: z.string().trim().min(1, 'Give the template a name').max(100),
  description: z.string().trim().max(500),
  body: z.string().min(1, 'Write the message').max(1600, 'At most 1600 characters'),
  variables: variableList,
  orderStatus: z.union([z.literal(''), z.enum(Constants.public.Enums.order_status)]),
  isActive: z.boolean(),
})
export type TemplateFormValues = z.input<typeof TemplateFormInput>

export const ComposeFormInput = z
  .object({
    orgId: uuid,
    mode: z.enum(['customer', 'number', 'customers']),
    customerId: z.string(),
    to: z.string().trim().max(40),
    customerIds: z.array(uuid).max(1000),
    templateId: z.string(),
    body: z.string().max(1600, 'At most 1600 characters'),
    values: z.record(z.string(), z.string().max(500)),
    clientId: uuid,
  })
  .superRefine((v, ctx) => {
    if (v.mode === 'number' && !v.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Enter a phone number' })
    if (v.mode === 'customer' && !v.customerId)
      ctx.addIssue({ code: 'custom', path: ['customerId'], message: 'Choose a customer' })
    if (v.mode === 'customers' && !v.customerIds.length)
      ctx.addIssue({ code: 'custom', path: ['customerIds'], message: 'Choose at least one customer' })
    if (!v.templateId && !v.body.trim())
      ctx.addIssue({ code: 'custom', path: ['body'], message: 'Write a text or choose a template' })
  })
export type ComposeFormValues = z.input<typeof ComposeFormInput>

const rate = z
  .number({ error: 'A whole number of texts a minute' })
  .int('A whole number of texts a minute')
  .min(1, 'At least 1 a minute')
  .max(6000, 'At most 6000 a minute')
export const SettingsFormInput = z.object({
  orgId: uuid,
  enabled: z.boolean(),
  providerOrder: z.array(z.enum(Constants.public.Enums.sms_provider)).min(1, 'Keep at least one provider'),
  defaultCountry: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'Two letters, e.g. PH'),
  autoStatuses: z.array(z.enum(Constants.public.Enums.order_status)),
  linkBaseUrl: z.string().trim().max(200),
  /** Bulk texts per minute per provider (the worker holds the rest for the next minute). */
  bulkRates: z.object(
    Object.fromEntries(Constants.public.Enums.sms_provider.map((p) => [p, rate])) as Record<
      (typeof Constants.public.Enums.sms_provider)[number],
      typeof rate
    >,
  ),
})
export type SettingsFormValues = z.input<typeof SettingsFormInput>

const secret = z.string().trim().min(4, 'Paste the value from the provider').max(200)
/** Credentials as an admin types them; an empty optional field is left out. */
export const CredentialsFormInput = z.discriminatedUnion('provider', [
  z.object({ orgId: uuid, provider: z.literal('semaphore'), apiKey: secret }),
  z.object({
    orgId: uuid,
    provider: z.literal('twilio'),
    accountSid: z
      .string()
      .trim()
      .regex(/^AC[0-9a-f]{32}$/, 'AC followed by 32 hex digits'),
    authToken: secret,
    messagingServiceSid: z.union([
      z.literal(''),
      z
        .string()
        .trim()
        .regex(/^MG[0-9a-f]{32}$/, 'MG followed by 32 hex digits'),
    ]),
  }),
  z.object({ orgId: uuid, provider: z.literal('movider'), apiKey: secret, apiSecret: secret }),
])
export type CredentialsFormValues = z.input<typeof CredentialsFormInput>

export const ProviderRefInput = z.object({ orgId: uuid, provider: z.enum(Constants.public.Enums.sms_provider) })

export const BulkProgressInput = z.object({ orgId: uuid, bulkId: uuid })

/** The opt-out list: a number (as typed; normalised with the workshop's country) opted out by staff, or back in. */
export const OptOutFormInput = z.object({
  orgId: uuid,
  phone: z.string().trim().min(4, 'Enter a phone number').max(40),
})
export type OptOutFormValues = z.input<typeof OptOutFormInput>
export const OptInInput = z.object({ orgId: uuid, phone: z.string().regex(/^\+[1-9][0-9]{6,14}$/) })

/** Providers & settings → Test send: a number, and one provider to try alone ('' = the failover order). */
export const TestSendInput = z.object({
  orgId: uuid,
  to: z.string().trim().min(4, 'Enter a phone number').max(40),
  provider: z.union([z.enum(Constants.public.Enums.sms_provider), z.literal('')]),
})
