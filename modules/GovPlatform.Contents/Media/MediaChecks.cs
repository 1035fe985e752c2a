using System.Globalization;
using System.Text;
using GovPlatform.Localization;
using SkiaSharp;

namespace GovPlatform.Contents.Media;

/// <summary>What the bytes of an upload turned out to be: its dimensions when it is an image, or why it is refused.</summary>
internal sealed record MediaCheck(BilingualText? Error, int? Width = null, int? Height = null)
{
    public static MediaCheck Refused(BilingualText error) => new(error);
}

/// <summary>
/// The checks an upload passes before it is stored: the name's extension is on the allowlist, the size is within the
/// limit, and the bytes are what the extension says (images decoded by SkiaSharp, documents by their signature, text
/// as UTF-8). Also the names the library stores and shows.
/// </summary>
internal static class MediaChecks
{
    /// <summary>Extensions of files that can carry scripts a browser runs: refused whatever they contain.</summary>
    private static readonly HashSet<string> Scriptable = new(StringComparer.OrdinalIgnoreCase)
    {
        "svg", "svgz", "html", "htm", "xhtml", "xht", "shtml", "mht", "mhtml",
    };

    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The accepted type of <paramref name="fileName"/>'s extension, or why the name is refused.</summary>
    public static (MediaFileType? Type, BilingualText? Error) TypeOf(string? fileName)
    {
        var name = DisplayName(fileName);
        if (name.Length == 0)
        {
            return (null, new("文件没有名称。", "The file has no name."));
        }

        var extension = Extension(name);
        if (Scriptable.Contains(extension))
        {
            return (null, new($"不接受 .{extension} 文件：SVG 和 HTML 文件可能带有脚本。请上传 PNG 或 JPEG 图片、PDF 文档。",
                $".{extension} files are not accepted: SVG and HTML files can carry scripts. Upload a PNG or JPEG image or a PDF instead."));
        }

        return MediaFileType.Find(extension) is { } type
            ? (type, null)
            : (null, new($"不接受此类文件（{(extension.Length == 0 ? "无扩展名" : "." + extension)}）。图片可为 {MediaFileType.ImageExtensions}；文档可为 {MediaFileType.FileExtensions}。",
                $"This kind of file is not accepted ({(extension.Length == 0 ? "no extension" : "." + extension)}). Images may be {MediaFileType.ImageExtensions}; documents {MediaFileType.FileExtensions}."));
    }

    /// <summary>The most bytes a file of <paramref name="type"/> may have.</summary>
    public static long LimitOf(MediaFileType type, MediaOptions options) => type.Kind == MediaKind.Images ? options.MaxImageBytes : options.MaxFileBytes;

    /// <summary>The refusal of a file larger than <paramref name="limit"/> bytes.</summary>
    public static BilingualText TooLarge(MediaFileType type, long limit) => type.Kind == MediaKind.Images
        ? new($"图片不能超过 {Size(limit)}。", $"An image may be at most {Size(limit)}.")
        : new($"文档不能超过 {Size(limit)}。", $"A document may be at most {Size(limit)}.");

    /// <summary>Whether <paramref name="content"/> is what <paramref name="type"/> says; for images, also their dimensions.</summary>
    public static MediaCheck CheckContent(MediaFileType type, ReadOnlySpan<byte> content, MediaOptions options)
    {
        if (content.IsEmpty)
        {
            return MediaCheck.Refused(new("文件是空的。", "The file is empty."));
        }

        if (type.ImageFormat is { } expected)
        {
            return CheckImage(type, expected, content, options);
        }

        var matches = type.Extension switch
        {
            "pdf" => content.StartsWith(Pdf),
            "docx" or "xlsx" or "pptx" => content.StartsWith(Zip),
            "doc" or "xls" or "ppt" => content.StartsWith(Ole),
            _ => IsText(content),
        };
        if (matches)
        {
            return new MediaCheck(null);
        }

        return MediaCheck.Refused(type.Extension switch
        {
            "txt" or "csv" => new($"文本文件须为 UTF-8 编码且不含空字符。用 Excel 保存时请选择“CSV UTF-8”。",
                "A text file must be UTF-8 and contain no NUL characters. In Excel, save it as \"CSV UTF-8\"."),
            _ => new($"文件内容与扩展名（.{type.Extension}，{type.Name}）不符。请确认文件没有损坏、扩展名正确。",
                $"The file's content does not match its extension (.{type.Extension}, {type.Name}). Check that it is not damaged and that its extension is right."),
        });
    }

