using System.Globalization;
using GovPlatform.Messaging;
using GovPlatform.Petitions.Models;
using GovPlatform.Security;
using GovPlatform.Tenants;
using Microsoft.Extensions.Logging;

namespace GovPlatform.Petitions.Services;

/// <summary>
/// Text messages of the hall: the first responder hears when a case is due soon or overdue, the citizen when the result
/// is ready to rate. Sent after the change is saved; a gateway's refusal is logged and changes nothing.
/// </summary>
internal sealed class PetitionNotifier(IMessageSender sender, ITenantUsers users, ITenant tenant, ILogger<PetitionNotifier> logger)
{
    /// <summary>Tells each case's first responder (when their account has a phone) that it is due soon or overdue.</summary>
    public async Task DeadlineAsync(IEnumerable<Petition> petitions, bool overdue, CancellationToken cancellationToken)
    {
        foreach (var petition in petitions)
        {
            if (petition.FirstResponder is not { Length: > 0 } responder
                || await users.FindByUserNameAsync(responder, cancellationToken) is not { Phone: { Length: > 0 } phone })
            {
                continue;
            }

            var due = Local(petition.DueUtc);
            await SendAsync(phone, overdue
                ? new OutgoingMessage("sms", phone, $"诉求已超期 / Petition overdue: {petition.TrackingNumber}",
                    $"您首问的诉求 {petition.TrackingNumber}（{petition.Title}）已于 {due} 超期，已提请上级督办。\nPetition {petition.TrackingNumber} you took first was due at {due}; the level above now supervises it.")
                : new OutgoingMessage("sms", phone, $"诉求临期提醒 / Petition due soon: {petition.TrackingNumber}",
                    $"您首问的诉求 {petition.TrackingNumber}（{petition.Title}）将于 {due} 到期，请及时办理。\nPetition {petition.TrackingNumber} you took first is due at {due}."), cancellationToken);
        }
    }

    /// <summary>Tells the citizen that the result is ready and how to rate it.</summary>
    public Task ResultAsync(Petition petition, CancellationToken cancellationToken) =>
        SendAsync(petition.ContactPhone, new OutgoingMessage("sms", petition.ContactPhone, $"诉求办理结果 / Your petition's result: {petition.TrackingNumber}",
            $"您的诉求 {petition.TrackingNumber} 已办结：{petition.PublicReply}\n请凭编号和手机号在“进度查询”中评价。\nYour petition {petition.TrackingNumber} has been handled. Rate it under “Track a petition” with its number and your phone."),
            cancellationToken);

    private async Task SendAsync(string to, OutgoingMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await sender.SendAsync(message with { To = to }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Petitions: a message to {To} could not be sent ({Subject})", to, message.Subject);
        }
    }

    private string Local(DateTime? utc)
    {
        if (utc is not { } value)
        {
            return "";
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone);
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(value, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }
}
