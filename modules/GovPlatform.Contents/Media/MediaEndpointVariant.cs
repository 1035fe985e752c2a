using GovPlatform.Modules;
using Microsoft.Extensions.Options;

namespace GovPlatform.Contents.Media;

/// <summary>The request limit that <see cref="MediaEndpoints"/> puts in the upload endpoints' metadata.</summary>
internal sealed class MediaEndpointVariant(IOptions<MediaOptions> options) : IEndpointVariant
{
    public string Value => $"media-upload:{options.Value.MaxRequestBytes}";
}