    private static MediaCheck CheckImage(MediaFileType type, SKEncodedImageFormat expected, ReadOnlySpan<byte> content, MediaOptions options)
    {
        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return MediaCheck.Refused(new($"文件不是可以读取的 {type.Name} 图片。", $"The file is not a readable {type.Name} image."));
        }

        var actual = codec.EncodedFormat;
        if (actual != expected)
        {
            var name = MediaFileType.NameOf(actual);
            return MediaCheck.Refused(MediaFileType.ExtensionOf(actual) is { } right
                ? new($"该文件实际是 {name} 图片，但文件名以 .{type.Extension} 结尾。请将扩展名改为 .{right} 后再上传。",
                    $"The file is a {name} image but its name ends in .{type.Extension}. Rename it to .{right} and upload it again.")
                : new($"该文件是 {name} 图片，不在接受的格式之列（{MediaFileType.ImageExtensions}）。",
                    $"The file is a {name} image, which is not accepted ({MediaFileType.ImageExtensions})."));
        }

        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0)
        {
            return MediaCheck.Refused(new($"文件不是可以读取的 {type.Name} 图片。", $"The file is not a readable {type.Name} image."));
        }

        if (width > options.MaxImageSide || height > options.MaxImageSide)
        {
            var max = options.MaxImageSide.ToString("N0", CultureInfo.InvariantCulture);
            return MediaCheck.Refused(new($"图片为 {width}×{height} 像素，每边不能超过 {max} 像素。",
                $"The image is {width}×{height} pixels; each side may be at most {max} pixels."));
        }

        return new MediaCheck(null, width, height);
    }

    private static bool IsText(ReadOnlySpan<byte> content)
    {
        if (content.Contains((byte)0))
        {
            return false;
        }

        try
        {
            StrictUtf8.GetCharCount(content);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>
    /// The name as uploaded, for people: its last segment (a browser may send a full Windows path), without control or
    /// formatting characters (such as the right-to-left override), trimmed, at most 255 characters.
    /// </summary>
    public static string DisplayName(string? fileName)
    {
        if (string.IsNullOrEmpty(fileName))
        {
            return "";
        }

        var last = fileName[(fileName.LastIndexOfAny(['/', '\\']) + 1)..];
        var builder = new StringBuilder(last.Length);
        foreach (var rune in last.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned))
            {
                builder.Append(rune.ToString());
            }
        }

        var name = builder.ToString().Trim();
        return name.Length <= 255 ? name : Truncate(name, 255);
    }

    /// <summary>The extension of a name, lowercase, without its dot; empty when there is none.</summary>
    public static string Extension(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot < 0 ? "" : name[(dot + 1)..].Trim().ToLowerInvariant();
    }

    /// <summary>
    /// The name a file is stored under: letters (Chinese included) and digits kept, with <c>-</c>, <c>_</c> and
    /// <c>.</c>; every run of anything else becomes one <c>-</c>; at most 80 characters before the extension, which is
    /// lowercase. <c>2025年 工作 (终稿).PDF</c> → <c>2025年-工作-终稿.pdf</c>.
    /// </summary>
    public static string SafeName(string fileName)
    {
        var name = DisplayName(fileName);
        var extension = Extension(name);
        var stem = extension.Length > 0 || name.EndsWith('.') ? name[..name.LastIndexOf('.')] : name;
        var builder = new StringBuilder(stem.Length);
        foreach (var rune in stem.EnumerateRunes())
        {
            var keep = Rune.IsLetterOrDigit(rune) || rune.Value is '-' or '_' or '.';
            var next = keep ? rune.ToString() : "-";
            var last = builder.Length > 0 ? builder[^1] : '\0';
            if ((next is "-" && last is '-' or '.' or '_') || (next is "." && last is '.' or '-'))
            {
                continue;
            }

            builder.Append(next);
        }

        var safe = Truncate(builder.ToString().Trim('-', '.', '_'), 80).Trim('-', '.', '_');
        if (safe.Length == 0)
        {
            safe = "file";
        }

        var cleanExtension = new string([.. extension.Where(char.IsAsciiLetterOrDigit)]);
        return cleanExtension.Length == 0 ? safe : $"{safe}.{cleanExtension}";
    }

    /// <summary>A size for people: <c>10 MB</c>, <c>512 KB</c>, <c>900 B</c>.</summary>
    public static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / (1024d * 1024)).ToString(bytes % (1024 * 1024) == 0 ? "0" : "0.#", CultureInfo.InvariantCulture) + " MB",
        >= 1024 => (bytes / 1024d).ToString("0", CultureInfo.InvariantCulture) + " KB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };

    /// <summary>At most <paramref name="max"/> characters, never splitting a surrogate pair.</summary>
    private static string Truncate(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..cut];
    }
}
