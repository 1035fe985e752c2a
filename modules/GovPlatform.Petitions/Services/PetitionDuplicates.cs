namespace GovPlatform.Petitions.Services;

/// <summary>How alike two descriptions are: the Dice coefficient of their character bigrams, ignoring spaces and punctuation (works for Chinese, which has no words to split on).</summary>
internal static class PetitionDuplicates
{
    public static double Similarity(string a, string b)
    {
        var left = Bigrams(a);
        var right = Bigrams(b);
        if (left.Count == 0 || right.Count == 0)
        {
            return Normalize(a) == Normalize(b) ? 1 : 0;
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var gram in left)
        {
            counts[gram] = counts.GetValueOrDefault(gram) + 1;
        }

        var shared = 0;
        foreach (var gram in right)
        {
            if (counts.TryGetValue(gram, out var n) && n > 0)
            {
                counts[gram] = n - 1;
                shared++;
            }
        }

        return 2.0 * shared / (left.Count + right.Count);
    }

    private static string Normalize(string text) =>
        new([.. text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);

    private static List<string> Bigrams(string text)
    {
        var normal = Normalize(text);
        List<string> grams = [];
        for (var i = 0; i + 1 < normal.Length; i++)
        {
            grams.Add(normal.Substring(i, 2));
        }

        return grams;
    }
}
