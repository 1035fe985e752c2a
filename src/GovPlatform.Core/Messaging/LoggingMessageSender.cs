using GovPlatform.Messaging;
using GovPlatform.Tenants;
using Microsoft.Extensions.Logging;

namespace GovPlatform.Core.Messaging;

/// <summary>Writes messages to the log instead of sending them: the default until a host registers a gateway.</summary>
internal sealed partial class LoggingMessageSender(ITenant tenant, ILogger<LoggingMessageSender> logger) : IMessageSender
{
    public Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        Log(logger, tenant.Name, message.Channel, message.To, message.Subject, message.Body);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {Tenant}: {Channel} message to {To} (not sent: no gateway configured): {Subject}\n{Body}")]
    private static partial void Log(ILogger logger, string tenant, string channel, string to, string subject, string body);
}
