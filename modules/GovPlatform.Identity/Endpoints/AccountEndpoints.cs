using System.Text;
using GovPlatform.Auditing;
using GovPlatform.Identity.Components.Account;
using GovPlatform.Identity.Models;
using GovPlatform.Identity.Services;
using GovPlatform.Messaging;
using GovPlatform.Modules;
using GovPlatform.Security;
using GovPlatform.Tenants;
using GovPlatform.Themes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace GovPlatform.Identity.Endpoints;

/// <summary>Sign in, sign out, registration, forgotten and reset passwords, access denied: pages that work without JavaScript.</summary>
internal static class AccountEndpoints
{
    // Verified against when the user name is unknown, so that a miss costs as much time as a wrong password.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<GovUser>().HashPassword(new GovUser(), Guid.NewGuid().ToString()));

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/account");
        account.MapGetShared("/login", (string? returnUrl, bool? reset, HttpContext context, IStringLocalizer<IdentityTexts> t) =>
            Page<LoginPage>(context, new
            {
                Form = new LoginForm { ReturnUrl = returnUrl },
                Notice = reset == true ? t["Your password has been changed. Sign in with the new one."].Value : null,
            }));
        account.MapPostShared("/login", LoginAsync).RequireRateLimiting(RateLimitPolicies.SignIn);
        account.MapPostShared("/logout", LogoutAsync);
        account.MapGetShared("/register", (string? returnUrl, HttpContext context, PasswordSettings password) =>
            Page<RegisterPage>(context, new { Form = new RegisterForm { ReturnUrl = returnUrl }, MinimumLength = password.RequiredLength }));
        account.MapPostShared("/register", RegisterAsync).RequireRateLimiting(RateLimitPolicies.PublicForm);
        account.MapGetShared("/forgot-password", (bool? sent, HttpContext context) => Page<ForgotPasswordPage>(context, new { Sent = sent == true }));
        account.MapPostShared("/forgot-password", ForgotPasswordAsync).RequireRateLimiting(RateLimitPolicies.SignIn);
        account.MapGetShared("/reset-password", (string? userId, string? code, HttpContext context, PasswordSettings password) =>
            Page<ResetPasswordPage>(context, new { Form = new ResetPasswordForm { UserId = userId, Code = code }, MinimumLength = password.RequiredLength }));
        account.MapPostShared("/reset-password", ResetPasswordAsync).RequireRateLimiting(RateLimitPolicies.SignIn);
        account.MapGetShared("/denied", (HttpContext context) => Page<AccessDeniedPage>(context, new { }, StatusCodes.Status403Forbidden));
    }

    internal static RazorComponentResult<TPage> Page<TPage>(HttpContext context, object parameters, int status = StatusCodes.Status200OK)
        where TPage : Microsoft.AspNetCore.Components.IComponent => ComponentPage.Render<TPage>(context, parameters, status);

    /// <summary>The user with this user name, or else with this e-mail address.</summary>
    internal static async Task<GovUser?> FindAsync(UserManager<GovUser> users, string? login)
    {
        if (string.IsNullOrWhiteSpace(login))
        {
            return null;
        }

        login = login.Trim();
        return await users.FindByNameAsync(login) ?? (login.Contains('@', StringComparison.Ordinal) ? await users.FindByEmailAsync(login) : null);
    }

    private static async Task<IResult> LoginAsync(
        [FromForm] LoginForm? form, HttpContext context, SignInManager<GovUser> signIn, UserManager<GovUser> users,
        IAuditLog audit, IStringLocalizer<IdentityTexts> t, CancellationToken cancellationToken)
    {
        form ??= new LoginForm();
        var user = await FindAsync(users, form.UserName);
        var result = Microsoft.AspNetCore.Identity.SignInResult.Failed;
        if (user is null)
        {
            users.PasswordHasher.VerifyHashedPassword(new GovUser(), DummyHash.Value, form.Password ?? "");
        }
        else
        {
            result = await signIn.PasswordSignInAsync(user, form.Password ?? "", form.RememberMe, lockoutOnFailure: true);
        }

        if (result.Succeeded)
        {
            return Results.Redirect(context.SafeReturnUrl(form.ReturnUrl));
        }

        var attempted = Shorten(form.UserName);
        await audit.RecordAsync(result.IsLockedOut
            ? new AuditEvent("users", "locked-out", user?.UserName ?? attempted, "Sign-in refused: the account is locked out")
            : new AuditEvent("users", "sign-in-failed", user?.UserName ?? attempted, user is null ? "Unknown user name" : "Wrong password"), cancellationToken);

        // One message whatever failed (unknown name, wrong password, locked account): no user enumeration.
        return Page<LoginPage>(context, new
        {
            Form = new LoginForm { UserName = form.UserName, RememberMe = form.RememberMe, ReturnUrl = form.ReturnUrl },
            Errors = new[] { t["The user name or password is incorrect. After several failed attempts an account is locked for a while."].Value },
        });
    }

    private static async Task<IResult> LogoutAsync([FromForm] LogoutForm? form, HttpContext context, SignInManager<GovUser> signIn)
    {
        await signIn.SignOutAsync();
        return Results.Redirect(context.SafeReturnUrl(form?.ReturnUrl));
    }

    private static async Task<IResult> RegisterAsync(
        [FromForm] RegisterForm? form, HttpContext context, UserAccounts accounts, SignInManager<GovUser> signIn,
        PasswordSettings password, IAuditLog audit, IStringLocalizer<IdentityTexts> t, CancellationToken cancellationToken)
    {
        form ??= new RegisterForm();
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(form.UserName))
        {
            errors.Add(t["Enter a user name."]);
        }

        if (string.IsNullOrWhiteSpace(form.Email))
        {
            errors.Add(t["Enter an e-mail address."]);
        }

        if (string.IsNullOrEmpty(form.Password) || form.Password != form.ConfirmPassword)
        {
            errors.Add(t["The two passwords do not match."]);
        }

        if (errors.Count == 0)
        {
            var (result, user) = await accounts.CreateAsync(
                form.UserName!, form.Email, form.DisplayName, form.Phone, form.Password, [BuiltInRoles.Citizen], cancellationToken: cancellationToken);
            if (result.Succeeded)
            {
                await audit.RecordAsync(new AuditEvent("users", "register", user.UserName, "Resident registered"), cancellationToken);
                await signIn.SignInAsync(user, isPersistent: false);
                return Results.Redirect(context.SafeReturnUrl(form.ReturnUrl));
            }

            errors.AddRange(result.Errors.Select(e => e.Description));
        }

        return Page<RegisterPage>(context, new
        {
            Form = new RegisterForm { UserName = form.UserName, DisplayName = form.DisplayName, Email = form.Email, Phone = form.Phone, ReturnUrl = form.ReturnUrl },
            Errors = errors,
            MinimumLength = password.RequiredLength,
        });
    }

    private static async Task<IResult> ForgotPasswordAsync(
        [FromForm] ForgotPasswordForm? form, HttpContext context, UserManager<GovUser> users, IMessageSender sender, ITenant tenant,
        IStringLocalizer<IdentityTexts> t, ILogger<IdentityTexts> logger, CancellationToken cancellationToken)
    {
        form ??= new ForgotPasswordForm();
        var user = await FindAsync(users, form.Login);
        if (user?.Email is { Length: > 0 } email)
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

            // The link names the tenant's own host when it has one, not whatever Host header the request carried.
            var host = tenant.HostNames.Count > 0 ? tenant.HostNames[0] : context.Request.Host.Value;
            var link = $"{context.Request.Scheme}://{host}{context.Request.PathBase}/account/reset-password?userId={Uri.EscapeDataString(user.Id)}&code={code}";
            try
            {
                await sender.SendAsync(new OutgoingMessage(
                    "email", email, t["Choose a new password for {0}", tenant.DisplayName],
                    t["Someone asked to reset the password of {0} on {1}. To choose a new password, open {2} . If it was not you, ignore this message.", user.UserName ?? "", tenant.DisplayName, link]),
                    cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The page says the same either way: failing here would tell that the account exists.
                logger.LogError(ex, "The password reset message for a user of tenant {Tenant} could not be sent", tenant.Name);
            }
        }

        return Results.Redirect(context.TenantPath("account/forgot-password?sent=true"));
    }

    private static async Task<IResult> ResetPasswordAsync(
        [FromForm] ResetPasswordForm? form, HttpContext context, UserManager<GovUser> users, PasswordSettings password,
        IAuditLog audit, IStringLocalizer<IdentityTexts> t, CancellationToken cancellationToken)
    {
        form ??= new ResetPasswordForm();
        var errors = new List<string>();
        if (string.IsNullOrEmpty(form.Password) || form.Password != form.ConfirmPassword)
        {
            errors.Add(t["The two passwords do not match."]);
        }
        else
        {
            var user = string.IsNullOrEmpty(form.UserId) ? null : await users.FindByIdAsync(form.UserId);
            string? token = null;
            try
            {
                token = form.Code is null ? null : Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(form.Code));
            }
            catch (FormatException)
            {
            }

            var result = user is null || token is null
                ? IdentityResult.Failed(users.ErrorDescriber.InvalidToken())
                : await users.ResetPasswordAsync(user, token, form.Password);
            if (result.Succeeded)
            {
                await users.SetLockoutEndDateAsync(user!, null);
                await users.ResetAccessFailedCountAsync(user!);
                await audit.RecordAsync(new AuditEvent("users", "password-reset", user!.UserName, "Password reset through the e-mailed link"), cancellationToken);
                return Results.Redirect(context.TenantPath("account/login?reset=true"));
            }

            errors.AddRange(result.Errors.Select(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)
                ? t["This link is invalid or has expired. Ask for a new one."].Value
                : e.Description));
        }

        return Page<ResetPasswordPage>(context, new
        {
            Form = new ResetPasswordForm { UserId = form.UserId, Code = form.Code },
            Errors = errors,
            MinimumLength = password.RequiredLength,
        });
    }

    private static string Shorten(string? text) =>
        string.IsNullOrEmpty(text) ? "" : text.Length <= 100 ? text.Trim() : text[..100];
}
