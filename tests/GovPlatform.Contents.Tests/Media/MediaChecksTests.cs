using System.Globalization;
using System.Text;
using GovPlatform.Contents.Media;
using GovPlatform.Localization;
using SkiaSharp;

namespace GovPlatform.Contents.Tests.Media;

/// <summary>What an upload must be to be stored: an accepted extension, bytes that are what the extension says, a size within the limit.</summary>
public sealed class MediaChecksTests
{
    private static readonly MediaOptions Options = new();

    private static MediaCheck Check(string fileName, byte[] content)
    {
        var (type, error) = MediaChecks.TypeOf(fileName);
        Assert.True(type is not null, English(error));
        return MediaChecks.CheckContent(type, content, Options);
    }

    private static string English(BilingualText? text) => text?.For(CultureInfo.GetCultureInfo("en")) ?? "";

    private static string Chinese(BilingualText? text) => text?.For(CultureInfo.GetCultureInfo("zh-CN")) ?? "";

    [Theory]
    [InlineData("photo.png", SKEncodedImageFormat.Png)]
    [InlineData("PHOTO.JPG", SKEncodedImageFormat.Jpeg)]
    [InlineData("photo.jpeg", SKEncodedImageFormat.Jpeg)]
    [InlineData("photo.webp", SKEncodedImageFormat.Webp)]
    public void Real_images_are_accepted_with_their_dimensions(string fileName, SKEncodedImageFormat format)
    {
        var check = Check(fileName, TestImages.Encode(640, 427, format));

        Assert.Null(check.Error);
        Assert.Equal((640, 427), (check.Width, check.Height));
    }

    [Fact]
    public void Images_are_served_as_the_type_of_their_format()
    {
        Assert.Equal("image/png", MediaChecks.TypeOf("a.png").Type!.ContentType);
        Assert.Equal("image/jpeg", MediaChecks.TypeOf("a.JPG").Type!.ContentType);
        Assert.Equal(MediaKind.Images, MediaChecks.TypeOf("a.gif").Type!.Kind);
        Assert.Equal(MediaKind.Files, MediaChecks.TypeOf("a.docx").Type!.Kind);
    }

    [Fact]
    public void A_text_file_renamed_png_is_refused()
    {
        var check = Check("notice.png", Encoding.UTF8.GetBytes("这不是图片，只是一段文字。"));

        Assert.Contains("not a readable PNG image", English(check.Error), StringComparison.Ordinal);
        Assert.Contains("PNG 图片", Chinese(check.Error), StringComparison.Ordinal);
    }

    [Fact]
    public void A_png_renamed_jpg_is_refused_with_the_name_it_should_have()
    {
        var check = Check("photo.jpg", TestImages.Encode(32, 32, SKEncodedImageFormat.Png));

        Assert.Equal("The file is a PNG image but its name ends in .jpg. Rename it to .png and upload it again.", English(check.Error));
        Assert.Contains(".png", Chinese(check.Error), StringComparison.Ordinal);
    }

