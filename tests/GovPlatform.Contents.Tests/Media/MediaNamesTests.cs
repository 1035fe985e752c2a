using GovPlatform.Contents.Media;
using GovPlatform.Files;

namespace GovPlatform.Contents.Tests.Media;

/// <summary>Stored names and paths: safe in a URL and on any file system, never outside the tenant's media folder.</summary>
public sealed class MediaNamesTests
{
    [Theory]
    [InlineData("2025年 工作 (终稿).PDF", "2025年-工作-终稿.pdf")]
    [InlineData("站前区五老工作室.jpg", "站前区五老工作室.jpg")]
    [InlineData("my_photo-01.JPEG", "my_photo-01.jpeg")]
    [InlineData("a  &  b!!.png", "a-b.png")]
    [InlineData("C:\\Users\\王\\Desktop\\照片.png", "照片.png")]
    [InlineData("../../etc/passwd.txt", "passwd.txt")]
    [InlineData("report..final.docx", "report.final.docx")]
    [InlineData("-.-_.png", "file.png")]
    [InlineData("😀😀.png", "file.png")]
    [InlineData("𠀀字.png", "𠀀字.png")]
    [InlineData("invoice\u202Egpj.pdf", "invoicegpj.pdf")]
    [InlineData("%2e%2e%2fsecret.txt", "2e-2e-2fsecret.txt")]
    [InlineData("no-extension.", "no-extension")]
    public void Names_keep_letters_digits_and_a_few_marks(string uploaded, string stored)
    {
        Assert.Equal(stored, MediaChecks.SafeName(uploaded));
        Assert.True(MediaPaths.IsValid("2025/06/0123456789ab-" + MediaChecks.SafeName(uploaded)));
    }

    [Fact]
    public void Long_names_are_cut_to_eighty_characters_before_the_extension()
    {
        var safe = MediaChecks.SafeName(new string('长', 200) + ".pdf");

        Assert.Equal(new string('长', 80) + ".pdf", safe);
    }

    [Fact]
    public void The_shown_name_is_the_last_segment_without_control_characters()
    {
        Assert.Equal("照片 (1).png", MediaChecks.DisplayName("C:\\fakepath\\照片 (1).png"));
        Assert.Equal("ab.png", MediaChecks.DisplayName("a\u0000b\u202E.png"));
        Assert.Equal("", MediaChecks.DisplayName("folder/"));
        Assert.Equal("The file has no name.", MediaChecks.TypeOf("  ").Error!.Value.English);
    }

    [Theory]
    [InlineData("2025/06/0123456789ab-a.png", true)]
    [InlineData("a.png", true)]
    [InlineData("2025/06/站前.pdf", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("/etc/passwd", false)]
    [InlineData("../a.png", false)]
    [InlineData("2025/../../a.png", false)]
    [InlineData("2025/./a.png", false)]
    [InlineData("2025//a.png", false)]
    [InlineData("2025/06/", false)]
    [InlineData("..\\a.png", false)]
    [InlineData("C:/a.png", false)]
    [InlineData("a\u0000.png", false)]
    [InlineData("a/ /b.png", false)]
    public void Paths_stay_inside_the_media_folder(string? path, bool valid)
    {
        Assert.Equal(valid, MediaPaths.IsValid(path));
        if (!valid)
        {
            Assert.Throws<ArgumentException>(() => MediaPaths.Check(path));
        }
    }

    [Fact]
    public void A_path_longer_than_the_column_is_refused()
    {
        Assert.True(MediaPaths.IsValid(new string('a', MediaPaths.MaxLength)));
        Assert.False(MediaPaths.IsValid(new string('a', MediaPaths.MaxLength + 1)));
    }

    [Fact]
    public void Urls_escape_each_segment_under_the_tenant()
    {
        Assert.Equal("/lianhu/media/2025/06/0123456789ab-%E9%80%9A%E7%9F%A5.pdf", MediaPaths.Url("/lianhu", "2025/06/0123456789ab-通知.pdf"));
        Assert.Equal("/media/a%20b.png", MediaPaths.Url("", "a b.png"));
        Assert.Throws<ArgumentException>(() => MediaPaths.Url("/lianhu", "../x.png"));
    }

    [Fact]
    public async Task The_default_store_keeps_files_under_media_and_refuses_paths_that_leave_it()
    {
        var files = new RecordingFiles();
        var store = new TenantFilesMediaStore(files);

        await store.SaveAsync("2025/06/abc-a.txt", new MemoryStream("hello"u8.ToArray()));
        await using (var blob = await store.OpenReadAsync("2025/06/abc-a.txt"))
        {
            Assert.NotNull(blob);
            Assert.Equal(5, blob.Length);
            Assert.Equal("hello", await new StreamReader(blob.Content).ReadToEndAsync());
        }

        Assert.Null(await store.OpenReadAsync("2025/06/other.txt"));
        Assert.True(await store.DeleteAsync("2025/06/abc-a.txt"));
        Assert.False(await store.DeleteAsync("2025/06/abc-a.txt"));
        Assert.Equal(["write media/2025/06/abc-a.txt", "read media/2025/06/abc-a.txt", "read media/2025/06/other.txt", "delete media/2025/06/abc-a.txt", "delete media/2025/06/abc-a.txt"], files.Calls);

        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveAsync("../site/logo", new MemoryStream([1])));
        await Assert.ThrowsAsync<ArgumentException>(() => store.OpenReadAsync("../../other-tenant/files/x"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.DeleteAsync("/media/x"));
        Assert.Equal(5, files.Calls.Count);
    }

    /// <summary>The tenant's files in memory, recording what the store asked for.</summary>
    private sealed class RecordingFiles : ITenantFiles
    {
        private readonly Dictionary<string, byte[]> _files = [];

        public List<string> Calls { get; } = [];

        public async Task WriteAsync(string path, Stream content, CancellationToken cancellationToken = default)
        {
            Calls.Add("write " + path);
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy, cancellationToken);
            _files[path] = copy.ToArray();
        }

        public Stream? OpenRead(string path)
        {
            Calls.Add("read " + path);
            return _files.TryGetValue(path, out var bytes) ? new MemoryStream(bytes, writable: false) : null;
        }

        public bool Delete(string path)
        {
            Calls.Add("delete " + path);
            return _files.Remove(path);
        }
    }
}
