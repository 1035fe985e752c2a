namespace GovPlatform.Identity.Data;

/// <summary>The tables of the Identity feature, shared by the EF Core model and the migrations.</summary>
internal static class IdentityTables
{
    public const string Users = "gp_users";
    public const string Roles = "gp_roles";
    public const string UserRoles = "gp_user_roles";
    public const string UserClaims = "gp_user_claims";
    public const string RoleClaims = "gp_role_claims";
    public const string UserLogins = "gp_user_logins";
    public const string UserTokens = "gp_user_tokens";
}
