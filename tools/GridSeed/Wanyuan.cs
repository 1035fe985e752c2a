using NetTopologySuite.Geometries;

namespace GovPlatform.Tools.GridSeed;

/// <summary>
/// 万源市: 县(市) → 乡镇(街道) → 村(社区) → 网格 (→ 微网格, only in the sample). 30 townships, 364 grids of 300–500
/// households: 115 urban grids in the communities, each with a full-time worker (63 public-welfare posts, 52 funded),
/// and 249 rural grids in the villages, one per villager group, each with a part-time worker.
/// </summary>
internal static class Wanyuan
{
    private const double CityLon = 108.035;
    private const double CityLat = 32.065;

    /// <summary>The two 街道 and 太平镇 lie around the old town; the rest are spread over the county in this order.</summary>
    private static readonly (string Name, string English)[] Townships =
    [
        ("古东关街道", "Gudongguan Subdistrict"), ("后河街道", "Houhe Subdistrict"), ("太平镇", "Taiping Town"),
        ("青花镇", "Qinghua Town"), ("旧院镇", "Jiuyuan Town"), ("罗文镇", "Luowen Town"), ("河口镇", "Hekou Town"),
        ("草坝镇", "Caoba Town"), ("竹峪镇", "Zhuyu Town"), ("大竹镇", "Dazhu Town"), ("黄钟镇", "Huangzhong Town"),
        ("官渡镇", "Guandu Town"), ("白沙镇", "Baisha Town"), ("沙滩镇", "Shatan Town"), ("石塘镇", "Shitang Town"),
        ("八台镇", "Batai Town"), ("固军镇", "Gujun Town"), ("大沙镇", "Dasha Town"), ("井溪镇", "Jingxi Town"),
        ("长坝镇", "Changba Town"), ("石窝镇", "Shiwo Town"), ("鹰背镇", "Yingbei Town"), ("铁矿镇", "Tiekuang Town"),
        ("白果镇", "Baiguo Town"), ("蜂桶乡", "Fengtong Township"), ("庙垭乡", "Miaoya Township"), ("秦河乡", "Qinhe Township"),
        ("曹家乡", "Caojia Township"), ("紫溪乡", "Zixi Township"), ("梨树乡", "Lishu Township"),
    ];

    private static readonly DateOnly From = new(2023, 3, 1);
    private static readonly DateOnly To = new(2025, 12, 31);

