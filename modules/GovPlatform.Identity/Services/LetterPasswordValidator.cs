using Microsoft.AspNetCore.Identity;

namespace GovPlatform.Identity.Services;

/// <summary>Requires a letter in the password when <c>Identity:Password:RequireLetter</c> is on (Identity only knows ASCII cases).</summary>
internal sealed class LetterPasswordValidator<TUser>(PasswordSettings settings, IdentityErrorDescriber describer) : IPasswordValidator<TUser>
    where TUser : class
{
    public const string Code = "PasswordRequiresLetter";

    public Task<IdentityResult> ValidateAsync(UserManager<TUser> manager, TUser user, string? password) =>
        Task.FromResult(!settings.RequireLetter || (password ?? "").Any(char.IsLetter)
            ? IdentityResult.Success
            : IdentityResult.Failed(describer is LocalizedIdentityErrorDescriber localized
                ? localized.PasswordRequiresLetter()
                : new IdentityError { Code = Code, Description = "Passwords must have at least one letter." }));
}
