namespace GovPlatform.Tools.GridSeed;

/// <summary>
/// Makes up people: a common surname (weighted by how common it is, with the region's own favourites), a one- or
/// two-character given name, and a mobile number 1[3-9]… that no one else in the seed has. The names and numbers are
/// invented; a number may still belong to someone real, so never dial or text them.
/// </summary>
internal sealed class People
{
    private static readonly (string Surname, double Weight)[] National =
    [
        ("王", 7.1), ("李", 7.0), ("张", 6.7), ("刘", 5.4), ("陈", 4.5), ("杨", 3.1), ("赵", 2.3), ("黄", 2.2), ("周", 2.1),
        ("吴", 2.0), ("徐", 1.7), ("孙", 1.5), ("胡", 1.3), ("朱", 1.3), ("高", 1.2), ("林", 1.2), ("何", 1.2), ("郭", 1.15),
        ("马", 1.05), ("罗", 0.86), ("梁", 0.84), ("宋", 0.81), ("郑", 0.78), ("谢", 0.72), ("韩", 0.68), ("唐", 0.63),
        ("冯", 0.62), ("于", 0.62), ("董", 0.6), ("肖", 0.6), ("程", 0.57), ("曹", 0.57), ("袁", 0.54), ("邓", 0.54),
        ("许", 0.53), ("付", 0.52), ("沈", 0.49), ("曾", 0.48), ("彭", 0.47), ("吕", 0.46), ("苏", 0.45), ("卢", 0.45),
        ("蒋", 0.45), ("蔡", 0.44), ("贾", 0.43), ("丁", 0.42), ("魏", 0.41), ("薛", 0.4), ("叶", 0.4), ("闫", 0.39),
        ("余", 0.38), ("潘", 0.38), ("杜", 0.37), ("戴", 0.36), ("夏", 0.35), ("钟", 0.35), ("汪", 0.34), ("田", 0.34),
        ("任", 0.33), ("姜", 0.33), ("范", 0.32), ("方", 0.31), ("石", 0.3), ("姚", 0.3), ("谭", 0.29), ("廖", 0.29),
        ("邹", 0.28), ("熊", 0.28), ("金", 0.27), ("陆", 0.27), ("郝", 0.26), ("孔", 0.25), ("白", 0.25), ("崔", 0.25),
        ("康", 0.24), ("毛", 0.24), ("邱", 0.23), ("秦", 0.23), ("江", 0.22), ("史", 0.22), ("顾", 0.21), ("侯", 0.21),
        ("邵", 0.2), ("孟", 0.2), ("龙", 0.19), ("万", 0.19), ("段", 0.18), ("雷", 0.18), ("钱", 0.17), ("汤", 0.17),
        ("尹", 0.16), ("黎", 0.16), ("易", 0.15), ("常", 0.15), ("武", 0.15), ("乔", 0.15), ("贺", 0.15), ("赖", 0.14),
        ("龚", 0.14), ("文", 0.14),
    ];

    private const string MaleChars = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宁健亮峰建国志宏文海林春东永俊浩宇博晨凯洋帅龙旭振兵成德福荣新力忠民义安光庆武金山松";
    private const string FemaleChars = "芳娜敏静丽艳娟霞秀玲燕萍红梅琳雪慧婷倩颖莉洁琴云兰凤丹蓉英佳欣悦月晶媛莹露瑶怡玉珍桂翠春萌";

    private static readonly string[] MobilePrefixes =
    [
        "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "147", "150", "151", "152", "153", "155", "156",
        "157", "158", "159", "166", "173", "175", "176", "177", "178", "180", "181", "182", "183", "184", "185", "186", "187",
        "188", "189", "191", "198", "199",
    ];

    private readonly Random _random;
    private readonly (string Surname, double Weight)[] _surnames;
    private readonly double _total;
    private readonly HashSet<string> _phones;
    private readonly HashSet<string> _names = [];
    private readonly DateOnly _from;
    private readonly DateOnly _to;

    /// <param name="regional">Multipliers (or additions, for surnames missing nationally) of the region's surnames.</param>
    /// <param name="phones">Numbers already handed out, shared by every tenant so that no number repeats in the seed.</param>
    public People(Random random, IReadOnlyDictionary<string, double> regional, HashSet<string> phones, DateOnly from, DateOnly to)
    {
        _random = random;
        _phones = phones;
        _from = from;
        _to = to;
        var list = National.Select(s => (s.Surname, s.Weight * regional.GetValueOrDefault(s.Surname, 1.0))).ToList();
        list.AddRange(regional.Where(r => National.All(s => s.Surname != r.Key)).OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, r.Value)));
        _surnames = [.. list];
        _total = _surnames.Sum(s => s.Weight);
    }

    /// <summary>Regional surname weights written as surname and factor, "马1.6 雷2 党0.2".</summary>
    public static Dictionary<string, double> Regional(string weights) =>
        weights.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(w => w[..1], w => double.Parse(w[1..], System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>A new person; <paramref name="femaleShare"/> is the chance of a woman's given name.</summary>
    public Person New(string kind, string team, string? notes, double femaleShare = 0.5)
    {
        string name;
        do
        {
            name = Surname() + GivenName(_random.NextDouble() < femaleShare ? FemaleChars : MaleChars);
        }
        while (!_names.Add(name));

        string phone;
        do
        {
            phone = MobilePrefixes[_random.Next(MobilePrefixes.Length)] + _random.Next(0, 100_000_000).ToString("D8");
        }
        while (!_phones.Add(phone));

        var start = _from.AddDays(_random.Next(_to.DayNumber - _from.DayNumber + 1));
        return new Person(name, phone, kind, team, start, notes);
    }

    private string Surname()
    {
        var x = _random.NextDouble() * _total;
        foreach (var (surname, weight) in _surnames)
        {
            x -= weight;
            if (x < 0)
            {
                return surname;
            }
        }

        return _surnames[^1].Surname;
    }

    private string GivenName(string chars)
    {
        var first = chars[_random.Next(chars.Length)];
        if (_random.NextDouble() < 0.3)
        {
            return first.ToString();
        }

        char second;
        do
        {
            second = chars[_random.Next(chars.Length)];
        }
        while (second == first);
        return $"{first}{second}";
    }
}