    public static TenantData Build(HashSet<string> phones)
    {
        var random = new Random(511781);
        var projection = new LocalProjection((107.47 + 108.52) / 2, (31.62 + 32.34) / 2);
        var city = projection.ToMetric(CityLon, CityLat);

        // Denser (smaller units) around the old town, so that its grids are a few streets rather than a few hills.
        double Density(Coordinate c) => 1 + (16 * Math.Exp(-(((c.X - city.X) * (c.X - city.X)) + ((c.Y - city.Y) * (c.Y - city.Y))) / (2 * 3000.0 * 3000.0)));
        var tessellator = new Tessellator(random, Density, 17);

        var root = new Unit
        {
            Code = "511781",
            Name = "万源市",
            EnglishName = "Wanyuan City",
            Level = 1,
            Shape = Seeding.Outline(projection, 107.47, 108.52, 31.62, 32.34, random),
        };

        // Townships: the three cells nearest the old town are the two 街道 and 太平镇, coded first.
        var cells = tessellator.Split(root.Shape, Townships.Length);
        var byDistance = Enumerable.Range(0, cells.Count).OrderBy(i => cells[i].InteriorPoint.Coordinate.Distance(city)).Take(3).ToList();
        var order = byDistance.Concat(Enumerable.Range(0, cells.Count).Except(byDistance)).ToList();
        for (var i = 0; i < Townships.Length; i++)
        {
            var t = root.AddChild(i + 1, 2, Townships[i].Name, cells[order[i]], Townships[i].English);
            t.Type = t.Name.EndsWith("街道", StringComparison.Ordinal) ? "街道" : "镇";
        }

        // Villages and communities: 7 communities and 2 villages in each 街道; a seat community and 2–4 villages in each town.
        var towns = root.Children.Where(t => t.Type == "镇").ToList();
        var villagesPerTown = Seeding.Allocate(84, towns.Count, 2, 4, random);
        var communityNames = new Names.Pool(random, Names.WanyuanTown);
        var villageNames = new Names.Pool(random, Names.WanyuanVillage);
        communityNames.Reserve("庙沟社区");
        foreach (var town in towns)
        {
            communityNames.Reserve(Seat(town) + "社区");
        }

        foreach (var township in root.Children)
        {
            var isStreet = township.Type == "街道";
            var count = isStreet ? 9 : 1 + villagesPerTown[towns.IndexOf(township)];
            var communities = isStreet ? 7 : 1;
            var parts = tessellator.Split(township.Shape!, count);
            var centre = isStreet ? city : township.Shape!.InteriorPoint.Coordinate;
            var urban = Enumerable.Range(0, parts.Count).OrderBy(i => parts[i].InteriorPoint.Coordinate.Distance(centre)).Take(communities).ToList();
            var segment = 0;
            foreach (var i in urban)
            {
                var name = township.Name == "古东关街道" && segment == 0 ? "庙沟社区" : isStreet ? communityNames.Next("社区") : Seat(township) + "社区";
                var community = township.AddChild(++segment, 3, name, parts[i]);
                community.Type = "社区";
                if (name == "庙沟社区")
                {
                    community.Notes = "“网格化+积分制”先行先试：志愿者50余名，2024年以来志愿服务活动34场次，发放积分9790分";
                }
            }

            foreach (var i in Enumerable.Range(0, parts.Count).Except(urban))
            {
                township.AddChild(++segment, 3, villageNames.Next("村"), parts[i]).Type = "村";
            }
        }

        // Grids: 115 urban (3–6 in a 街道's community, 1–3 in a town's seat), 249 rural (2–4 villager groups a village).
        var level3 = root.Children.SelectMany(t => t.Children).ToList();
        var urbanUnits = level3.Where(u => u.Type == "社区").ToList();
        var ruralUnits = level3.Where(u => u.Type == "村").ToList();
        var urbanCounts = Seeding.Allocate(115, [.. urbanUnits.Select(u => u.Parent!.Type == "街道" ? 3 : 1)], [.. urbanUnits.Select(u => u.Parent!.Type == "街道" ? 6 : 3)], random);
        var ruralCounts = Seeding.Allocate(249, ruralUnits.Count, 2, 4, random);
        for (var i = 0; i < urbanUnits.Count; i++)
        {
            var unit = urbanUnits[i];
            var parts = tessellator.Split(unit.Shape!, urbanCounts[i]);
            for (var j = 0; j < parts.Count; j++)
            {
                Seeding.Figures(unit.AddChild(j + 1, 2, $"第{Names.Chinese(j + 1)}网格", parts[j]), random, (300, 500), (2.6, 3.0), (18, 40));
            }
        }

        for (var i = 0; i < ruralUnits.Count; i++)
        {
            var unit = ruralUnits[i];
            var parts = tessellator.Split(unit.Shape!, ruralCounts[i]);
            for (var j = 0; j < parts.Count; j++)
            {
                Seeding.Figures(unit.AddChild(j + 1, 2, $"第{Names.Chinese(j + 1)}村民小组网格", parts[j]), random, (300, 500), (2.9, 3.4), (0.9, 1.1));
            }
        }

        root.SumUp();

        var sample = MicroGrids(level3.First(u => u.Name == "庙沟社区"), random, out var pushed);
        var extra = Urban.RoundAll(root, projection, [.. sample.Fixed.Select(u => u.Shape!), pushed.Shape!]);
        for (var i = 0; i < sample.Fixed.Count; i++)
        {
            sample.Fixed[i].Boundary = extra[i];
        }

        pushed.Boundary = extra[^1];

        return new TenantData
        {
            Folder = "wanyuan",
            UnitsFile = "grid.geojson",
            WorkersFile = "grid-workers.csv",
            Root = root,
            Projection = projection,
            Assignments = Workers(root, random, phones),
            Sample = sample,
            Expect = new Expectation
            {
                UnitsPerLevel = new Dictionary<int, int> { [1] = 1, [2] = 30, [3] = level3.Count, [4] = 364 },
                HouseholdRanges = new Dictionary<int, (int, int)> { [4] = (300, 500) },
                Rows = new Dictionary<(string, string), int>
                {
                    [("leader", "partTime")] = 1 + 30 + level3.Count + 249,
                    [("leader", "fullTime")] = 115,
                },
                Workers = new Dictionary<string, int> { ["fullTime"] = 63 + 52, ["partTime"] = 249 },
            },
        };
    }

