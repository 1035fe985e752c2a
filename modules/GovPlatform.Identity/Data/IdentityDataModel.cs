using GovPlatform.Data;
using GovPlatform.Identity.Models;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovPlatform.Identity.Data;

/// <summary>Maps Identity's users, roles, claims, logins and tokens onto the tenant's <c>gp_*</c> tables.</summary>
public sealed class IdentityDataModel : IDataModel
{
    /// <inheritdoc />
    public void Configure(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<GovUser>(user =>
        {
            user.ToTable(IdentityTables.Users);
            user.HasKey(u => u.Id);
            user.Property(u => u.Id).HasMaxLength(64);
            user.Property(u => u.UserName).HasMaxLength(256);
            user.Property(u => u.NormalizedUserName).HasMaxLength(256);
            user.Property(u => u.Email).HasMaxLength(256);
            user.Property(u => u.NormalizedEmail).HasMaxLength(256);
            user.Property(u => u.PhoneNumber).HasMaxLength(32);
            user.Property(u => u.DisplayName).HasMaxLength(100);
            user.Property(u => u.PreferredCulture).HasMaxLength(16);
            user.Property(u => u.ConcurrencyStamp).IsConcurrencyToken();
            user.HasIndex(u => u.NormalizedUserName).IsUnique();
            user.HasIndex(u => u.NormalizedEmail);
            user.HasMany<IdentityUserClaim<string>>().WithOne().HasForeignKey(c => c.UserId).IsRequired();
            user.HasMany<IdentityUserLogin<string>>().WithOne().HasForeignKey(l => l.UserId).IsRequired();
            user.HasMany<IdentityUserToken<string>>().WithOne().HasForeignKey(t => t.UserId).IsRequired();
            user.HasMany<IdentityUserRole<string>>().WithOne().HasForeignKey(r => r.UserId).IsRequired();
        });

        modelBuilder.Entity<GovRole>(role =>
        {
            role.ToTable(IdentityTables.Roles);
            role.HasKey(r => r.Id);
            role.Property(r => r.Id).HasMaxLength(64);
            role.Property(r => r.Name).HasMaxLength(256);
            role.Property(r => r.NormalizedName).HasMaxLength(256);
            role.Property(r => r.ConcurrencyStamp).IsConcurrencyToken();
            role.HasIndex(r => r.NormalizedName).IsUnique();
            role.HasMany<IdentityUserRole<string>>().WithOne().HasForeignKey(r => r.RoleId).IsRequired();
            role.HasMany<IdentityRoleClaim<string>>().WithOne().HasForeignKey(c => c.RoleId).IsRequired();
        });

        modelBuilder.Entity<IdentityUserRole<string>>(userRole =>
        {
            userRole.ToTable(IdentityTables.UserRoles);
            userRole.HasKey(r => new { r.UserId, r.RoleId });
        });

        modelBuilder.Entity<IdentityUserClaim<string>>(claim =>
        {
            claim.ToTable(IdentityTables.UserClaims);
            claim.HasKey(c => c.Id);
            claim.Property(c => c.ClaimType).HasMaxLength(256);
        });

        modelBuilder.Entity<IdentityRoleClaim<string>>(claim =>
        {
            claim.ToTable(IdentityTables.RoleClaims);
            claim.HasKey(c => c.Id);
            claim.Property(c => c.ClaimType).HasMaxLength(256);
        });

        modelBuilder.Entity<IdentityUserLogin<string>>(login =>
        {
            login.ToTable(IdentityTables.UserLogins);
            login.HasKey(l => new { l.LoginProvider, l.ProviderKey });
            login.Property(l => l.LoginProvider).HasMaxLength(128);
            login.Property(l => l.ProviderKey).HasMaxLength(128);
        });

        modelBuilder.Entity<IdentityUserToken<string>>(token =>
        {
            token.ToTable(IdentityTables.UserTokens);
            token.HasKey(t => new { t.UserId, t.LoginProvider, t.Name });
            token.Property(t => t.LoginProvider).HasMaxLength(128);
            token.Property(t => t.Name).HasMaxLength(128);
        });
    }
}
