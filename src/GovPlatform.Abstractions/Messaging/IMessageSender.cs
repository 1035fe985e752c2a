namespace GovPlatform.Messaging;

/// <summary>
/// Sends a message to a person by e-mail or SMS. The platform's default writes it to the log; a deployment registers a
/// real gateway in the host.
/// </summary>
public interface IMessageSender
{
    /// <summary>Sends the message; throws when the gateway refuses it.</summary>
    Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default);
}

/// <summary>A message: <see cref="Channel"/> is <c>email</c> or <c>sms</c>; <see cref="To"/> the address or phone number.</summary>
public sealed record OutgoingMessage(string Channel, string To, string Subject, string Body);
