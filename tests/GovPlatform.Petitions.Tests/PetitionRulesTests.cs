using GovPlatform.Petitions.Models;
using GovPlatform.Petitions.Services;
using SkiaSharp;

namespace GovPlatform.Petitions.Tests;

/// <summary>Duplicate similarity, deadline notation, settings limits and attachment checks on bytes.</summary>
public sealed class PetitionRulesTests
{
    [Fact]
    public void Similar_chinese_descriptions_score_high_and_different_ones_low()
    {
        var first = "楼上邻居每天深夜装修，噪音很大，多次沟通无果。";
        var again = "楼上邻居每天深夜装修噪音很大，沟通多次无果！";
        var other = "小区门口的路灯坏了一个月，晚上很黑。";

        Assert.True(PetitionDuplicates.Similarity(first, again) > 0.6);
        Assert.True(PetitionDuplicates.Similarity(first, other) < 0.2);
        Assert.Equal(1, PetitionDuplicates.Similarity(first, first), 6);
        Assert.Equal(0, PetitionDuplicates.Similarity("", "路灯"));
    }

    [Theory]
    [InlineData("4h", 4, true)]
    [InlineData("72h", 72, true)]
    [InlineData("3d", 3, false)]
    [InlineData(" 60D ", 60, false)]
    public void Deadlines_read_working_hours_and_days(string text, int amount, bool hours) =>
        Assert.Equal((amount, hours ? DeadlineUnit.WorkingHours : DeadlineUnit.WorkingDays), PetitionCatalogEditor.ParseDeadline(text));

    [Theory]
    [InlineData("0h")]
    [InlineData("73h")]
    [InlineData("61d")]
    [InlineData("3w")]
    [InlineData("d3")]
    [InlineData("")]
    public void Deadlines_out_of_range_or_malformed_are_refused(string text) => Assert.Null(PetitionCatalogEditor.ParseDeadline(text));

    [Fact]
    public void A_catalogue_with_mistakes_reports_each_one()
    {
        var errors = PetitionCatalogEditor.Validate(
            [new("Bad Code", new("部门", "Dept")), new("ok", new("部门", "Dept")), new("ok", new("部门二", "Dept 2"))],
            [
                new("01", null, new("类", "Category"), null, null, false),
                new("0201", "01", new("项", "Item"), "nobody", "5x", false),
                new("01", null, new("", "Empty"), null, null, false),
            ],
            []);

        Assert.Contains(errors, e => e.Contains("'Bad Code'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'ok' appears twice", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("must start with its category's code", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("no department 'nobody'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'5x'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'01' appears twice", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Chinese name", StringComparison.Ordinal));
    }

    [Fact]
    public void Settings_outside_their_limits_are_named()
    {
        var errors = PetitionSettingsStore.Validate(new PetitionSettings { IntakeDepth = 0, RatingDays = 0, DuplicateSimilarity = 2, Rooms = ["Mediation Room"] });

        Assert.Equal(["duplicateSimilarity", "intakeDepth", "ratingDays", "rooms"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(PetitionSettingsStore.Validate(new PetitionSettings()));
    }

    [Fact]
    public void An_image_is_recognised_by_its_bytes_whatever_its_name()
    {
        var png = Png(8, 6);

        var (type, extension, error) = PetitionFiles.Inspect(new PetitionUpload("photo.mp4", png), new PetitionSettings());

        Assert.Null(error);
        Assert.Equal("image/png", type);
        Assert.Equal("png", extension);
    }

    [Fact]
    public void Videos_are_recognised_by_their_container_signature()
    {
        byte[] mp4 = [0, 0, 0, 24, .. "ftypisom"u8, 0, 0, 2, 0, .. "isomiso2"u8];
        byte[] mov = [0, 0, 0, 20, .. "ftypqt  "u8, 0, 0, 2, 0, .. "qt  "u8];
        byte[] webm = [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81];

        Assert.Equal("video/mp4", PetitionFiles.Inspect(new("a.jpg", mp4), new PetitionSettings()).ContentType);
        Assert.Equal("video/quicktime", PetitionFiles.Inspect(new("a", mov), new PetitionSettings()).ContentType);
        Assert.Equal("video/webm", PetitionFiles.Inspect(new("a.webm", webm), new PetitionSettings()).ContentType);
    }

    [Fact]
    public void Text_named_as_a_photo_and_empty_files_are_refused()
    {
        var text = PetitionFiles.Inspect(new("photo.jpg", "<script>alert(1)</script>"u8.ToArray()), new PetitionSettings());
        var empty = PetitionFiles.Inspect(new("photo.jpg", []), new PetitionSettings());

        Assert.NotNull(text.Error);
        Assert.Contains("photo.jpg", text.Error.Value.English, StringComparison.Ordinal);
        Assert.Contains("empty", empty.Error!.Value.English, StringComparison.Ordinal);
    }

    [Fact]
    public void Size_and_count_limits_come_from_the_settings()
    {
        var settings = new PetitionSettings { MaxImageBytes = 100, MaxAttachments = 1 };
        var png = Png(64, 64);

        Assert.Contains("larger than", PetitionFiles.Inspect(new("big.png", png), settings).Error!.Value.English, StringComparison.Ordinal);
        Assert.Contains("At most 1", PetitionFiles.Check([new("a.png", png), new("b.png", png)], settings)!.Value.English, StringComparison.Ordinal);
    }

    private static byte[] Png(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.Coral);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
