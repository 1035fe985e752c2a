namespace GovPlatform.RedGrid.Pairings;

/// <summary>What pairings gave: money and goods' value (fen), problems solved, visits.</summary>
public sealed record HelpSums(long MoneyFen, long GoodsFen, int Problems, int Visits)
{
    public static HelpSums Zero { get; } = new(0, 0, 0, 0);

    public static HelpSums operator +(HelpSums a, HelpSums b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.MoneyFen + b.MoneyFen, a.GoodsFen + b.GoodsFen, a.Problems + b.Problems, a.Visits + b.Visits);
    }

    public static HelpSums Add(HelpSums a, HelpSums b) => a + b;
}

/// <summary>One group of the help sums: a pairing's help in a unit in a year.</summary>
public sealed record HelpSumRow(long PairingId, string GridUnitCode, int Year, HelpSums Sums);