    private static string Seat(Unit town) => town.Name[..^1];

    /// <summary>
    /// The micro-grids of the first three grids of 庙沟社区 (4, 5 and 6 of them), and one of them pushed about 30 m into its
    /// neighbour along a stretch of their common border: the pair with the longest common border.
    /// </summary>
    private static MicroGridSample MicroGrids(Unit community, Random random, out Unit pushed)
    {
        var tessellator = new Tessellator(random);
        var all = new List<Unit>();
        var grids = community.Children.Take(3).ToList();
        for (var g = 0; g < grids.Count; g++)
        {
            var grid = grids[g];
            var n = Math.Clamp(4 + g, (grid.Households + 119) / 120, grid.Households / 30);
            var parts = tessellator.Split(grid.Shape!, n);
            var households = Seeding.Allocate(grid.Households, n, 30, 120, random);
            var residents = Seeding.Proportional(grid.Residents, households);
            var buildings = Seeding.Allocate(grid.Buildings, n, 1, grid.Buildings, random);
            var first = 1;
            for (var i = 0; i < n; i++)
            {
                var micro = grid.AddChild(i + 1, 2, $"第{i + 1}微网格", parts[i]);
                (micro.Households, micro.Residents, micro.Buildings) = (households[i], residents[i], buildings[i]);
                micro.Notes = $"楼栋长任微网格长；第{first}–{first + buildings[i] - 1}栋";
                first += buildings[i];
                all.Add(micro);
            }

            // The sample stands beside grid.geojson: the grids themselves stay leaves there.
            grid.Children.Clear();
        }

        // The neighbours with the longest common border, and the longest straight piece of it.
        (Unit A, Unit B, LineSegment Edge)? best = null;
        foreach (var a in all)
        {
            foreach (var b in all.Where(b => b.Parent == a.Parent && string.CompareOrdinal(b.Code, a.Code) > 0))
            {
                var common = Geo.Intersection(a.Shape!.Boundary, b.Shape!.Boundary);
                foreach (var line in Enumerable.Range(0, common.NumGeometries).Select(common.GetGeometryN).OfType<LineString>())
                {
                    for (var i = 0; i < line.NumPoints - 1; i++)
                    {
                        var edge = new LineSegment(line.GetCoordinateN(i), line.GetCoordinateN(i + 1));
                        if (best is null || edge.Length > best.Value.Edge.Length)
                        {
                            best = (a, b, edge);
                        }
                    }
                }
            }
        }

        var (pa, pb, e) = best ?? throw new InvalidOperationException("no two micro-grids share a border");
        // The bump: in A's ring, the common edge P→Q becomes P, S1, S1 + 30 m into B, S2 + 30 m into B, S2, Q, with S1 and S2
        // on the edge around its middle. S1 and S2 stay on B's border, where the rounding inserts them into B's ring too.
        const double Depth = 30;
        var ring = pa.Shape!.Coordinates;
        var at = Enumerable.Range(0, ring.Length - 1).First(i =>
            (ring[i].Equals2D(e.P0) && ring[i + 1].Equals2D(e.P1)) || (ring[i].Equals2D(e.P1) && ring[i + 1].Equals2D(e.P0)));
        var (p, q) = (ring[at], ring[at + 1]);
        var edgeLength = p.Distance(q);
        var length = Math.Min(120, edgeLength - (2 * Depth));
        var u = new Coordinate((q.X - p.X) / edgeLength, (q.Y - p.Y) / edgeLength);
        var normal = new Coordinate(-u.Y, u.X);
        var probe = Geo.Metric.CreatePoint(new Coordinate(((p.X + q.X) / 2) + normal.X, ((p.Y + q.Y) / 2) + normal.Y));
        if (!pb.Shape!.Contains(probe))
        {
            normal = new Coordinate(-normal.X, -normal.Y);
        }

        Coordinate On(double along, double across) =>
            new(p.X + (u.X * along) + (normal.X * across), p.Y + (u.Y * along) + (normal.Y * across));
        var (from, to) = ((edgeLength - length) / 2, (edgeLength + length) / 2);
        Coordinate[] inserted = [On(from, 0), On(from, Depth), On(to, Depth), On(to, 0)];
        var bump = Geo.Metric.CreatePolygon([.. inserted, inserted[0]]);
        if (Geo.Difference(bump, pb.Shape!).Area > 1e-3)
        {
            throw new InvalidOperationException("the bump does not fit in the neighbour");
        }

        var shape = Geo.Metric.CreatePolygon([.. ring[..(at + 1)], .. inserted, .. ring[(at + 1)..]]);
        if (!shape.IsValid)
        {
            throw new InvalidOperationException("the pushed micro-grid is not valid");
        }

        pushed = new Unit
        {
            Code = pa.Code,
            Name = pa.Name,
            Level = pa.Level,
            Parent = pa.Parent,
            Households = pa.Households,
            Residents = pa.Residents,
            Buildings = pa.Buildings,
            Notes = pa.Notes,
            Shape = shape,
        };

        return new MicroGridSample { Fixed = all, Pushed = pushed, Neighbour = pb, OverlapSquareMetres = Geo.Intersection(shape, pb.Shape!).Area };
    }

