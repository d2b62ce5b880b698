export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[]

export type Database = {
  public: {
    Tables: {
      accounts: {
        Row: {
          billing_email: string | null
          created_at: string
          id: string
          name: string
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          billing_email?: string | null
          created_at?: string
          id?: string
          name: string
          updated_at?: string
        }
        Update: {
          billing_email?: string | null
          created_at?: string
          id?: string
          name?: string
          updated_at?: string
        }
        Relationships: []
      }
      audit_log: {
        Row: {
          actor_member_id: string | null
          actor_role: string | null
          actor_user_id: string | null
          at: string
          device_id: string | null
          id: number
          new_values: Json | null
          old_values: Json | null
          op: string
          operator_session_id: string | null
          org_id: string
          row_id: string | null
          station_id: string | null
          table_name: string
        }
        ComputedFields: never
        Insert: {
          actor_member_id?: string | null
          actor_role?: string | null
          actor_user_id?: string | null
          at?: string
          device_id?: string | null
          id?: never
          new_values?: Json | null
          old_values?: Json | null
          op: string
          operator_session_id?: string | null
          org_id: string
          row_id?: string | null
          station_id?: string | null
          table_name: string
        }
        Update: {
          actor_member_id?: string | null
          actor_role?: string | null
          actor_user_id?: string | null
          at?: string
          device_id?: string | null
          id?: never
          new_values?: Json | null
          old_values?: Json | null
          op?: string
          operator_session_id?: string | null
          org_id?: string
          row_id?: string | null
          station_id?: string | null
          table_name?: string
        }
        Relationships: []
      }
      auth_attempts: {
        Row: {
          attempted_at: string
          badge_code: string | null
          device_id: string | null
          id: number
          member_id: string | null
          operator_session_id: string | null
          org_id: string
          reason: Database['public']['Enums']['auth_attempt_reason']
          station_id: string
          success: boolean
        }
        ComputedFields: never
        Insert: {
          attempted_at?: string
          badge_code?: string | null
          device_id?: string | null
          id?: never
          member_id?: string | null
          operator_session_id?: string | null
          org_id: string
          reason: Database['public']['Enums']['auth_attempt_reason']
          station_id: string
          success: boolean
        }
        Update: {
          attempted_at?: string
          badge_code?: string | null
          device_id?: string | null
          id?: never
          member_id?: string | null
          operator_session_id?: string | null
          org_id?: string
          reason?: Database['public']['Enums']['auth_attempt_reason']
          station_id?: string
          success?: boolean
        }
        Relationships: [
          {
            foreignKeyName: 'auth_attempts_operator_session_id_fkey'
            columns: ['operator_session_id']
            isOneToOne: false
            referencedRelation: 'operator_sessions'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'auth_attempts_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'auth_attempts_org_id_member_id_fkey'
            columns: ['org_id', 'member_id']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'auth_attempts_org_id_station_id_fkey'
            columns: ['org_id', 'station_id']
            isOneToOne: false
            referencedRelation: 'stations'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      locations: {
        Row: {
          created_at: string
          description: string | null
          id: string
          is_active: boolean
          kind: Database['public']['Enums']['location_kind']
          name: string
          org_id: string
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          created_at?: string
          description?: string | null
          id?: string
          is_active?: boolean
          kind?: Database['public']['Enums']['location_kind']
          name: string
          org_id: string
          updated_at?: string
        }
        Update: {
          created_at?: string
          description?: string | null
          id?: string
          is_active?: boolean
          kind?: Database['public']['Enums']['location_kind']
          name?: string
          org_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: 'locations_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
        ]
      }
      members: {
        Row: {
          badge_code: string | null
          created_at: string
          display_name: string
          failed_auth_attempts: number
          has_pin: boolean | null
          id: string
          is_active: boolean
          last_failed_auth_at: string | null
          location_id: string | null
          locked_until: string | null
          org_id: string
          password_changed_at: string | null
          pin_changed_at: string | null
          pin_hash: string | null
          role: Database['public']['Enums']['member_role']
          team_id: string | null
          updated_at: string
          user_id: string
        }
        ComputedFields: never
        Insert: {
          badge_code?: string | null
          created_at?: string
          display_name: string
          failed_auth_attempts?: number
          has_pin?: never
          id?: string
          is_active?: boolean
          last_failed_auth_at?: string | null
          location_id?: string | null
          locked_until?: string | null
          org_id: string
          password_changed_at?: string | null
          pin_changed_at?: string | null
          pin_hash?: string | null
          role?: Database['public']['Enums']['member_role']
          team_id?: string | null
          updated_at?: string
          user_id: string
        }
        Update: {
          badge_code?: string | null
          created_at?: string
          display_name?: string
          failed_auth_attempts?: number
          has_pin?: never
          id?: string
          is_active?: boolean
          last_failed_auth_at?: string | null
          location_id?: string | null
          locked_until?: string | null
          org_id?: string
          password_changed_at?: string | null
          pin_changed_at?: string | null
          pin_hash?: string | null
          role?: Database['public']['Enums']['member_role']
          team_id?: string | null
          updated_at?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: 'members_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'members_org_id_location_id_fkey'
            columns: ['org_id', 'location_id']
            isOneToOne: false
            referencedRelation: 'locations'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'members_org_id_team_id_fkey'
            columns: ['org_id', 'team_id']
            isOneToOne: false
            referencedRelation: 'teams'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      operator_sessions: {
        Row: {
          auth_session_id: string | null
          device_id: string | null
          end_reason: Database['public']['Enums']['operator_session_end_reason'] | null
          ended_at: string | null
          id: string
          last_seen_at: string
          member_id: string
          org_id: string
          started_at: string
          station_id: string
          user_id: string
        }
        ComputedFields: never
        Insert: {
          auth_session_id?: string | null
          device_id?: string | null
          end_reason?: Database['public']['Enums']['operator_session_end_reason'] | null
          ended_at?: string | null
          id?: string
          last_seen_at?: string
          member_id: string
          org_id: string
          started_at?: string
          station_id: string
          user_id: string
        }
        Update: {
          auth_session_id?: string | null
          device_id?: string | null
          end_reason?: Database['public']['Enums']['operator_session_end_reason'] | null
          ended_at?: string | null
          id?: string
          last_seen_at?: string
          member_id?: string
          org_id?: string
          started_at?: string
          station_id?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: 'operator_sessions_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'operator_sessions_org_id_member_id_fkey'
            columns: ['org_id', 'member_id']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'operator_sessions_org_id_station_id_fkey'
            columns: ['org_id', 'station_id']
            isOneToOne: false
            referencedRelation: 'stations'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      organisations: {
        Row: {
          account_id: string
          created_at: string
          currency: string
          id: string
          name: string
          settings: NonNullable<Json>
          slug: string
          time_zone: string
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          account_id: string
          created_at?: string
          currency?: string
          id?: string
          name: string
          settings?: NonNullable<Json>
          slug: string
          time_zone?: string
          updated_at?: string
        }
        Update: {
          account_id?: string
          created_at?: string
          currency?: string
          id?: string
          name?: string
          settings?: NonNullable<Json>
          slug?: string
          time_zone?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: 'organisations_account_id_fkey'
            columns: ['account_id']
            isOneToOne: false
            referencedRelation: 'accounts'
            referencedColumns: ['id']
          },
        ]
      }
      stations: {
        Row: {
          created_at: string
          id: string
          last_seen_at: string | null
          location_id: string
          name: string
          org_id: string
          registered_at: string
          registered_by: string | null
          revoked_at: string | null
          revoked_by: string | null
          secret_hash: string
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          created_at?: string
          id?: string
          last_seen_at?: string | null
          location_id: string
          name: string
          org_id: string
          registered_at?: string
          registered_by?: string | null
          revoked_at?: string | null
          revoked_by?: string | null
          secret_hash: string
          updated_at?: string
        }
        Update: {
          created_at?: string
          id?: string
          last_seen_at?: string | null
          location_id?: string
          name?: string
          org_id?: string
          registered_at?: string
          registered_by?: string | null
          revoked_at?: string | null
          revoked_by?: string | null
          secret_hash?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: 'stations_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
          {
            foreignKeyName: 'stations_org_id_location_id_fkey'
            columns: ['org_id', 'location_id']
            isOneToOne: false
            referencedRelation: 'locations'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'stations_org_id_registered_by_fkey'
            columns: ['org_id', 'registered_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
          {
            foreignKeyName: 'stations_org_id_revoked_by_fkey'
            columns: ['org_id', 'revoked_by']
            isOneToOne: false
            referencedRelation: 'members'
            referencedColumns: ['org_id', 'id']
          },
        ]
      }
      teams: {
        Row: {
          created_at: string
          description: string | null
          id: string
          is_active: boolean
          name: string
          org_id: string
          updated_at: string
        }
        ComputedFields: never
        Insert: {
          created_at?: string
          description?: string | null
          id?: string
          is_active?: boolean
          name: string
          org_id: string
          updated_at?: string
        }
        Update: {
          created_at?: string
          description?: string | null
          id?: string
          is_active?: boolean
          name?: string
          org_id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: 'teams_org_id_fkey'
            columns: ['org_id']
            isOneToOne: false
            referencedRelation: 'organisations'
            referencedColumns: ['id']
          },
        ]
      }
      user_preferences: {
        Row: {
          color_scheme: Database['public']['Enums']['color_scheme']
          created_at: string
          font_scale: number | null
          font_size: Database['public']['Enums']['font_size']
          primary_color: string
          push_notifications: boolean
          sound_enabled: boolean
          updated_at: string
          user_id: string
          vibration_enabled: boolean
        }
        ComputedFields: never
        Insert: {
          color_scheme?: Database['public']['Enums']['color_scheme']
          created_at?: string
          font_scale?: never
          font_size?: Database['public']['Enums']['font_size']
          primary_color?: string
          push_notifications?: boolean
          sound_enabled?: boolean
          updated_at?: string
          user_id: string
          vibration_enabled?: boolean
        }
        Update: {
          color_scheme?: Database['public']['Enums']['color_scheme']
          created_at?: string
          font_scale?: never
          font_size?: Database['public']['Enums']['font_size']
          primary_color?: string
          push_notifications?: boolean
          sound_enabled?: boolean
          updated_at?: string
          user_id?: string
          vibration_enabled?: boolean
        }
        Relationships: []
      }
    }
    Views: {
      [_ in never]: never
    }
    Functions: {
      add_member: {
        Args: {
          p_badge_code?: string
          p_display_name: string
          p_location_id?: string
          p_org_id: string
          p_role: Database['public']['Enums']['member_role']
          p_team_id?: string
          p_user_id: string
        }
        Returns: string
      }
      change_member_role: {
        Args: { p_member_id: string; p_role: Database['public']['Enums']['member_role'] }
        Returns: undefined
      }
      create_organisation: {
        Args: { p_currency?: string; p_display_name?: string; p_name: string; p_slug: string; p_time_zone?: string }
        Returns: {
          account_id: string
          created_at: string
          currency: string
          id: string
          name: string
          settings: NonNullable<Json>
          slug: string
          time_zone: string
          updated_at: string
        }
        SetofOptions: {
          from: '*'
          to: 'organisations'
          isOneToOne: true
          isSetofReturn: false
        }
      }
      deactivate_member: { Args: { p_member_id: string }; Returns: undefined }
      end_idle_operator_sessions: { Args: Record<PropertyKey, never>; Returns: number }
      get_my_preferences: {
        Args: Record<PropertyKey, never>
        Returns: {
          color_scheme: Database['public']['Enums']['color_scheme']
          created_at: string
          font_scale: number | null
          font_size: Database['public']['Enums']['font_size']
          primary_color: string
          push_notifications: boolean
          sound_enabled: boolean
          updated_at: string
          user_id: string
          vibration_enabled: boolean
        }
        SetofOptions: {
          from: '*'
          to: 'user_preferences'
          isOneToOne: true
          isSetofReturn: false
        }
      }
      list_members: {
        Args: { p_org_id: string }
        Returns: {
          badge_code: string
          created_at: string
          display_name: string
          email: string
          has_pin: boolean
          is_active: boolean
          last_sign_in_at: string
          location_id: string
          location_name: string
          locked_until: string
          member_id: string
          pin_changed_at: string
          role: Database['public']['Enums']['member_role']
          team_id: string
          team_name: string
          user_id: string
        }[]
      }
      my_organisations: {
        Args: Record<PropertyKey, never>
        Returns: {
          can_act: boolean
          display_name: string
          member_id: string
          name: string
          operator_session_id: string
          org_id: string
          role: Database['public']['Enums']['member_role']
          slug: string
        }[]
      }
      operator_session_touch: { Args: { p_operator_session_id: string }; Returns: Json }
      pin_in: { Args: { p_badge_code: string; p_pin: string; p_station_secret: string }; Returns: Json }
      pin_out: { Args: { p_operator_session_id: string }; Returns: undefined }
      reactivate_member: { Args: { p_member_id: string }; Returns: undefined }
      register_station: {
        Args: { p_location_id: string; p_name?: string }
        Returns: {
          location_id: string
          location_name: string
          name: string
          org_id: string
          org_slug: string
          station_id: string
          station_secret: string
        }[]
      }
      revoke_station: { Args: { p_station_id: string }; Returns: undefined }
      set_member_pin: { Args: { p_current_pin?: string; p_member_id: string; p_pin: string }; Returns: Json }
      station_info: {
        Args: { p_station_secret: string }
        Returns: {
          idle_timeout_seconds: number
          location_id: string
          location_name: string
          org_id: string
          org_name: string
          org_slug: string
          roster_enabled: boolean
          station_id: string
          station_name: string
        }[]
      }
      station_pin_out: { Args: { p_station_secret: string }; Returns: undefined }
      station_roster: {
        Args: { p_station_secret: string }
        Returns: {
          badge_code: string
          display_name: string
          member_id: string
          team_name: string
        }[]
      }
      unlock_member: { Args: { p_member_id: string }; Returns: undefined }
    }
    Enums: {
      auth_attempt_reason: 'ok' | 'unknown_badge' | 'wrong_pin' | 'no_pin' | 'locked' | 'station_throttled'
      color_scheme: 'light' | 'dark' | 'system'
      font_size: 'small' | 'medium' | 'large'
      location_kind: 'area' | 'workstation' | 'storage' | 'shipping' | 'office'
      member_role: 'operator' | 'supervisor' | 'manager' | 'admin' | 'owner'
      operator_session_end_reason:
        | 'pin_out'
        | 'idle_timeout'
        | 'replaced'
        | 'handover'
        | 'station_revoked'
        | 'member_deactivated'
        | 'ended_by_supervisor'
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}

type DatabaseWithoutInternals = Omit<Database, '__InternalSupabase'>

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, 'public'>]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema['Tables'] & DefaultSchema['Views'])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Views'])
    : never = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Views'])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema['Tables'] & DefaultSchema['Views'])
    ? (DefaultSchema['Tables'] & DefaultSchema['Views'])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends keyof DefaultSchema['Tables'] | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables']
    : never = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema['Tables']
    ? DefaultSchema['Tables'][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends keyof DefaultSchema['Tables'] | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables']
    : never = never,
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions['schema']]['Tables'][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema['Tables']
    ? DefaultSchema['Tables'][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema['Enums'] | { schema: keyof DatabaseWithoutInternals },
  EnumName extends DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions['schema']]['Enums']
    : never = never,
> = DefaultSchemaEnumNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions['schema']]['Enums'][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema['Enums']
    ? DefaultSchema['Enums'][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema['CompositeTypes']
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions['schema']]['CompositeTypes']
    : never = never,
> = PublicCompositeTypeNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions['schema']]['CompositeTypes'][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema['CompositeTypes']
    ? DefaultSchema['CompositeTypes'][PublicCompositeTypeNameOrOptions]
    : never

export const Constants = {
  public: {
    Enums: {
      auth_attempt_reason: ['ok', 'unknown_badge', 'wrong_pin', 'no_pin', 'locked', 'station_throttled'],
      color_scheme: ['light', 'dark', 'system'],
      font_size: ['small', 'medium', 'large'],
      location_kind: ['area', 'workstation', 'storage', 'shipping', 'office'],
      member_role: ['operator', 'supervisor', 'manager', 'admin', 'owner'],
      operator_session_end_reason: [
        'pin_out',
        'idle_timeout',
        'replaced',
        'handover',
        'station_revoked',
        'member_deactivated',
        'ended_by_supervisor',
      ],
    },
  },
} as const
