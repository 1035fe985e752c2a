namespace GovPlatform.Identity.Services;

/// <summary>The tenant's <c>Identity</c> settings section: password policy and lockout.</summary>
public sealed class IdentitySettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Identity";

    /// <summary>What a password must contain.</summary>
    public PasswordSettings Password { get; set; } = new();

    /// <summary>When failed sign-ins lock an account.</summary>
    public LockoutSettings Lockout { get; set; } = new();
}

/// <summary><c>Identity:Password</c>: the password policy.</summary>
public sealed class PasswordSettings
{
    /// <summary>Minimum length.</summary>
    public int RequiredLength { get; set; } = 8;

    /// <summary>At least one digit.</summary>
    public bool RequireDigit { get; set; } = true;

    /// <summary>At least one letter (any case, any script).</summary>
    public bool RequireLetter { get; set; } = true;

    /// <summary>At least one lowercase ASCII letter.</summary>
    public bool RequireLowercase { get; set; }

    /// <summary>At least one uppercase ASCII letter.</summary>
    public bool RequireUppercase { get; set; }

    /// <summary>At least one character that is neither a letter nor a digit.</summary>
    public bool RequireNonAlphanumeric { get; set; }
}

/// <summary><c>Identity:Lockout</c>: failed sign-ins before a lockout, and its length.</summary>
public sealed class LockoutSettings
{
    /// <summary>Failed sign-ins in a row that lock the account.</summary>
    public int MaxFailedAccessAttempts { get; set; } = 5;

    /// <summary>How long the account stays locked, in minutes.</summary>
    public int Minutes { get; set; } = 15;
}
