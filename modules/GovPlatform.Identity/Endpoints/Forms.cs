namespace GovPlatform.Identity.Endpoints;

/// <summary>The sign-in form.</summary>
public sealed class LoginForm
{
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public bool RememberMe { get; set; }

    public string? ReturnUrl { get; set; }
}

/// <summary>The citizen registration form.</summary>
public sealed class RegisterForm
{
    public string? UserName { get; set; }

    public string? DisplayName { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Password { get; set; }

    public string? ConfirmPassword { get; set; }

    public string? ReturnUrl { get; set; }
}

/// <summary>The forgot-password form: a user name or an e-mail address.</summary>
public sealed class ForgotPasswordForm
{
    public string? Login { get; set; }
}

/// <summary>The reset-password form, reached from the link sent by e-mail.</summary>
public sealed class ResetPasswordForm
{
    public string? UserId { get; set; }

    public string? Code { get; set; }

    public string? Password { get; set; }

    public string? ConfirmPassword { get; set; }
}

/// <summary>The admin's user form (create and edit); roles come as repeated <c>Roles</c> fields.</summary>
public sealed class UserForm
{
    public string? UserName { get; set; }

    public string? DisplayName { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Password { get; set; }

    /// <summary>Grid unit codes, one per line or separated by commas.</summary>
    public string? GridUnits { get; set; }
}

/// <summary>The admin's password reset form.</summary>
public sealed class NewPasswordForm
{
    public string? Password { get; set; }
}

/// <summary>The sign-out form.</summary>
public sealed class LogoutForm
{
    public string? ReturnUrl { get; set; }
}

/// <summary>A form with nothing but its antiforgery token (lock, unlock).</summary>
public sealed class ConfirmForm
{
    public string? Confirm { get; set; }
}
