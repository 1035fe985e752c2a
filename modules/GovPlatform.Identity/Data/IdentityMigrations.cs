using System.Data;
using FluentMigrator;
using GovPlatform.Data;

namespace GovPlatform.Identity.Data;

/// <summary>Identity's tables, on SQLite and PostgreSQL alike. The built-in roles are created by <see cref="Services.IdentitySeeder"/>.</summary>
[Migration(1, "Users, roles, claims, logins and tokens")]
public sealed class CreateIdentityTables : Migration
{
    /// <inheritdoc />
    public override void Up()
    {
        Create.Table(IdentityTables.Users)
            .WithColumn("id").AsString(64).NotNullable().PrimaryKey("pk_gp_users")
            .WithColumn("user_name").AsString(256).Nullable()
            .WithColumn("normalized_user_name").AsString(256).Nullable()
            .WithColumn("email").AsString(256).Nullable()
            .WithColumn("normalized_email").AsString(256).Nullable()
            .WithColumn("email_confirmed").AsBoolean().NotNullable()
            .WithColumn("password_hash").AsString(int.MaxValue).Nullable()
            .WithColumn("security_stamp").AsString(int.MaxValue).Nullable()
            .WithColumn("concurrency_stamp").AsString(int.MaxValue).Nullable()
            .WithColumn("phone_number").AsString(32).Nullable()
            .WithColumn("phone_number_confirmed").AsBoolean().NotNullable()
            .WithColumn("two_factor_enabled").AsBoolean().NotNullable()
            .WithColumn("lockout_end").AsDateTimeOffset().Nullable()
            .WithColumn("lockout_enabled").AsBoolean().NotNullable()
            .WithColumn("access_failed_count").AsInt32().NotNullable()
            .WithColumn("display_name").AsString(100).NotNullable()
            .WithColumn("preferred_culture").AsString(16).Nullable()
            .WithColumn("created_utc").AsUtcDateTime().NotNullable();
        Create.Index("ix_gp_users_normalized_user_name").OnTable(IdentityTables.Users).OnColumn("normalized_user_name").Unique();
        Create.Index("ix_gp_users_normalized_email").OnTable(IdentityTables.Users).OnColumn("normalized_email");

        Create.Table(IdentityTables.Roles)
            .WithColumn("id").AsString(64).NotNullable().PrimaryKey("pk_gp_roles")
            .WithColumn("name").AsString(256).Nullable()
            .WithColumn("normalized_name").AsString(256).Nullable()
            .WithColumn("concurrency_stamp").AsString(int.MaxValue).Nullable();
        Create.Index("ix_gp_roles_normalized_name").OnTable(IdentityTables.Roles).OnColumn("normalized_name").Unique();

        Create.Table(IdentityTables.UserRoles)
            .WithColumn("user_id").AsString(64).NotNullable().PrimaryKey("pk_gp_user_roles")
                .ForeignKey("fk_gp_user_roles_user", IdentityTables.Users, "id").OnDelete(Rule.Cascade)
            .WithColumn("role_id").AsString(64).NotNullable().PrimaryKey("pk_gp_user_roles")
                .ForeignKey("fk_gp_user_roles_role", IdentityTables.Roles, "id").OnDelete(Rule.Cascade);
        Create.Index("ix_gp_user_roles_role_id").OnTable(IdentityTables.UserRoles).OnColumn("role_id");

        Create.Table(IdentityTables.UserClaims)
            .WithColumn("id").AsInt32().NotNullable().PrimaryKey("pk_gp_user_claims").Identity()
            .WithColumn("user_id").AsString(64).NotNullable()
                .ForeignKey("fk_gp_user_claims_user", IdentityTables.Users, "id").OnDelete(Rule.Cascade)
            .WithColumn("claim_type").AsString(256).Nullable()
            .WithColumn("claim_value").AsString(int.MaxValue).Nullable();
        Create.Index("ix_gp_user_claims_user_id").OnTable(IdentityTables.UserClaims).OnColumn("user_id");

        Create.Table(IdentityTables.RoleClaims)
            .WithColumn("id").AsInt32().NotNullable().PrimaryKey("pk_gp_role_claims").Identity()
            .WithColumn("role_id").AsString(64).NotNullable()
                .ForeignKey("fk_gp_role_claims_role", IdentityTables.Roles, "id").OnDelete(Rule.Cascade)
            .WithColumn("claim_type").AsString(256).Nullable()
            .WithColumn("claim_value").AsString(int.MaxValue).Nullable();
        Create.Index("ix_gp_role_claims_role_id").OnTable(IdentityTables.RoleClaims).OnColumn("role_id");

        Create.Table(IdentityTables.UserLogins)
            .WithColumn("login_provider").AsString(128).NotNullable().PrimaryKey("pk_gp_user_logins")
            .WithColumn("provider_key").AsString(128).NotNullable().PrimaryKey("pk_gp_user_logins")
            .WithColumn("provider_display_name").AsString(int.MaxValue).Nullable()
            .WithColumn("user_id").AsString(64).NotNullable()
                .ForeignKey("fk_gp_user_logins_user", IdentityTables.Users, "id").OnDelete(Rule.Cascade);
        Create.Index("ix_gp_user_logins_user_id").OnTable(IdentityTables.UserLogins).OnColumn("user_id");

        Create.Table(IdentityTables.UserTokens)
            .WithColumn("user_id").AsString(64).NotNullable().PrimaryKey("pk_gp_user_tokens")
                .ForeignKey("fk_gp_user_tokens_user", IdentityTables.Users, "id").OnDelete(Rule.Cascade)
            .WithColumn("login_provider").AsString(128).NotNullable().PrimaryKey("pk_gp_user_tokens")
            .WithColumn("name").AsString(128).NotNullable().PrimaryKey("pk_gp_user_tokens")
            .WithColumn("value").AsString(int.MaxValue).Nullable();
    }

    /// <inheritdoc />
    public override void Down()
    {
        Delete.Table(IdentityTables.UserTokens);
        Delete.Table(IdentityTables.UserLogins);
        Delete.Table(IdentityTables.RoleClaims);
        Delete.Table(IdentityTables.UserClaims);
        Delete.Table(IdentityTables.UserRoles);
        Delete.Table(IdentityTables.Roles);
        Delete.Table(IdentityTables.Users);
    }
}