    private static List<Assignment> Workers(Unit root, Random random, HashSet<string> phones)
    {
        var people = new People(random, People.Regional("杨1.3 何1.5 罗1.5 谢1.3 唐1.5 向0.5 冉0.3 覃0.3 蒲0.3 符0.2 庞0.2 王1.2 李1.2"), phones, From, To);
        var rows = new List<Assignment> { new(people.New("partTime", "none", "市委常委、政法委书记（一级网格长）", 0.2), root.Code, "leader") };
        var urbanGrids = root.Descendants().Where(u => u.Level == 4 && u.Parent!.Type == "社区").ToList();
        var funded = Seeding.Shuffled(urbanGrids.Count, random).Take(52).ToHashSet();
        var urbanIndex = 0;
        foreach (var township in root.Children)
        {
            var isStreet = township.Type == "街道";
            rows.Add(new(people.New("partTime", "none", isStreet ? "街道政法委员（二级网格长）" : "乡镇政法委员（二级网格长）", 0.3), township.Code, "leader"));
            foreach (var unit in township.Children)
            {
                var notes = unit.Type == "社区" ? "社区党委书记（三级网格长）" : "村党支部书记（三级网格长）";
                rows.Add(new(people.New("partTime", "none", notes, 0.35), unit.Code, "leader"));
                foreach (var grid in unit.Children)
                {
                    if (unit.Type == "社区")
                    {
                        var post = funded.Contains(urbanIndex++) ? "财政保障专职网格员（四级网格长）" : "公益性岗位专职网格员（四级网格长）";
                        var worker = people.New("fullTime", "none", post, 0.6);
                        rows.Add(new(worker, grid.Code, "leader"));
                        rows.Add(new(worker, grid.Code, "worker"));
                        for (var n = Seeding.Between(random, 1, 2); n > 0; n--)
                        {
                            var who = random.Next(3) switch { 0 => "楼栋长", 1 => "党员干部", _ => "平安志愿者" };
                            rows.Add(new(people.New("auxiliary", "none", $"网格辅助员（{who}）", 0.5), grid.Code, "worker"));
                        }
                    }
                    else
                    {
                        var worker = people.New("partTime", "none", "村民小组长兼兼职网格员（四级网格长）", 0.3);
                        rows.Add(new(worker, grid.Code, "leader"));
                        rows.Add(new(worker, grid.Code, "worker"));
                        if (random.NextDouble() < 0.4)
                        {
                            rows.Add(new(people.New("auxiliary", "none", random.Next(2) == 0 ? "网格辅助员（党员）" : "网格辅助员（平安志愿者）", 0.5), grid.Code, "worker"));
                        }
                    }
                }
            }

            rows.AddRange(Teams(township, random, people));
        }

        return rows;
    }