    [Fact]
    public void A_webp_renamed_png_is_refused_too()
    {
        var check = Check("photo.png", TestImages.Encode(32, 32, SKEncodedImageFormat.Webp));

        Assert.Contains("Rename it to .webp", English(check.Error), StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_wider_than_the_limit_is_refused_and_one_at_the_limit_is_accepted()
    {
        var options = new MediaOptions { MaxImageSide = 2000 };
        var png = MediaChecks.TypeOf("wide.png").Type!;

        Assert.Null(MediaChecks.CheckContent(png, TestImages.Encode(2000, 8, SKEncodedImageFormat.Png), options).Error);
        var refused = MediaChecks.CheckContent(png, TestImages.Encode(8, 2001, SKEncodedImageFormat.Png), options);
        Assert.Equal("The image is 8×2001 pixels; each side may be at most 2,000 pixels.", English(refused.Error));
    }

    [Fact]
    public void The_default_image_limit_is_twelve_thousand_pixels_a_side()
    {
        var refused = Check("panorama.png", TestImages.Encode(12_001, 1, SKEncodedImageFormat.Png));

        Assert.Contains("12,000", English(refused.Error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("logo.svg")]
    [InlineData("logo.SVGZ")]
    [InlineData("page.html")]
    [InlineData("page.htm")]
    [InlineData("page.xhtml")]
    public void Svg_and_html_are_never_accepted(string fileName)
    {
        var (type, error) = MediaChecks.TypeOf(fileName);

        Assert.Null(type);
        Assert.Contains("SVG and HTML files can carry scripts", English(error), StringComparison.Ordinal);
        Assert.Contains("脚本", Chinese(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("setup.exe", ".exe")]
    [InlineData("archive.zip", ".zip")]
    [InlineData("script.js", ".js")]
    [InlineData("README", "no extension")]
    public void Other_types_are_refused_with_the_list_of_accepted_ones(string fileName, string named)
    {
        var (type, error) = MediaChecks.TypeOf(fileName);

        Assert.Null(type);
        Assert.Contains(named, English(error), StringComparison.Ordinal);
        Assert.Contains("jpg, jpeg, png, gif, webp", English(error), StringComparison.Ordinal);
        Assert.Contains("pdf, doc, docx, xls, xlsx, ppt, pptx, txt, csv", English(error), StringComparison.Ordinal);
    }

    [Fact]
    public void Documents_must_carry_their_format_signature()
    {
        byte[] pdf = [.. "%PDF-1.7\n"u8, .. new byte[100]];
        byte[] zip = [0x50, 0x4B, 0x03, 0x04, .. new byte[100]];
        byte[] ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[100]];

        Assert.Null(Check("通知.pdf", pdf).Error);
        Assert.Null(Check("表格.xlsx", zip).Error);
        Assert.Null(Check("报告.docx", zip).Error);
        Assert.Null(Check("演示.pptx", zip).Error);
        Assert.Null(Check("旧表格.xls", ole).Error);
        Assert.Null(Check("旧报告.doc", ole).Error);
        Assert.Null(Check("旧演示.ppt", ole).Error);

        Assert.Contains("does not match its extension (.pdf, PDF)", English(Check("通知.pdf", zip).Error), StringComparison.Ordinal);
        Assert.Contains("(.docx, Word)", English(Check("报告.docx", pdf).Error), StringComparison.Ordinal);
        Assert.Contains("(.xls, Excel)", English(Check("旧表格.xls", zip).Error), StringComparison.Ordinal);
        Assert.NotNull(Check("page.pdf", "<html><script>alert(1)</script></html>"u8.ToArray()).Error);
    }

    [Fact]
    public void Text_must_be_utf8_without_nul()
    {
        Assert.Null(Check("名单.csv", Encoding.UTF8.GetBytes("姓名,电话\n王建国,13800000001\n")).Error);
        Assert.Null(Check("说明.txt", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("带 BOM 的文本")]).Error);

        var gbk = new byte[] { 0xD0, 0xD5, 0xC3, 0xFB, 0x2C, 0xB5, 0xE7, 0xBB, 0xB0 };   // "姓名,电话" in GBK
        Assert.Contains("CSV UTF-8", English(Check("名单.csv", gbk).Error), StringComparison.Ordinal);
        Assert.NotNull(Check("binary.txt", [0x41, 0x00, 0x42]).Error);
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        Assert.Equal("The file is empty.", English(Check("empty.txt", []).Error));
        Assert.Equal("The file is empty.", English(Check("empty.png", []).Error));
    }

    [Fact]
    public async Task Reading_stops_past_the_limit_whether_or_not_the_stream_can_seek()
    {
        var bytes = new byte[1000];

        Assert.Equal(1000, (await MediaLibrary.ReadAtMostAsync(new MemoryStream(bytes), 1000, default))!.Length);
        Assert.Null(await MediaLibrary.ReadAtMostAsync(new MemoryStream(bytes), 999, default));
        Assert.Equal(1000, (await MediaLibrary.ReadAtMostAsync(new ForwardOnlyStream(bytes), 1000, default))!.Length);
        Assert.Null(await MediaLibrary.ReadAtMostAsync(new ForwardOnlyStream(bytes), 999, default));
    }

    [Fact]
    public void Limits_differ_for_images_and_documents()
    {
        Assert.Equal(10 * 1024 * 1024, MediaChecks.LimitOf(MediaChecks.TypeOf("a.png").Type!, Options));
        Assert.Equal(20 * 1024 * 1024, MediaChecks.LimitOf(MediaChecks.TypeOf("a.pdf").Type!, Options));
        Assert.Equal("An image may be at most 10 MB.", English(MediaChecks.TooLarge(MediaChecks.TypeOf("a.png").Type!, Options.MaxImageBytes)));
        Assert.Equal("文档不能超过 20 MB。", Chinese(MediaChecks.TooLarge(MediaChecks.TypeOf("a.pdf").Type!, Options.MaxFileBytes)));
    }

    /// <summary>A request body: read once, front to back, length unknown.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
