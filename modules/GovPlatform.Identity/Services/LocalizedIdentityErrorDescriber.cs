using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace GovPlatform.Identity.Services;

/// <summary>Identity's error messages in the request's culture (Simplified Chinese or English).</summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<LocalizedIdentityErrorDescriber> t) : IdentityErrorDescriber
{
    /// <inheritdoc />
    public override IdentityError DefaultError() => Error(nameof(DefaultError), "An unknown failure has occurred.");

    /// <inheritdoc />
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure), "Optimistic concurrency failure, object has been modified.");

    /// <inheritdoc />
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), "Incorrect password.");

    /// <inheritdoc />
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken), "Invalid token.");

    /// <inheritdoc />
    public override IdentityError RecoveryCodeRedemptionFailed() => Error(nameof(RecoveryCodeRedemptionFailed), "Recovery code redemption failed.");

    /// <inheritdoc />
    public override IdentityError LoginAlreadyAssociated() => Error(nameof(LoginAlreadyAssociated), "A user with this login already exists.");

    /// <inheritdoc />
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), "Username '{0}' is invalid: use letters, digits and - . _ @ + only.", userName);

    /// <inheritdoc />
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), "Email '{0}' is invalid.", email);

    /// <inheritdoc />
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), "Username '{0}' is already taken.", userName);

    /// <inheritdoc />
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), "Email '{0}' is already taken.", email);

    /// <inheritdoc />
    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), "Role name '{0}' is invalid.", role);

    /// <inheritdoc />
    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), "Role name '{0}' is already taken.", role);

    /// <inheritdoc />
    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword), "User already has a password set.");

    /// <inheritdoc />
    public override IdentityError UserLockoutNotEnabled() => Error(nameof(UserLockoutNotEnabled), "Lockout is not enabled for this user.");

    /// <inheritdoc />
    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), "User already in role '{0}'.", role);

    /// <inheritdoc />
    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), "User is not in role '{0}'.", role);

    /// <inheritdoc />
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), "Passwords must be at least {0} characters.", length);

    /// <inheritdoc />
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), "Passwords must use at least {0} different characters.", uniqueChars);

    /// <inheritdoc />
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), "Passwords must have at least one non alphanumeric character.");

    /// <inheritdoc />
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), "Passwords must have at least one digit ('0'-'9').");

    /// <inheritdoc />
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), "Passwords must have at least one lowercase ('a'-'z').");

    /// <inheritdoc />
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), "Passwords must have at least one uppercase ('A'-'Z').");

    /// <summary>The password has no letter (see <c>Identity:Password:RequireLetter</c>).</summary>
    public IdentityError PasswordRequiresLetter() => Error(LetterPasswordValidator<object>.Code, "Passwords must have at least one letter.");

    private IdentityError Error(string code, string english, params object?[] arguments) =>
        new() { Code = code, Description = t[english, [.. arguments.Select(a => a ?? "")]].Value };
}