    /// <summary>The five teams in a township's grids: 政法, 应急, 民兵, 干部 and 志愿者.</summary>
    private static IEnumerable<Assignment> Teams(Unit township, Random random, People people)
    {
        var isStreet = township.Type == "街道";
        var grids = township.Children.SelectMany(u => u.Children).ToList();

        // Political-legal: two or three officers, each with a share of the township's grids.
        string[] legal = ["派出所民警", "司法所工作人员", "人民法庭干警"];
        var officers = Enumerable.Range(0, Seeding.Between(random, 2, 3)).Select(i => people.New("partTime", "politicalLegal", legal[i], 0.3)).ToList();
        for (var i = 0; i < grids.Count; i++)
        {
            yield return new(officers[i % officers.Count], grids[i].Code, "teamMember");
        }

        // Emergency: a doctor and a fire or power worker, on call for about half the grids.
        string[] emergency = ["乡镇卫生院医生", isStreet ? "消防救援站队员" : "供电所职工"];
        var responders = emergency.Select(e => people.New("partTime", "emergency", e, 0.4)).ToList();
        for (var i = 0; i < grids.Count; i++)
        {
            if (random.NextDouble() < 0.45)
            {
                yield return new(responders[random.Next(responders.Count)], grids[i].Code, "teamMember");
            }
        }

        // Militia: the village's militia leader in each of its grids.
        foreach (var village in township.Children.Where(u => u.Type == "村"))
        {
            var militia = people.New("auxiliary", "militia", "村民兵连长", 0.1);
            foreach (var grid in village.Children)
            {
                yield return new(militia, grid.Code, "teamMember");
            }
        }

        // Cadres: a township cadre for every three grids (包网联户).
        var cadre = default(Person);
        for (var i = 0; i < grids.Count; i++)
        {
            if (i % 3 == 0)
            {
                cadre = people.New("partTime", "cadres", isStreet ? "街道机关干部（包网联户）" : "乡镇机关干部（包网联户）", 0.4);
            }

            yield return new(cadre!, grids[i].Code, "teamMember");
        }

        // Volunteers: a 平安志愿者 in each urban grid; 庙沟社区's 52 points-scheme volunteers share its grids.
        foreach (var community in township.Children.Where(u => u.Type == "社区"))
        {
            var count = community.Name == "庙沟社区" ? 52 : community.Children.Count;
            var notes = community.Name == "庙沟社区" ? "积分制志愿者" : "平安志愿者";
            for (var i = 0; i < count; i++)
            {
                yield return new(people.New("auxiliary", "volunteers", notes, 0.6), community.Children[i % community.Children.Count].Code, "teamMember");
            }
        }
    }
}
